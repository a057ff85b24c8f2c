/**
 * The discord.js Client: the Guilds intent only (no privileged intent), no mention parsed unless
 * a message asks for one, REST pointed at the configured API URL.
 */
import { Client, GatewayIntentBits } from 'discord.js';
import type { Config } from '../config.ts';

export function createClient(config: Pick<Config, 'apiUrl'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: config.apiUrl },
  });
}
