/**
 * Child process: one corpus, one system (our engine, plain MiniSearch or Lunr). Measures the
 * build, the heap after it, per-call ask latency over the evaluation questions and Recall@1.
 *
 *   node --expose-gc --import tsx bench/size.ts --corpus DIR --system engine|minisearch|lunr
 *        [--builds 3] [--budget-ms 20000] [--max-passes 50] [--max-questions 0] [--subset 20]
 *
 * --max-questions caps the questions asked (0 = all), for a baseline that is slow at 100k.
 * --subset N also scores the engine on the same N evenly spaced questions a capped baseline
 * uses, so Recall@1 ratios compare like with like.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine.ts';
import { evaluate, loadQuestions, type Hit, type Question, type Scores, type Searcher } from '../test/eval/retrieval.ts';
import { engineSearcher } from '../test/eval/run.ts';
import { BASELINES, buildBaseline, rawParagraphs, type BaselineName } from './baselines.ts';
import { argValue, phase, sendResult } from './child.ts';
import { heapAfterGc, measurePasses, median, round, summarize, timed, type Latency } from './stats.ts';

export interface RecallFigures {
  readonly questions: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly mrr: number;
  readonly offTopicAbstention: number;
}

export interface SizeResult {
  readonly system: 'engine' | BaselineName;
  readonly passages: number;
  readonly sources: number;
  readonly buildMs: readonly number[];
  readonly buildMedianMs: number;
  /** Reading the corpus into raw paragraphs (baselines only; the engine's build includes it). */
  readonly readMs?: number;
  readonly heapAfterBuildMB: number;
  readonly rssAfterBuildMB: number;
  readonly heapAfterAsksMB: number;
  /** The engine's cache (engine only): build + write once, then loads from it. */
  readonly cache?: CacheFigures;
  readonly questionsAsked: number;
  readonly passes: number;
  /** First pass over the questions: nothing cached for them yet. */
  readonly askCold: Latency;
  /** The later passes. */
  readonly askWarm: Latency;
  /** Every call. */
  readonly askAll: Latency;
  readonly recall: RecallFigures;
  /** On the subset a capped baseline asks (engine only). */
  readonly recallSubset?: RecallFigures;
  readonly askColdSubset?: Latency;
  readonly askWarmSubset?: Latency;
  readonly maxRssMB: number;
}

export type CacheFigures =
  | { readonly measured: false; readonly why: string }
  | {
      readonly measured: true;
      /** Engine.load with an empty cache folder: build and write. */
      readonly writeMs: number;
      readonly loadsMs: readonly number[];
      readonly loadMedianMs: number;
      readonly fileMB: number;
      readonly heapAfterLoadMB: number;
      /** The first ask and quote on the last engine loaded from the cache (its quotation index is restored on the first quote). */
      readonly firstAskMs: number;
      readonly firstQuoteMs: number;
      readonly warnings: readonly string[];
    };

/** N questions evenly spaced through the list (all of them when N is 0 or more than there are). */
export function questionSubset(questions: readonly Question[], n: number): Question[] {
  if (n <= 0 || n >= questions.length) return [...questions];
  return Array.from({ length: n }, (_, i) => questions[Math.floor((i * questions.length) / n)] as Question);
}

function figures(s: Scores, questions: number): RecallFigures {
  return { questions, recallAt1: s.recallAt1, recallAt3: s.recallAt3, mrr: s.mrr, offTopicAbstention: s.offTopicAbstention };
}

/** Engine.load into an empty cache folder (build + write), then `loads` loads from it. */
function measureCache(corpusDir: string, loads: number): CacheFigures {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cache-'));
  const warnings: string[] = [];
  const warn = (m: string): void => void warnings.push(m.replace(dir, '<tmp>'));
  try {
    phase('cache: build and write');
    heapAfterGc();
    // Only the time and the flag are kept, so the loads below have the heap to themselves.
    const { writeMs, wasCached } = (() => {
      const w = timed(() => Engine.load({ corpusDir, cache: dir, warn }));
      return { writeMs: w.ms, wasCached: w.value.cached };
    })();
    if (wasCached) return { measured: false, why: 'the first load into an empty cache folder said it came from the cache' };
    const files = readdirSync(dir);
    if (files.length === 0) return { measured: false, why: `no cache file was written${warnings.length ? `: ${warnings.join('; ')}` : ''}` };
    const fileMB = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0) / 2 ** 20;
    const loadsMs: number[] = [];
    let heap = NaN;
    let firstAskMs = NaN;
    let firstQuoteMs = NaN;
    for (let i = 0; i < loads; i++) {
      phase(`cache: load ${i + 1}/${loads}`);
      heapAfterGc();
      let r: { value: Engine; ms: number } | undefined = timed(() => Engine.load({ corpusDir, cache: dir, warn }));
      if (!r.value.cached) return { measured: false, why: `the cache was not used on load ${i + 1}${warnings.length ? `: ${warnings.join('; ')}` : ''}` };
      loadsMs.push(r.ms);
      if (i === loads - 1) {
        heap = heapAfterGc().heapUsedMB; // this one engine alone
        const engine = r.value;
        firstAskMs = timed(() => engine.ask('What did Araghchi say about the talks?')).ms;
        firstQuoteMs = timed(() => engine.quote('Araghchi')).ms;
      }
      r = undefined;
    }
    return {
      measured: true,
      writeMs: round(writeMs, 1),
      loadsMs: loadsMs.map((x) => round(x, 1)),
      loadMedianMs: round(median(loadsMs), 1),
      fileMB: round(fileMB, 1),
      heapAfterLoadMB: round(heap, 1),
      firstAskMs: round(firstAskMs, 1),
      firstQuoteMs: round(firstQuoteMs, 1),
      warnings,
    };
  } catch (err) {
    return { measured: false, why: `failed: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Built {
  readonly searcher: Searcher;
  readonly buildMs: readonly number[];
  readonly passages: number;
  readonly sources: number;
  readonly readMs?: number;
}

function build(system: 'engine' | BaselineName, corpusDir: string, builds: number): Built {
  const buildMs: number[] = [];
  let searcher: Searcher | undefined;
  let passages = 0;
  let sources = 0;
  let readMs: number | undefined;
  for (let b = 0; b < builds; b++) {
    phase(`build ${b + 1}/${builds}`);
    searcher = undefined;
    heapAfterGc();
    if (system === 'engine') {
      const { value: engine, ms } = timed(() => Engine.load({ corpusDir, cache: false }));
      buildMs.push(ms);
      passages = engine.index.size;
      sources = engine.documents.length;
      searcher = engineSearcher(engine);
    } else {
      const read = timed(() => rawParagraphs(corpusDir));
      readMs = read.ms;
      passages = read.value.length;
      sources = new Set(read.value.map((d) => d.source)).size;
      const built = timed(() => buildBaseline(system, read.value));
      buildMs.push(built.ms);
      searcher = built.value;
    }
  }
  if (!searcher) throw new Error('nothing built');
  return { searcher, buildMs, passages, sources, ...(readMs !== undefined ? { readMs } : {}) };
}

interface Asked {
  readonly passes: number;
  readonly first: readonly number[];
  readonly rest: readonly number[];
  readonly recall: RecallFigures;
  readonly recallSubset?: RecallFigures;
  readonly coldSubset?: readonly number[];
  readonly warmSubset?: readonly number[];
}

function askAll(search: Searcher, questions: readonly Question[], subset: readonly Question[] | undefined, budgetMs: number, maxPasses: number): Asked {
  phase(`asking ${questions.length} questions`);
  const firstHits = new Map<string, readonly Hit[]>();
  const runs = measurePasses(
    questions,
    (q) => {
      const hits = search(q.q);
      if (!firstHits.has(q.q)) firstHits.set(q.q, hits);
      return hits;
    },
    { budgetMs, minPasses: Math.min(2, maxPasses), maxPasses },
  );
  const memo: Searcher = (q) => firstHits.get(q) ?? search(q);
  const recall = figures(evaluate(memo, questions), questions.length);
  const recallSubset = subset ? figures(evaluate(memo, subset), subset.length) : undefined;
  if (!subset) return { passes: runs.passes, first: runs.first, rest: runs.rest, recall };
  // The same questions' own timings, for latency ratios against a baseline that asked only them.
  const wanted = new Set(subset);
  const inSubset = (_: number, i: number): boolean => wanted.has(questions[i % questions.length] as Question);
  return { passes: runs.passes, first: runs.first, rest: runs.rest, recall, ...(recallSubset ? { recallSubset } : {}), coldSubset: runs.first.filter(inSubset), warmSubset: runs.rest.filter(inSubset) };
}

function main(): void {
  const corpusDir = argValue('corpus');
  const system = argValue('system', 'engine') as 'engine' | BaselineName;
  if (system !== 'engine' && !BASELINES.includes(system)) throw new Error(`unknown --system ${system}`);
  const builds = Math.max(1, Number(argValue('builds', '1')));
  const budgetMs = Number(argValue('budget-ms', '20000'));
  const maxPasses = Number(argValue('max-passes', '50'));
  const maxQuestions = Number(argValue('max-questions', '0'));
  const subsetN = Number(argValue('subset', '0'));
  const noCache = process.argv.includes('--no-cache');
  const all = loadQuestions();
  const questions = questionSubset(all, maxQuestions);
  const subset = system === 'engine' && subsetN > 0 ? questionSubset(all, subsetN) : undefined;

  let built: Built | undefined = build(system, corpusDir, builds);
  const { buildMs, passages, sources, readMs } = built;
  phase('heap after build');
  const afterBuild = heapAfterGc();
  const asked = askAll(built.searcher, questions, subset, budgetMs, maxPasses);
  phase('heap after asks');
  const afterAsks = heapAfterGc();
  built = undefined; // the engine goes before the cache runs, so they have the heap to themselves
  const cache: CacheFigures | undefined =
    system !== 'engine' ? undefined : noCache ? { measured: false, why: 'skipped (--no-cache)' } : measureCache(corpusDir, builds);

  const result: SizeResult = {
    system,
    passages,
    sources,
    buildMs: buildMs.map((x) => round(x, 1)),
    buildMedianMs: round(median(buildMs), 1),
    ...(readMs !== undefined ? { readMs: round(readMs, 1) } : {}),
    heapAfterBuildMB: round(afterBuild.heapUsedMB, 1),
    rssAfterBuildMB: round(afterBuild.rssMB, 1),
    heapAfterAsksMB: round(afterAsks.heapUsedMB, 1),
    ...(cache ? { cache } : {}),
    questionsAsked: questions.length,
    passes: asked.passes,
    askCold: summarize(asked.first),
    askWarm: summarize(asked.rest.length > 0 ? asked.rest : asked.first),
    askAll: summarize([...asked.first, ...asked.rest]),
    recall: asked.recall,
    ...(asked.recallSubset ? { recallSubset: asked.recallSubset } : {}),
    ...(asked.coldSubset ? { askColdSubset: summarize(asked.coldSubset) } : {}),
    ...(asked.warmSubset && asked.warmSubset.length > 0 ? { askWarmSubset: summarize(asked.warmSubset) } : {}),
    maxRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
  };
  sendResult(result);
}

main();
