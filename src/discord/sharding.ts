/**
 * Sharding (npm run start:sharded): discord.js's ShardingManager runs one child process per shard,
 * each running the ordinary bot entry (src/index.ts, started with tsx). The shard count is the one
 * Discord recommends in GET /gateway/bot, asked through the configured API URL — discord.js's own
 * `totalShards: 'auto'` (fetchRecommendedShardCount) always asks https://discord.com/api, so the
 * count is fetched here and handed to the manager as a number. With SHARD_COUNT and SHARD_IDS
 * (config.shards) the manager spawns only this host's shards, of SHARD_COUNT in all: several
 * hosts each run a slice of one bot.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import type { Config } from '../config.ts';
import { redact, type Logger } from '../log.ts';

/** The file every shard process runs: the same entry as npm start. */
export const SHARD_ENTRY = fileURLToPath(new URL('../index.ts', import.meta.url));

/**
 * Discord allows one IDENTIFY per 5 s per rate-limit bucket (shard id % max_concurrency); shards
 * are spawned one after the other, so `window / max_concurrency` apart keeps every bucket's
 * identifies at least `window` apart. 5.5 s is discord.js's own default spawn delay.
 */
export const IDENTIFY_WINDOW_MS = 5_500;
export const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** How long a shard gets to log out after SIGTERM before it is killed. */
export const DEFAULT_STOP_TIMEOUT_MS = 5_000;

export interface GatewayBotInfo {
  /** Recommended shard count. */
  readonly shards: number;
  readonly maxConcurrency: number;
}

/** GET /gateway/bot through `apiUrl` (the same REST base the bot uses). */
export async function fetchGatewayBot(apiUrl: string, token: string): Promise<GatewayBotInfo> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  let body: RESTGetAPIGatewayBotResult;
  try {
    body = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (err) {
    throw new Error(`could not get the recommended shard count (GET /gateway/bot): ${redact(err instanceof Error ? err.message : String(err), [token])}`);
  }
  const shards = body.shards;
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`GET /gateway/bot recommended ${String(shards)} shards`);
  const maxConcurrency = body.session_start_limit?.max_concurrency;
  return { shards, maxConcurrency: Number.isInteger(maxConcurrency) && maxConcurrency >= 1 ? maxConcurrency : 1 };
}

/** The pause between two shard spawns that respects Discord's identify limit. */
export function spawnDelayFor(maxConcurrency: number): number {
  return Math.ceil(IDENTIFY_WINDOW_MS / Math.max(1, Math.floor(maxConcurrency)));
}

export interface ShardingOptions {
  readonly log: Logger;
  /** Pause between shard spawns; default spawnDelayFor(max_concurrency). */
  readonly spawnDelayMs?: number;
  /** How long each shard gets to become ready (default 60 s). */
  readonly readyTimeoutMs?: number;
  /** How long each shard gets to exit after SIGTERM when stopping (default 5 s). */
  readonly stopTimeoutMs?: number;
  /** Default: SHARD_ENTRY. */
  readonly file?: string;
}

export interface Sharding {
  /** The manager, once start() has fetched the shard count. */
  readonly manager: ShardingManager | undefined;
  /**
   * Asks Discord for the shard count (SHARD_COUNT overrides it), spawns the shards (this host's
   * SHARD_IDS, or all), and resolves with how many were spawned once every one is ready.
   */
  start(): Promise<number>;
  /**
   * Stops respawning, sends SIGTERM to every shard process and waits until all have exited (SIGKILL
   * after the stop timeout). Safe to call at any time, also while start() is under way.
   */
  stop(): Promise<void>;
}

export function createSharding(config: Pick<Config, 'apiUrl' | 'discordToken' | 'shards'>, options: ShardingOptions): Sharding {
  const token = config.discordToken;
  if (!token) throw new Error('sharding needs DISCORD_TOKEN');
  const { log } = options;
  const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;

  let manager: ShardingManager | undefined;
  let stopping = false;
  const children = new Set<ChildProcess>();

  const watch = (shard: Shard): void => {
    shard.on('spawn', (child) => {
      if (!('pid' in child)) return;
      const proc = child as ChildProcess;
      children.add(proc);
      proc.once('exit', () => children.delete(proc));
      log.info(`shard ${shard.id}: process ${proc.pid ?? '?'} started`);
      // Spawned while stopping (the spawn loop or a respawn raced the signal): stop it at once.
      if (stopping) proc.kill('SIGTERM');
    });
    shard.on('ready', () => log.info(`shard ${shard.id}: ready`));
    shard.on('death', (child) => {
      if (stopping) return;
      const code = 'exitCode' in child ? (child.exitCode ?? child.signalCode) : undefined;
      log.warn(`shard ${shard.id}: process exited (${String(code ?? 'unknown')})${manager?.respawn ? '; respawning' : ''}`);
    });
    shard.on('error', (err) => log.error(`shard ${shard.id}: ${redact(err.message, [token])}`));
  };

  const stopChild = (child: ChildProcess): Promise<void> =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });

  const stop = async (): Promise<void> => {
    stopping = true;
    if (manager) manager.respawn = false;
    // A shard spawned during the stop is SIGTERMed by its 'spawn' handler; wait until none is left.
    while (children.size > 0) await Promise.all([...children].map(stopChild));
  };

  const start = async (): Promise<number> => {
    const gateway = await fetchGatewayBot(config.apiUrl, token);
    const slice = config.shards;
    const totalShards = slice?.count ?? gateway.shards;
    if (stopping) throw new Error('stopped before the shards were spawned');
    const delay = options.spawnDelayMs ?? spawnDelayFor(gateway.maxConcurrency);
    if (slice) {
      log.info(`SHARD_COUNT ${slice.count}: this host runs shard${slice.ids.length === 1 ? '' : 's'} ${slice.ids.join(', ')}; spawning them ${delay} ms apart`);
      if (slice.count < gateway.shards) log.warn(`Discord recommends ${gateway.shards} shards, more than SHARD_COUNT ${slice.count}`);
    } else {
      log.info(`Discord recommends ${totalShards} shard${totalShards === 1 ? '' : 's'} (max_concurrency ${gateway.maxConcurrency}); spawning them ${delay} ms apart`);
    }

    manager = new ShardingManager(options.file ?? SHARD_ENTRY, {
      totalShards,
      // This host's slice (SHARD_IDS); each shard process gets its id from the manager, not from SHARD_IDS.
      ...(slice ? { shardList: [...slice.ids] } : {}),
      token,
      mode: 'process',
      respawn: true,
      // Each shard runs TypeScript: tsx is loaded by absolute URL, so it resolves from any working folder.
      execArgv: ['--import', import.meta.resolve('tsx')],
    });
    manager.on('shardCreate', watch);
    try {
      await manager.spawn({ amount: totalShards, delay, timeout: readyTimeoutMs });
    } catch (err) {
      await stop();
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`could not start the shards: ${redact(message, [token])}`);
    }
    return slice?.ids.length ?? totalShards;
  };

  return {
    get manager() {
      return manager;
    },
    start,
    stop,
  };
}
