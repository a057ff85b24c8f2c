/**
 * Entry point (npm start): read the configuration; with DISCORD_TOKEN start the Discord bot,
 * without it the local console. A bad setting or a broken corpus file stops it with one line
 * and exit code 1. A changed corpus is answered from without a restart (live-engine.ts).
 * SIGINT/SIGTERM log out cleanly. No log line or error message
 * ever holds the token.
 */
import type { Client } from 'discord.js';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DEFAULT_CORPUS_DIR } from './corpus/load.ts';
import { Engine } from './engine.ts';
import { buildInChild, LiveEngine } from './live-engine.ts';
import { loadEngineOrExplain } from './load-engine.ts';
import { createLogger, logWriter, redact } from './log.ts';

let config: Config;
let write: (line: string) => void;
try {
  config = loadConfig();
  write = logWriter(config.logFile);
} catch (err) {
  const message = err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err);
  process.stderr.write(`Configuration error: ${redact(message, [process.env.DISCORD_TOKEN])}\nSee .env.example and docs/discord.md.\n`);
  process.exit(1);
}

const log = createLogger(config.logLevel, [config.discordToken], write);
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

// A broken corpus file stops the start with check-corpus's one line (file, field, fix), no stack.
const corpusDir = config.corpusDir ?? DEFAULT_CORPUS_DIR;
const engine = loadEngineOrExplain(corpusDir) ?? process.exit(1);
// A changed corpus (a file under sources/, or SIGHUP) is rebuilt beside this engine and swapped in.
const live = new LiveEngine(engine, { corpusDir, load: () => Engine.load({ corpusDir }), addOnly: (current) => current.withAddedSources(corpusDir), prebuild: buildInChild, log });
live.watch();
process.on('SIGHUP', () => void live.reload('SIGHUP'));

if (config.discordToken) {
  const { startBot } = await import('./discord/bot.ts');
  let client: Client | undefined;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: logging out`);
    void (client?.destroy() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // A shard of npm run start:sharded: if the sharding manager is gone (IPC channel closed), stop too.
  process.once('disconnect', () => stop('sharding manager gone'));
  try {
    client = await startBot(() => live.engine, config, { log });
  } catch (err) {
    log.error(redact(err instanceof Error ? err.message : String(err), [config.discordToken]));
    process.exit(1);
  }
} else {
  // One line on standard error, so that piped output holds nothing but answers.
  process.stderr.write('Local console (no DISCORD_TOKEN). To run on Discord: fill .env from .env.example, then npm run deploy-commands and npm start (docs/discord.md).\n');
  const { runConsole } = await import('./console.ts');
  await runConsole(() => live.engine, process.stdin, process.stdout);
}
