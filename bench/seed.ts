/**
 * Child process: the seed corpus (corpus/). Engine.load (no cache) N times in this one process
 * (the first pays for JIT warm-up; the median is reported beside it), then per-call latency of ask, quote and compare
 * over the evaluation's questions, quotation queries and compare topics, then a full Discord
 * interaction's handler time (bench/interaction.ts).
 *
 *   node --expose-gc --import tsx bench/seed.ts [--loads 5] [--budget-ms 8000] [--max-passes 300]
 */
import { readFileSync } from 'node:fs';
import { Engine } from '../src/engine.ts';
import { loadCompareTopics } from '../test/eval/comparisons.ts';
import { loadQuestions } from '../test/eval/retrieval.ts';
import { argValue, phase, sendResult } from './child.ts';
import { interactionBench } from './interaction.ts';
import { heapAfterGc, measurePasses, median, round, summarize, timed, type Latency } from './stats.ts';

export interface OpLatency {
  readonly inputs: number;
  readonly passes: number;
  readonly cold: Latency;
  readonly warm: Latency;
}

export interface SeedResult {
  readonly passages: number;
  readonly loadsMs: readonly number[];
  readonly loadMedianMs: number;
  readonly heapAfterLoadMB: number;
  readonly ask: OpLatency;
  readonly quote: OpLatency;
  readonly compare: OpLatency;
  readonly interaction: { readonly measured: true; readonly ask: OpLatency; readonly quote: OpLatency; readonly compare: OpLatency; readonly buildObjectMs: Latency } | { readonly measured: false; readonly why: string };
}

/** Quotation queries: every speaker named in the gold list, and the first words of each statement. */
function quoteQueries(): string[] {
  const gold = JSON.parse(readFileSync(new URL('../test/eval/quotes.json', import.meta.url), 'utf8')) as { speaker: string | null; text: string; kind: string }[];
  const speakers = gold.map((g) => g.speaker).filter((s): s is string => s !== null);
  const words = gold.filter((g) => g.kind === 'statement').map((g) => g.text.split(/\s+/).slice(0, 4).join(' '));
  return [...new Set([...speakers, ...words])];
}

function op<T>(items: readonly T[], run: (item: T) => unknown, budgetMs: number, maxPasses: number): OpLatency {
  const r = measurePasses(items, run, { budgetMs, minPasses: 2, maxPasses });
  return { inputs: items.length, passes: r.passes, cold: summarize(r.first), warm: summarize(r.rest) };
}

async function asyncOp<T>(items: readonly T[], run: (item: T) => Promise<number>, budgetMs: number, maxPasses: number): Promise<OpLatency> {
  const first: number[] = [];
  const rest: number[] = [];
  const start = performance.now();
  let passes = 0;
  while (passes < 2 || (passes < maxPasses && performance.now() - start < budgetMs)) {
    for (const item of items) (passes === 0 ? first : rest).push(await run(item));
    passes++;
  }
  return { inputs: items.length, passes, cold: summarize(first), warm: summarize(rest) };
}

async function main(): Promise<void> {
  const loads = Math.max(1, Number(argValue('loads', '5')));
  const budgetMs = Number(argValue('budget-ms', '8000'));
  const maxPasses = Number(argValue('max-passes', '300'));

  const loadsMs: number[] = [];
  let engine: Engine | undefined;
  for (let i = 0; i < loads; i++) {
    phase(`Engine.load ${i + 1}/${loads}`);
    engine = undefined;
    heapAfterGc();
    const r = timed(() => Engine.load({ cache: false }));
    loadsMs.push(r.ms);
    engine = r.value;
  }
  if (!engine) throw new Error('no engine');
  const e = engine;
  const heap = heapAfterGc();

  const questions = loadQuestions().map((q) => q.q);
  const quotes = quoteQueries();
  const topics = loadCompareTopics().map((t) => t.topic);
  phase('ask');
  const ask = op(questions, (q) => e.ask(q), budgetMs, maxPasses);
  phase('quote');
  const quote = op(quotes, (q) => e.quote(q), budgetMs / 2, maxPasses);
  phase('compare');
  const compare = op(topics, (t) => e.compare(t), budgetMs / 2, maxPasses);

  phase('interaction handler');
  let interaction: SeedResult['interaction'];
  try {
    const bench = await interactionBench(e);
    const buildTimes: number[] = [];
    const timedRun = async (command: string, options: Record<string, string>): Promise<number> => {
      const t = performance.now();
      const i = bench.prepare(command, options);
      buildTimes.push(performance.now() - t);
      return (await bench.run(i)).ms;
    };
    const slow = Math.max(2, Math.floor(maxPasses / 10));
    interaction = {
      measured: true,
      ask: await asyncOp(questions, (q) => timedRun('ask', { question: q.slice(0, 300) }), budgetMs, slow),
      quote: await asyncOp(quotes, (q) => timedRun('quote', { query: q }), budgetMs / 2, slow),
      compare: await asyncOp(topics, (t) => timedRun('compare', { topic: t }), budgetMs / 2, slow),
      buildObjectMs: summarize(buildTimes),
    };
    await bench.destroy();
  } catch (err) {
    interaction = { measured: false, why: `handler not callable without network: ${err instanceof Error ? err.message : String(err)}` };
  }

  const result: SeedResult = {
    passages: e.index.size,
    loadsMs: loadsMs.map((x) => round(x, 1)),
    loadMedianMs: round(median(loadsMs), 1),
    heapAfterLoadMB: round(heap.heapUsedMB, 1),
    ask,
    quote,
    compare,
    interaction,
  };
  sendResult(result);
}

await main();
