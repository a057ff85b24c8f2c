/**
 * Registers every command in commands/ with Discord, through the configured API URL: for one
 * server when DISCORD_GUILD_ID is set (instant), else globally. Replaces what was registered.
 */
import { REST, Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Config } from '../config.ts';
import { redact } from '../log.ts';
import { loadCommands } from './loader.ts';
import type { Command } from './types.ts';

export interface DeployResult {
  /** "guild <id>" or "global". */
  readonly scope: string;
  /** What was sent. */
  readonly sent: readonly RESTPostAPIApplicationCommandsJSONBody[];
  /** What Discord answered (with ids). */
  readonly registered: readonly { readonly id: string; readonly name: string; readonly type?: number }[];
}

export async function deployCommands(config: Config, commands?: readonly Command[]): Promise<DeployResult> {
  const { discordToken: token, clientId, guildId } = config;
  if (!token) throw new Error('DISCORD_TOKEN is not set: deploying commands needs the bot token (see .env.example).');
  if (!clientId) throw new Error('DISCORD_CLIENT_ID is not set: deploying commands needs the application id (see .env.example).');
  const body = (commands ?? (await loadCommands())).map((c) => c.data.toJSON());
  const rest = new REST({ api: config.apiUrl }).setToken(token);
  const route = guildId ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId);
  try {
    const registered = (await rest.put(route, { body })) as DeployResult['registered'];
    return { scope: guildId ? `guild ${guildId}` : 'global', sent: body, registered };
  } catch (err) {
    throw new Error(`registering the commands failed: ${redact(err instanceof Error ? err.message : String(err), [token])}`);
  }
}
