/**
 * The discord.js Client: no privileged intent, no mention parsed unless a message asks for one,
 * REST pointed at the configured API URL.
 *
 * Intents: Guilds (commands, channels), GuildMessages and DirectMessages (questions asked by
 * @mention or in a DM). Without Message Content, Discord still delivers the text of a message
 * that mentions the bot and of a DM, which is all the bot reads. DM channels are not cached
 * before their first message, so they reach discord.js only with the Channel partial.
 *
 * With SHARD_COUNT (and SHARD_IDS) the client runs only those shards, so N hosts can each run a
 * slice of one bot.
 */
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { Config } from '../config.ts';

export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

export function createClient(config: Pick<Config, 'apiUrl' | 'shards'>): Client {
  return new Client({
    // This host's slice of the shards (SHARD_COUNT, SHARD_IDS), with discord.js's own options.
    ...(config.shards ? { shards: [...config.shards.ids], shardCount: config.shards.count } : {}),
    intents: [...INTENTS],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: { api: config.apiUrl },
  });
}
