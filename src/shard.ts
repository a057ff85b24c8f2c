/**
 * Entry point (npm run start:sharded): the bot under discord.js's ShardingManager, one child
 * process per shard, as many shards as Discord recommends (GET /gateway/bot through
 * DISCORD_API_URL). Each shard runs src/index.ts with the same environment (.env included) plus
 * the shard id and count. SIGINT/SIGTERM stop every shard, then exit 0. No log line holds the token.
 *
 * Optional: SHARD_SPAWN_DELAY_MS (pause between shard spawns; default 5500 / max_concurrency),
 * SHARD_READY_TIMEOUT_MS (how long a shard gets to become ready; default 60000).
 */
import { loadConfig, type Config } from './config.ts';
import { createLogger, logWriter, redact } from './log.ts';

/** A whole number of milliseconds from the environment, or undefined when unset/empty. */
function msFromEnv(name: string): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number of milliseconds: fix it or remove the line for the default.`);
  return Number(raw);
}

let config: Config;
let write: (line: string) => void;
let spawnDelayMs: number | undefined;
let readyTimeoutMs: number | undefined;
try {
  config = loadConfig();
  write = logWriter(config.logFile);
  if (!config.discordToken) throw new Error('DISCORD_TOKEN is required to run sharded: copy the token from Developer Portal → your application → Bot → Reset Token into .env (without a token, npm start runs the local console).');
  spawnDelayMs = msFromEnv('SHARD_SPAWN_DELAY_MS');
  readyTimeoutMs = msFromEnv('SHARD_READY_TIMEOUT_MS');
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Configuration error: ${redact(message, [process.env.DISCORD_TOKEN])}\nSee .env.example and docs/discord.md.\n`);
  process.exit(1);
}

const log = createLogger(config.logLevel, [config.discordToken], write);
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

// discord.js (0.4 s to load) is loaded once the settings are known good: a bad one stops at once.
const { createSharding } = await import('./discord/sharding.ts');
const sharding = createSharding(config, {
  log,
  ...(spawnDelayMs !== undefined ? { spawnDelayMs } : {}),
  ...(readyTimeoutMs !== undefined ? { readyTimeoutMs } : {}),
});

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: stopping every shard`);
  void sharding.stop().finally(() => {
    log.info('all shards stopped');
    process.exit(0);
  });
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));

try {
  const count = await sharding.start();
  log.info(`all ${count} shard${count === 1 ? '' : 's'} ready`);
} catch (err) {
  if (!stopping) {
    log.error(redact(err instanceof Error ? err.message : String(err), [config.discordToken]));
    process.exit(1);
  }
}
