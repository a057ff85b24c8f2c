/**
 * Shared settings for the property tests: how many cases (FC_RUNS_SCALE multiplies every
 * property's count, e.g. FC_RUNS_SCALE=10 for a long local run; each run of npm test draws a
 * fresh seed, so the runs add up over time), which seed (FC_SEED replays a
 * run; otherwise a fresh one, printed), and a stopwatch that fails a call slower than the bound
 * and keeps the slowest time of each operation for the report.
 */
import assert from 'node:assert/strict';
import type { Parameters as FcParameters } from 'fast-check';

/**
 * Each call must finish within this many milliseconds: a bound on stalls (a regular expression
 * that backtracks without end), not a speed target — the usual is 1–3 ms, and speed is
 * measured by npm run bench. 200 ms failed on a 2-core machine loaded by other work.
 */
export const CALL_BOUND_MS = 1000;

const scale = Number(process.env.FC_RUNS_SCALE ?? '1');
const seedEnv = process.env.FC_SEED;
export const SEED = seedEnv !== undefined && seedEnv !== '' ? Number(seedEnv) : Date.now() ^ (Math.random() * 0x7fffffff);

/** How many cases this file's properties asked for (for the report). */
export const cases = { planned: 0 };

/** fast-check parameters for `runs` cases (scaled), with the shared seed. */
export function fcParams<T>(runs: number): FcParameters<T> {
  const numRuns = Math.max(1, Math.round(runs * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
  cases.planned += numRuns;
  return { numRuns, seed: SEED };
}

export interface Timing {
  calls: number;
  totalMs: number;
  maxMs: number;
  /** Length of the input that took maxMs. */
  maxInputLength: number;
}

export class Stopwatch {
  readonly timings = new Map<string, Timing>();

  constructor(private readonly boundMs: number = CALL_BOUND_MS) {}

  /** Runs fn, records its time under `name`, and fails if it took longer than the bound. */
  time<T>(name: string, input: string, fn: () => T): T {
    const t0 = performance.now();
    const out = fn();
    this.record(name, input, performance.now() - t0);
    return out;
  }

  /** The same for an async fn (its time until the promise settles). */
  async timeAsync<T>(name: string, input: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const out = await fn();
    this.record(name, input, performance.now() - t0);
    return out;
  }

  private record(name: string, input: string, ms: number): void {
    const t = this.timings.get(name) ?? { calls: 0, totalMs: 0, maxMs: 0, maxInputLength: 0 };
    t.calls++;
    t.totalMs += ms;
    if (ms > t.maxMs) {
      t.maxMs = ms;
      t.maxInputLength = input.length;
    }
    this.timings.set(name, t);
    assert.ok(ms <= this.boundMs, `${name} took ${ms.toFixed(1)} ms (> ${this.boundMs} ms) on an input of ${input.length} characters: ${JSON.stringify(input.slice(0, 200))}`);
  }

  /** One line per operation: calls, mean and max time. */
  report(): string[] {
    return [...this.timings].map(
      ([name, t]) => `${name}: ${t.calls} calls, mean ${(t.totalMs / Math.max(1, t.calls)).toFixed(2)} ms, max ${t.maxMs.toFixed(1)} ms (input of ${t.maxInputLength} chars)`,
    );
  }
}
