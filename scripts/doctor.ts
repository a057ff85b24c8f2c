/**
 * npm run doctor [-- --online]: checks a set-up before starting, one line per check, and exits
 * 1 when any failed:
 *
 *   node           Node's version against package.json's engines
 *   configuration  the environment and .env, read as npm start reads them (src/config.ts)
 *   corpus         the corpus (CORPUS_DIR, else corpus/), checked as npm run check-corpus checks it
 *   cache          the engine loads, from .cache/ or built and saved there
 *   token          (--online) Discord accepts the token
 *   commands       (--online) every command is registered where deploy-commands puts it
 *
 * Offline by default: only --online talks to Discord, through DISCORD_API_URL. Never prints the token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { parseConfig, type Config } from '../src/config.ts';
import { DEFAULT_CORPUS_DIR } from '../src/corpus/load.ts';
import { Engine } from '../src/engine.ts';
import { redact } from '../src/log.ts';
import { checkCorpus } from './check-corpus.ts';

export type Status = 'ok' | 'warn' | 'FAIL' | 'skip';

export interface Check {
  readonly name: string;
  readonly status: Status;
  readonly detail: string;
}

export interface DoctorOptions {
  /** The environment (default process.env); a .env file fills in what it does not set, as dotenv does for npm start. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: .env in the working folder. */
  readonly envFile?: string;
  /** Default: process.version. */
  readonly nodeVersion?: string;
  readonly corpusDir?: string;
  /** Default: the engine's own (.cache/ in the project). */
  readonly cacheDir?: string;
  readonly online?: boolean;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** package.json's engines.node, e.g. ">=20". */
export function requiredNode(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  return pkg.engines?.node ?? '>=20';
}

/** Whether `version` (v20.11.1) meets a ">=major[.minor]" range. */
export function meetsMinimum(version: string, range: string): boolean {
  const have = /^v?(\d+)\.(\d+)/.exec(version.trim());
  const need = /^>=\s*(\d+)(?:\.(\d+))?/.exec(range.trim());
  if (!have || !need) return false;
  const [hMajor, hMinor] = [Number(have[1]), Number(have[2])];
  const [nMajor, nMinor] = [Number(need[1]), Number(need[2] ?? 0)];
  return hMajor > nMajor || (hMajor === nMajor && hMinor >= nMinor);
}

function nodeCheck(version: string): Check {
  const range = requiredNode();
  return meetsMinimum(version, range)
    ? { name: 'node', status: 'ok', detail: `${version} (needs ${range})` }
    : { name: 'node', status: 'FAIL', detail: `${version} is too old: the bot needs Node ${range} (package.json engines); install Node 20 or later` };
}

function configCheck(env: Readonly<Record<string, string | undefined>>, envFile: string): { check: Check; config?: Config } {
  const fromFile = existsSync(envFile) ? dotenv.parse(readFileSync(envFile)) : {};
  const merged = { ...fromFile, ...env };
  const source = existsSync(envFile) ? envFile : 'no .env';
  try {
    const config = parseConfig(merged);
    const mode = config.discordToken
      ? `bot, application ${config.clientId ?? '?'}, commands ${config.guildId ? `for server ${config.guildId}` : 'global'}, API ${config.apiUrl}`
      : 'console mode (no DISCORD_TOKEN)';
    return { check: { name: 'configuration', status: 'ok', detail: `${mode} (${source})` }, config };
  } catch (err) {
    const message = redact(err instanceof Error ? err.message : String(err), [merged.DISCORD_TOKEN]);
    return { check: { name: 'configuration', status: 'FAIL', detail: `${message} (${source})` } };
  }
}

function corpusCheck(dir: string): Check {
  try {
    const { sources, warnings } = checkCorpus(dir);
    const passages = sources.reduce((n, r) => n + r.passages, 0);
    const detail = `${sources.length} sources, ${passages} passages (${dir})`;
    return warnings.length > 0 ? { name: 'corpus', status: 'warn', detail: `${detail}; ${warnings.join('; ')}` } : { name: 'corpus', status: 'ok', detail };
  } catch (err) {
    return { name: 'corpus', status: 'FAIL', detail: err instanceof Error ? err.message : String(err) };
  }
}

function cacheCheck(corpusDir: string, cacheDir: string | undefined): Check {
  const warnings: string[] = [];
  const started = performance.now();
  try {
    const engine = Engine.load({ corpusDir, ...(cacheDir !== undefined ? { cache: cacheDir } : {}), warn: (m) => warnings.push(m) });
    const ms = Math.round(performance.now() - started);
    const how = engine.cached ? `loaded from the cache in ${ms} ms` : `built in ${ms} ms and saved for the next start`;
    return warnings.length > 0 ? { name: 'cache', status: 'warn', detail: `${how}; ${warnings.join('; ')}` } : { name: 'cache', status: 'ok', detail: how };
  } catch (err) {
    return { name: 'cache', status: 'FAIL', detail: `the engine did not load: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function onlineChecks(config: Config | undefined): Promise<Check[]> {
  if (!config?.discordToken) {
    const why = config ? 'console mode: no DISCORD_TOKEN' : 'the configuration is not valid';
    return [
      { name: 'token', status: 'skip', detail: why },
      { name: 'commands', status: 'skip', detail: why },
    ];
  }
  const { checkOnline } = await import('../src/discord/online-check.ts');
  const { loadCommands } = await import('../src/discord/loader.ts');
  const result = await checkOnline(config, await loadCommands());
  return [
    { name: 'token', status: result.token.ok ? 'ok' : 'FAIL', detail: result.token.detail },
    { name: 'commands', status: result.commands.ok ? 'ok' : 'FAIL', detail: result.commands.detail },
  ];
}

export async function runDoctor(options: DoctorOptions = {}): Promise<Check[]> {
  const { check: configuration, config } = configCheck(options.env ?? process.env, options.envFile ?? resolve('.env'));
  const corpusDir = options.corpusDir ?? config?.corpusDir ?? DEFAULT_CORPUS_DIR;
  const corpus = corpusCheck(corpusDir);
  const checks: Check[] = [
    nodeCheck(options.nodeVersion ?? process.version),
    configuration,
    corpus,
    corpus.status === 'FAIL' ? { name: 'cache', status: 'skip', detail: 'the corpus is broken' } : cacheCheck(corpusDir, options.cacheDir),
  ];
  if (options.online) checks.push(...(await onlineChecks(config)));
  return checks;
}

export function formatCheck(c: Check): string {
  return `${c.status.padEnd(4)}  ${c.name.padEnd(13)}  ${c.detail}`;
}

const USAGE = 'usage: npm run doctor [-- --online]   (--online: ask Discord whether the token is accepted and the commands registered)';

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = argv.find((a) => a !== '--online');
  if (unknown !== undefined) {
    console.error(`doctor: unknown argument ${JSON.stringify(unknown)}\n${USAGE}`);
    return 2;
  }
  const checks = await runDoctor({ online: argv.includes('--online') });
  for (const c of checks) console.log(formatCheck(c));
  return checks.some((c) => c.status === 'FAIL') ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
