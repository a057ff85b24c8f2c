/**
 * What `npm run doctor -- --online` asks Discord, through the configured API URL and nothing
 * else: that the token is accepted (GET /users/@me) and that every command in commands/ is
 * registered where deploy-commands puts it (the server of DISCORD_GUILD_ID, or globally).
 */
import { REST, Routes, type APIApplicationCommand, type APIUser } from 'discord.js';
import type { Config } from '../config.ts';
import { redact } from '../log.ts';
import { commandType } from './loader.ts';
import type { Command } from './types.ts';

export interface OnlineResult {
  readonly ok: boolean;
  readonly detail: string;
}

const failed = (what: string, err: unknown, token: string): string => `${what} failed: ${redact(err instanceof Error ? err.message : String(err), [token])}`;

/** The token check, then the commands check (skipped when the token is refused). */
export async function checkOnline(config: Config, commands: readonly Command[]): Promise<{ token: OnlineResult; commands: OnlineResult }> {
  const { discordToken: token, clientId, guildId } = config;
  if (!token || !clientId) throw new Error('checkOnline needs DISCORD_TOKEN and DISCORD_CLIENT_ID');
  const rest = new REST({ api: config.apiUrl, retries: 0 }).setToken(token);
  let me: APIUser;
  try {
    me = (await rest.get(Routes.user())) as APIUser;
  } catch (err) {
    const refused = { ok: false, detail: failed('GET /users/@me', err, token) };
    return { token: refused, commands: { ok: false, detail: 'not checked: the token was not accepted' } };
  }
  const tokenResult = { ok: true, detail: `accepted: logged in as ${me.username}` };
  const where = guildId ? `in server ${guildId}` : 'globally';
  let registered: APIApplicationCommand[];
  try {
    registered = (await rest.get(guildId ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId))) as APIApplicationCommand[];
  } catch (err) {
    return { token: tokenResult, commands: { ok: false, detail: failed('listing the registered commands', err, token) } };
  }
  const have = new Set(registered.map((c) => `${c.type}:${c.name}`));
  const missing = commands.filter((c) => !have.has(`${commandType(c.data.toJSON())}:${c.data.name}`)).map((c) => c.data.name);
  return {
    token: tokenResult,
    commands:
      missing.length === 0
        ? { ok: true, detail: `all ${commands.length} registered ${where}` }
        : { ok: false, detail: `not registered ${where}: ${missing.join(', ')}; run npm run deploy-commands` },
  };
}
