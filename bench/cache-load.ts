/**
 * The engine cache's load time at one corpus, each load in a fresh process: builds the cache
 * once into a folder (kept between runs with --cache DIR), then `--runs` children each time one
 * Engine.load from it, the heap it keeps (after a full GC) and the first ask and quote.
 *
 *   npx tsx bench/cache-load.ts --corpus DIR [--cache DIR] [--runs 3]
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue, runChild, sendResult } from './child.ts';
import { heapAfterGc, median, round } from './stats.ts';

interface LoadResult {
  readonly cached: boolean;
  readonly loadMs: number;
  readonly heapMB: number;
  readonly firstAskMs: number;
  readonly firstQuoteMs: number;
}

async function child(corpusDir: string, cache: string): Promise<void> {
  const { Engine } = await import('../src/engine.ts');
  const t = performance.now();
  const engine = Engine.load({ corpusDir, cache });
  const loadMs = performance.now() - t;
  const heapMB = heapAfterGc().heapUsedMB;
  const time = (fn: () => unknown): number => {
    const t0 = performance.now();
    fn();
    return round(performance.now() - t0, 1);
  };
  const firstAskMs = time(() => engine.ask('What did Araghchi say about the talks in Muscat?'));
  const firstQuoteMs = time(() => engine.quote('Araghchi'));
  sendResult({ cached: engine.cached, loadMs: round(loadMs, 1), heapMB: round(heapMB, 1), firstAskMs, firstQuoteMs } satisfies LoadResult);
}

async function main(): Promise<void> {
  const corpusDir = argValue('corpus');
  const cache = argValue('cache', '') || join(tmpdir(), 'oman-talks-bench-cache', corpusDir.replace(/[^\w]+/g, '_'));
  if (process.argv.includes('--child')) return child(corpusDir, cache);
  mkdirSync(cache, { recursive: true });
  const runs = Number(argValue('runs', '3'));
  const opts = { timeoutMs: 600_000, exposeGc: true, heapMB: 4096 };
  const args = ['--corpus', corpusDir, '--cache', cache, '--child'];
  const first = await runChild<LoadResult>('./cache-load.ts', args, opts);
  if (!first.ok) throw new Error(first.reason);
  process.stdout.write(`first load (cached: ${first.result.cached}): ${first.result.loadMs} ms\n`);
  const loads: LoadResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runChild<LoadResult>('./cache-load.ts', args, opts);
    if (!r.ok) throw new Error(r.reason);
    if (!r.result.cached) throw new Error('the cache was not used');
    loads.push(r.result);
    process.stdout.write(`${JSON.stringify({ ...r.result, peakRssMB: round(r.peakRssMB, 0) })}\n`);
  }
  const fileMB = readdirSync(cache).reduce((n, f) => n + statSync(join(cache, f)).size, 0) / 2 ** 20;
  process.stdout.write(`median load ${round(median(loads.map((l) => l.loadMs)), 1)} ms, heap ${round(median(loads.map((l) => l.heapMB)), 1)} MB, cache ${round(fileMB, 1)} MB\n`);
}

await main();
