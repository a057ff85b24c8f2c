/**
 * Child process: where Engine.load's and ask's time and memory go, step by step.
 *
 * It repeats Engine.load's build path (no cache) with a timer and a heap reading (after a full
 * GC, so the figure is what the step keeps) around each step, then the cache path's steps,
 * then ask's steps for every evaluation question: planQuery (and inside it the analysis,
 * fuzzy look-ups and vector neighbours, timed again on their own), compilePlan, index.query
 * (MiniSearch.search over the planned terms), matchPassage over the candidates,
 * the final cut. The step
 * list follows src/engine.ts and src/search/ask.ts as they are: when those change, change it.
 *
 *   node --expose-gc --import tsx bench/profile.ts --corpus DIR
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheKey, cachePath, readCache, writeCache } from '../src/cache.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildDocuments } from '../src/corpus/pipeline.ts';
import { Analyzer } from '../src/search/analyzer.ts';
import { ASK_TUNING } from '../src/search/ask.ts';
import { PassageIndex } from '../src/search/index.ts';
import { compilePlan, matchPassage } from '../src/search/match.ts';
import { planQuery, PLAN_LIMITS } from '../src/search/query.ts';
import { QuotationExtractor } from '../src/search/quotations.ts';
import { QuoteIndex } from '../src/search/quotes.ts';
import { buildLexicon, prepareWordNet, type Lexicon, type WordNetTerms } from '../src/search/related.ts';
import { TermVectors, WordVectors } from '../src/search/vectors.ts';
import { restoreParts, snapshotOf, type EngineParts, type EngineSnapshot } from '../src/snapshot.ts';
import { loadQuestions } from '../test/eval/retrieval.ts';
import { argValue, phase, sendResult } from './child.ts';
import { heapAfterGc, round } from './stats.ts';

export interface StepFigure {
  readonly step: string;
  readonly ms: number;
  /** Heap kept after the step minus before it (after a full GC), MB. */
  readonly heapDeltaMB: number;
}

export interface AskStep {
  readonly step: string;
  /** Mean milliseconds per question. */
  readonly meanMs: number;
  /** Share of the summed steps. */
  readonly share: number;
}

export interface ProfileResult {
  readonly passages: number;
  readonly vocabulary: number;
  readonly termVectors: number;
  readonly build: readonly StepFigure[];
  readonly buildTotalMs: number;
  readonly cache: readonly StepFigure[];
  readonly cacheTotalMs: number;
  readonly heapEngineMB: number;
  readonly askCold: readonly AskStep[];
  readonly askWarm: readonly AskStep[];
  /** Mean number of index terms searched per question, and the postings behind them (sum of their document frequencies). */
  readonly queryTerms: number;
  readonly postingsPerQuery: number;
}

class Steps {
  readonly list: StepFigure[] = [];
  private heap = heapAfterGc().heapUsedMB;

  run<T>(step: string, fn: () => T): T {
    phase(step);
    const t = performance.now();
    const value = fn();
    const ms = performance.now() - t;
    const heap = heapAfterGc().heapUsedMB;
    this.list.push({ step, ms: round(ms, 1), heapDeltaMB: round(heap - this.heap, 1) });
    this.heap = heap;
    return value;
  }

  /** The steps' sum, leaving out those timed again on their own. */
  get totalMs(): number {
    return round(
      this.list.filter((s) => !s.step.includes('(timed alone)')).reduce((n, s) => n + s.ms, 0),
      1,
    );
  }
}

function main(): void {
  const corpusDir = argValue('corpus');
  const skipCache = process.argv.includes('--no-cache');

  // Engine.load's build path (src/engine.ts), step by step.
  const s = new Steps();
  const corpus = s.run('loadCorpus (read + parse front matter + tables)', () => loadCorpus(corpusDir));
  const vectorFile = join(corpusDir, 'tables', 'word-vectors.bin');
  const words = s.run('WordVectors (read word-vectors.bin)', () => WordVectors.fromBuffer(readFileSync(vectorFile), vectorFile));
  const analyzer = s.run('Analyzer', () => new Analyzer(corpus.tables));
  const documents = s.run('buildDocuments (clean + sentences + chunk)', () => buildDocuments(corpus.sources, corpus.tables));
  const index = s.run('PassageIndex.build (analyze + MiniSearch addAll + term ids)', () => PassageIndex.build(documents, analyzer));
  s.run('  of which: analyzer.analyze of every sentence (timed alone)', () => {
    let n = 0;
    for (const d of documents) for (const p of d.passages) for (const sp of p.sentences) n += analyzer.analyze(p.text.slice(sp.start, sp.end)).length;
    return n;
  });
  const vocabulary = index.vocabulary();
  let prepared: WordNetTerms | undefined = s.run('prepareWordNet (parse WordNet data files, analyze its lemmas; cached apart from the engine)', () => prepareWordNet(analyzer));
  const wordnet = s.run('buildLexicon (WordNet bridge over the vocabulary; WordNet freed)', () => {
    const lexicon = buildLexicon(vocabulary, analyzer, corpus.tables.related, prepared);
    prepared = undefined;
    return lexicon;
  });
  const quotations = s.run('QuotationExtractor.extract (every passage)', () => {
    const extractor = new QuotationExtractor(analyzer);
    return documents.flatMap((d) => extractor.extract(d));
  });
  const vectors = s.run('TermVectors (mean vector per index term + k-means clusters)', () => new TermVectors(words, index.surfaces));
  const metas = new Map(documents.map((d) => [d.meta.id, d.meta]));
  const quotes = s.run('QuoteIndex (MiniSearch addAll of the quotations)', () => new QuoteIndex(quotations, metas, analyzer));
  const buildTotalMs = s.totalMs;

  // The cache path (src/engine.ts with a cache): key, write, then read and restore as Engine.load does.
  const c = new Steps();
  let cacheTotal = NaN;
  if (!skipCache) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-profile-cache-'));
    try {
      const key = c.run('cacheKey (hash corpus + vectors + code)', () =>
        cacheKey(new Map<string, string | Buffer>([...corpus.files, ['tables/word-vectors.bin', readFileSync(vectorFile)]])),
      );
      const path = cachePath(dir, key);
      const parts: EngineParts = { documents, index, related: wordnet.related, nonNouns: wordnet.nonNouns, vectors, quotes };
      c.run('writeCache (snapshot as columns + v8 serialize + write)', () => writeCache(path, snapshotOf(parts)));
      // In a function of its own, so that nothing of the restored engine outlives the steps.
      const restore = (): void => {
        const snapshot = c.run('readCache (read + CRC-32 + v8 deserialize)', () => readCache(path) as EngineSnapshot);
        c.run('restoreParts (passages, both MiniSearch indexes from columns, relatives, quotations, vectors)', () => restoreParts(snapshot, analyzer, words));
      };
      restore();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    cacheTotal = c.totalMs;
  }

  phase('heap of the engine');
  const lexicon: Lexicon = { related: wordnet.related, nonNouns: wordnet.nonNouns, words, vectors };
  const heapEngineMB = heapAfterGc().heapUsedMB;

  // ask, step by step (src/search/ask.ts), over every evaluation question: a cold pass, then a warm one.
  const questions = loadQuestions().map((q) => q.q);
  const L = PLAN_LIMITS;
  let termsSum = 0;
  let postingsSum = 0;
  const askPass = (label: string): AskStep[] => {
    phase(`ask steps (${label})`);
    const acc = new Map<string, number>();
    const add = (k: string, ms: number): void => void acc.set(k, (acc.get(k) ?? 0) + ms);
    for (const q of questions) {
      let t = performance.now();
      const tokens = analyzer.analyze(q);
      add('planQuery: analyze the question (timed alone)', performance.now() - t);
      t = performance.now();
      let fuzzyLeft: number = L.maxFuzzy;
      for (const tok of tokens) {
        if (tok.alias || index.df(tok.term) > 0 || fuzzyLeft === 0 || !/^\p{L}{5,}$/u.test(tok.folded)) continue;
        fuzzyLeft--;
        index.fuzzy(tok.folded, tok.folded.length >= 8 ? 2 : 1);
      }
      add('planQuery: fuzzy look-ups (timed alone)', performance.now() - t);
      t = performance.now();
      for (const tok of tokens) if (!tok.alias && /^\p{L}+$/u.test(tok.folded)) vectors.neighbours(tok.folded, L.vectorNeighbours, L.minCosine, L.queryMinRank);
      add('planQuery: vector neighbours (timed alone)', performance.now() - t);

      t = performance.now();
      const plan = planQuery(q.trim(), index, lexicon);
      add('planQuery (whole)', performance.now() - t);
      if (label === 'cold') {
        termsSum += plan.weights.size;
        for (const term of plan.weights.keys()) postingsSum += index.df(term);
      }
      if (plan.concepts.length === 0 || !plan.concepts.some((x) => x.anchor)) continue;
      t = performance.now();
      const compiled = compilePlan(plan, index);
      add('compilePlan', performance.now() - t);
      t = performance.now();
      const hits = index.query(plan.weights, ASK_TUNING.candidates);
      add('index.query (MiniSearch.search: OR of the searched terms, best 30)', performance.now() - t);
      t = performance.now();
      const matches = hits.map((h) => matchPassage(compiled, index.termIdsOf(h.passage), ASK_TUNING.relatedShare));
      add('matchPassage (coverage, best sentence; 30 candidates)', performance.now() - t);
      t = performance.now();
      hits
        .map((h, i) => ({ h, m: matches[i] }))
        .filter((r) => (r.m?.coverage ?? 0) >= ASK_TUNING.minCoverage)
        .slice(0, ASK_TUNING.limit)
        .map(({ h, m }) => h.passage.text.slice(h.passage.sentences[m?.bestSentence ?? 0]?.start ?? 0));
      add('rank, cut and highlight text', performance.now() - t);
    }
    const whole = [...acc].filter(([k]) => !k.includes('(timed alone)'));
    const total = whole.reduce((n, [, v]) => n + v, 0);
    return [...acc].map(([step, ms]) => ({
      step,
      meanMs: round(ms / questions.length, 3),
      share: k(step) ? round(ms / total, 3) : NaN,
    }));
  };
  const k = (step: string): boolean => !step.includes('(timed alone)');
  const askCold = askPass('cold');
  const askWarm = askPass('warm');

  const result: ProfileResult = {
    passages: index.size,
    vocabulary: vocabulary.size,
    termVectors: vectors.size,
    build: s.list,
    buildTotalMs,
    cache: c.list,
    cacheTotalMs: cacheTotal,
    heapEngineMB: round(heapEngineMB, 1),
    askCold,
    askWarm,
    queryTerms: round(termsSum / questions.length, 1),
    postingsPerQuery: Math.round(postingsSum / questions.length),
  };
  sendResult(result);
}

main();
