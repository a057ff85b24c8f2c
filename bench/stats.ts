/**
 * Timing and summary helpers shared by the benchmark's processes.
 */

export interface Latency {
  /** Calls measured. */
  readonly n: number;
  /** Milliseconds per call. */
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function summarize(samples: readonly number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), mean: s.length ? sum / s.length : NaN, max: s[s.length - 1] ?? NaN };
}

/** Runs fn and returns its result with the milliseconds it took. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

/** Full collection (needs --expose-gc), then the heap in use; NaN without gc. */
export function heapAfterGc(): { heapUsedMB: number; rssMB: number; externalMB: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { heapUsedMB: gc ? m.heapUsed / 2 ** 20 : NaN, rssMB: m.rss / 2 ** 20, externalMB: (m.external + m.arrayBuffers) / 2 ** 20 };
}

/**
 * Calls `run(item)` for each item, `passes` times over the list, and returns per-call times:
 * the first pass separately (cold: nothing warmed for these inputs yet), then the rest.
 * With `passes` null, keeps going until `budgetMs` is spent (at least `minPasses`, at most `maxPasses`).
 */
export function measurePasses<T>(
  items: readonly T[],
  run: (item: T) => unknown,
  opts: { budgetMs: number; minPasses: number; maxPasses: number },
): { first: number[]; rest: number[]; passes: number } {
  const first: number[] = [];
  const rest: number[] = [];
  const start = performance.now();
  let passes = 0;
  while (passes < opts.minPasses || (passes < opts.maxPasses && performance.now() - start < opts.budgetMs)) {
    const out = passes === 0 ? first : rest;
    for (const item of items) {
      const t = performance.now();
      run(item);
      out.push(performance.now() - t);
    }
    passes++;
  }
  return { first, rest, passes };
}

export const round = (x: number, digits = 3): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
