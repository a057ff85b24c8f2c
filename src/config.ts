/**
 * Configuration from the environment (and a .env file, loaded with dotenv), validated with zod.
 * Without DISCORD_TOKEN the program runs the local console instead of the bot. CORPUS_DIR puts
 * the archive outside the project. A bad value stops the start with a ConfigError naming the
 * variable and the fix; the token's value is never part of any message.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { DEFAULT_CORPUS_DIR } from './corpus/load.ts';
import { LOG_LEVELS, type LogLevel } from './log.ts';

export interface Config {
  /** Absent: console mode. */
  readonly discordToken?: string;
  readonly clientId?: string;
  readonly guildId?: string;
  /** REST base URL (https://discord.com/api unless pointed at a test server). */
  readonly apiUrl: string;
  readonly logLevel: LogLevel;
  /** Also write the log lines to this file (appended). */
  readonly logFile?: string;
  /** This host's slice of the shards (SHARD_COUNT, SHARD_IDS); absent: every shard Discord recommends. */
  readonly shards?: ShardSlice;
  /** The archive (CORPUS_DIR): a folder holding sources/ and optionally tables/. Absent: corpus/ in the project. */
  readonly corpusDir?: string;
}

export interface ShardSlice {
  /** How many shards the bot has in all, over every host. */
  readonly count: number;
  /** The shards this host runs, ascending. */
  readonly ids: readonly number[];
}

export const DEFAULT_API_URL = 'https://discord.com/api';

/** How to fix each variable, for the error message. */
const FIX: Record<string, string> = {
  DISCORD_TOKEN: 'copy the token from Developer Portal → your application → Bot → Reset Token into .env, or remove the line to use the console',
  DISCORD_CLIENT_ID: 'copy the Application ID from Developer Portal → your application → General Information into .env',
  DISCORD_GUILD_ID: 'use the server id (Discord: Settings → Advanced → Developer Mode, then right-click the server → Copy Server ID), or remove the line to register commands globally',
  DISCORD_API_URL: 'remove the line to use https://discord.com/api, or give a full http(s) URL ending in /api',
  LOG_LEVEL: `use one of ${LOG_LEVELS.join(', ')}`,
  SHARD_COUNT: 'give the total number of shards over every host, a whole number from 1, or remove the line',
  SHARD_IDS: 'give the shards this host runs as a list (0,1) or a range (0-3), each below SHARD_COUNT, or remove the line for all of them',
  LOG_FILE: 'give a file path (its folder is created), or remove the line to log to standard error only',
  CORPUS_DIR: "give the folder that holds the archive's sources/ folder of .md files (absolute, or relative to where npm start runs), or remove the line to use corpus/ in the project",
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}: ${FIX[variable] ?? 'check .env.example'}.`);
    this.name = 'ConfigError';
  }
}

const emptyIsAbsent = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};
/** CORPUS_DIR: absolute once validated. */
const corpusDir = z.preprocess(
  emptyIsAbsent,
  z
    .string()
    .transform((p) => resolve(p))
    .refine(isFolder, 'is not a folder')
    .refine((p) => isFolder(join(p, 'sources')), 'has no sources/ folder')
    .optional(),
);
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a numeric Discord id (17 to 20 digits)');

const Schema = z.object({
  DISCORD_TOKEN: z.preprocess(emptyIsAbsent, z.string().regex(/^[^\s"']{20,}$/, 'does not look like a bot token (at least 20 characters, no spaces or quotes)').optional()),
  DISCORD_CLIENT_ID: z.preprocess(emptyIsAbsent, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyIsAbsent, snowflake.optional()),
  DISCORD_API_URL: z.preprocess(
    emptyIsAbsent,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform((u) => u.replace(/\/+$/, ''))
      .default(DEFAULT_API_URL),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? (emptyIsAbsent(v) as string | undefined)?.toLowerCase() : v),
    z.enum(LOG_LEVELS, { error: 'is not a log level' }).default('info'),
  ),
  LOG_FILE: z.preprocess(emptyIsAbsent, z.string().regex(/^[^\0]+$/, 'is not a file path').optional()),
  CORPUS_DIR: corpusDir,
});

/** "0,1", "0-3" or "0,2-3" → the ids, ascending and once each; null when it is not such a list. */
export function parseShardIds(text: string): number[] | null {
  const ids = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return null;
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * SHARD_COUNT and SHARD_IDS. A shard process of npm run start:sharded (SHARDING_MANAGER set by
 * discord.js) ignores them: its manager hands it its shard in SHARDS and SHARD_COUNT, which
 * discord.js reads itself.
 */
function shardSlice(env: Readonly<Record<string, string | undefined>>): ShardSlice | undefined {
  if (env.SHARDING_MANAGER) return undefined;
  const countText = env.SHARD_COUNT?.trim() ?? '';
  const idsText = env.SHARD_IDS?.trim() ?? '';
  if (countText === '') {
    if (idsText !== '') throw new ConfigError('SHARD_IDS', 'needs SHARD_COUNT');
    return undefined;
  }
  if (!/^\d{1,5}$/.test(countText) || Number(countText) < 1) throw new ConfigError('SHARD_COUNT', 'is not a whole number from 1');
  const count = Number(countText);
  if (idsText === '') return { count, ids: Array.from({ length: count }, (_, k) => k) };
  const ids = parseShardIds(idsText);
  if (!ids) throw new ConfigError('SHARD_IDS', 'is not a list (0,1) or a range (0-3) of shard ids');
  if (ids.some((id) => id >= count)) throw new ConfigError('SHARD_IDS', `names a shard that SHARD_COUNT ${count} does not have (ids run from 0 to ${count - 1})`);
  return { count, ids };
}

/** Validates `env`; throws a ConfigError for the first bad variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = Schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'configuration');
    throw new ConfigError(variable, issue?.message ?? 'is invalid');
  }
  const v = parsed.data;
  if (v.DISCORD_TOKEN !== undefined && v.DISCORD_CLIENT_ID === undefined) {
    throw new ConfigError('DISCORD_CLIENT_ID', 'is required when DISCORD_TOKEN is set');
  }
  const shards = shardSlice(env);
  return {
    ...(v.DISCORD_TOKEN !== undefined ? { discordToken: v.DISCORD_TOKEN } : {}),
    ...(v.DISCORD_CLIENT_ID !== undefined ? { clientId: v.DISCORD_CLIENT_ID } : {}),
    ...(v.DISCORD_GUILD_ID !== undefined ? { guildId: v.DISCORD_GUILD_ID } : {}),
    apiUrl: v.DISCORD_API_URL,
    logLevel: v.LOG_LEVEL,
    ...(v.LOG_FILE !== undefined ? { logFile: v.LOG_FILE.trim() } : {}),
    ...(shards ? { shards } : {}),
    ...(v.CORPUS_DIR !== undefined ? { corpusDir: v.CORPUS_DIR } : {}),
  };
}

/** Loads .env (without overriding variables already set) into process.env, then validates. */
export function loadConfig(path?: string): Config {
  dotenv.config({ quiet: true, ...(path ? { path } : {}) });
  // discord.js reads SHARD_COUNT from the environment itself, and an empty one (a copied
  // .env.example) as 0 shards, which it refuses: empty is absent here as everywhere.
  if (process.env.SHARD_COUNT?.trim() === '') delete process.env.SHARD_COUNT;
  return parseConfig(process.env);
}

/**
 * CORPUS_DIR alone (from the environment and .env), for the tools that need no Discord
 * settings: the command line, check-corpus and add-source. Throws a ConfigError like loadConfig.
 */
export function loadCorpusDir(env: Readonly<Record<string, string | undefined>> = process.env, path?: string): string {
  if (env === process.env) dotenv.config({ quiet: true, ...(path ? { path } : {}) });
  const parsed = Schema.pick({ CORPUS_DIR: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError('CORPUS_DIR', parsed.error.issues[0]?.message ?? 'is invalid');
  return parsed.data.CORPUS_DIR ?? DEFAULT_CORPUS_DIR;
}
