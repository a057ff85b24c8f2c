/**
 * Starting the bot: load the commands, create the client, route interactions and the messages
 * that ask the bot a question (mentions.ts), log in and wait
 * for READY. Errors are rethrown with the token redacted.
 */
import { Events, type Client } from 'discord.js';
import type { Config } from '../config.ts';
import { createLogger, redact, type Logger } from '../log.ts';
import { createClient } from './client.ts';
import { Cooldowns } from './cooldown.ts';
import { createInteractionHandler } from './interactions.ts';
import { loadCommands } from './loader.ts';
import { createMessageHandler } from './mentions.ts';
import type { BotEngine, Command, CommandContext } from './types.ts';

export interface BotOptions {
  readonly log?: Logger;
  /** Default: every file in commands/. */
  readonly commands?: readonly Command[];
  /** How long to wait for READY after login (default 30 s). */
  readonly readyTimeoutMs?: number;
}

/**
 * Logs in and answers. `engine` is the engine, or a function that gives the one to answer from
 * now (a corpus reloaded while running, see live-engine.ts): each interaction reads it as it starts.
 */
export async function startBot(engine: BotEngine | (() => BotEngine), config: Config, options: BotOptions = {}): Promise<Client<true>> {
  const token = config.discordToken;
  if (!token) throw new Error('startBot needs DISCORD_TOKEN');
  const log = options.log ?? createLogger(config.logLevel, [token]);
  const commands = options.commands ?? (await loadCommands());
  const client = createClient(config);
  // One set of cooldowns: a question by @mention or DM waits as /ask does, and counts as one.
  const cooldowns = new Cooldowns();
  const current = typeof engine === 'function' ? engine : () => engine;
  const ctx: CommandContext = {
    get engine() {
      return current();
    },
    log,
    commands,
  };
  const handle = createInteractionHandler(ctx, cooldowns);
  const handleMessage = createMessageHandler(ctx, cooldowns);

  client.on(Events.InteractionCreate, (i) => void handle(i));
  client.on(Events.MessageCreate, (m) => void handleMessage(m));
  client.on(Events.Error, (err) => log.error('discord.js client error', err));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (_event, shard) => log.warn(`shard ${shard} disconnected`));
  client.on(Events.ShardResume, (shard) => log.info(`shard ${shard} resumed`));

  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<Client<true>>((resolve, reject) => {
    client.once(Events.ClientReady, resolve);
    timer = setTimeout(() => reject(new Error(`no READY from Discord within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await client.login(token);
    const c = await ready;
    log.info(`logged in as ${c.user.tag}; ${commands.length} commands: ${commands.map((x) => x.data.name).join(', ')}`);
    return c;
  } catch (err) {
    await client.destroy();
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`could not start the bot: ${redact(message, [token])}`);
  } finally {
    clearTimeout(timer);
  }
}
