/**
 * `npm run bench`: the engine's speed, memory and retrieval quality on the seed corpus and on
 * generated corpora of 1k, 10k and 100k passages, beside plain MiniSearch and Lunr over the
 * same passages; prints tables, writes JSON (and the report as Markdown) to bench/results/ and
 * a chart to bench/results/bench.svg and docs/bench.svg. See bench/README.md.
 *
 *   npm run bench                          seed + 1k, 10k, 100k, with the step profile at 10k and 100k
 *   npm run bench -- --sizes 1000,10000    only these generated sizes
 *   npm run bench -- --quick               smoke run: seed + 1k, few repetitions, no profile
 *   other flags: --seed N (generator seed), --word-swap 0.5 (share of content words the generator swaps), --heap-mb MB (children's heap cap, default 4096),
 *   --profile-sizes 10000,100000 | --no-profile, --regenerate, --baseline-questions N (cap at 100k)
 */
import { createHash } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { BASELINE_LABEL, BASELINES, type BaselineName } from './baselines.ts';
import { chartSvg, type ChartSeries } from './chart.ts';
import { ROOT, runChild, type ChildOutcome } from './child.ts';
import { consoleCommand, consoleRun, CONSOLE_QUESTION, startFlags, type ConsoleRun } from './console.ts';
import { generateCorpus, GENERATOR_VERSION, WORD_SWAP, type GeneratedCorpus } from './generate.ts';
import type { ProfileResult } from './profile.ts';
import { Progress } from './progress.ts';
import type { SeedResult } from './seed.ts';
import type { SizeResult } from './size.ts';
import { median, round } from './stats.ts';

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const list = (s: string | undefined): number[] | undefined =>
  s
    ?.split(',')
    .map((x) => Number(x.trim().replace(/k$/i, '000')))
    .filter((x) => Number.isFinite(x) && x > 0);

const QUICK = flag('quick');
const SIZES = list(opt('sizes')) ?? (QUICK ? [1000] : [1000, 10_000, 100_000]);
const PROFILE_SIZES = flag('no-profile') || QUICK ? [] : (list(opt('profile-sizes')) ?? SIZES.filter((s) => s >= 10_000));
const GEN_SEED = Number(opt('seed') ?? '1');
const WORD_SWAP_RATE = Number(opt('word-swap') ?? String(WORD_SWAP));
const HEAP_MB = Number(opt('heap-mb') ?? '4096');
/** At 100k, plain MiniSearch takes ~0.3–0.4 s a question: the baselines ask this many (evenly spaced) there. */
const BASELINE_QUESTIONS_CAP = Number(opt('baseline-questions') ?? '20');
const CAP_FROM = 50_000;

const R = {
  seedLoads: QUICK ? 2 : 5,
  seedBudgetMs: QUICK ? 800 : 8000,
  seedMaxPasses: QUICK ? 3 : 300,
  freshLoads: QUICK ? 1 : 5,
  consoleRuns: QUICK ? 1 : 5,
  builds: (size: number): number => (QUICK ? 1 : size <= 1000 ? 5 : size <= 10_000 ? 3 : 1),
  askBudgetMs: (size: number): number => (QUICK ? 1000 : size >= CAP_FROM ? 1 : 15_000),
  maxPasses: QUICK ? 3 : 50,
  /** A child's time limit: generous for the size, bounded so one stuck child cannot eat the run. */
  timeoutMs: (size: number, kind: 'engine' | 'baseline' | 'profile'): number =>
    1000 * (kind === 'baseline' ? 60 + size * 0.0015 : 60 + size * 0.0036),
};

// ---------------------------------------------------------------- formatting

function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}
const mb = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(v >= 1000 ? 0 : 1)} MB`);
const num = (v: number): string => v.toLocaleString('en-US');
const ratio = (v: number): string => (Number.isFinite(v) ? `${v >= 10 ? v.toFixed(0) : v.toFixed(2)}×` : '–');
const r3 = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3));

function table(headers: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), sep, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- running children

const progress = new Progress();

async function child<T>(label: string, file: string, args: readonly string[], timeoutMs: number, heapMB?: number, extraNodeArgs?: string[]): Promise<ChildOutcome<T>> {
  progress.step(label);
  const out = await runChild<T>(file, args, {
    timeoutMs,
    exposeGc: true,
    ...(heapMB ? { heapMB } : {}),
    ...(extraNodeArgs ? { extraNodeArgs } : {}),
    onPhase: (p) => progress.step(`${label}: ${p}`),
  });
  progress.done();
  return out;
}

function gitDescription(): string {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'corpus'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${rev} + uncommitted changes in src/ or corpus/` : rev;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- generated corpora

function inputsHash(): string {
  const h = createHash('sha256');
  h.update(String(GENERATOR_VERSION));
  for (const dir of ['corpus/sources', 'corpus/tables']) {
    for (const f of readdirSync(join(ROOT, dir)).sort()) h.update(readFileSync(join(ROOT, dir, f)));
  }
  h.update(readFileSync(join(ROOT, 'bench/words.json')));
  h.update(readFileSync(join(ROOT, 'bench/generate.ts')));
  h.update(readFileSync(join(ROOT, 'test/eval/questions.json')));
  return h.digest('hex').slice(0, 16);
}

/** The generated corpus for `size`, reused from an earlier run when its inputs are the same. */
function corpusFor(size: number): { corpus: GeneratedCorpus; reused: boolean } {
  const dir = join(tmpdir(), 'oman-talks-bench', `${size}-seed${GEN_SEED}-swap${WORD_SWAP_RATE}`);
  const marker = join(dir, 'generated.json');
  const key = `${inputsHash()}-${GEN_SEED}-${size}-${WORD_SWAP_RATE}`;
  if (!flag('regenerate') && existsSync(marker)) {
    try {
      const m = JSON.parse(readFileSync(marker, 'utf8')) as { key: string; corpus: GeneratedCorpus };
      if (m.key === key) return { corpus: m.corpus, reused: true };
    } catch {
      // regenerate
    }
  }
  progress.step(`generating ${num(size)} passages`);
  const corpus = generateCorpus({ passages: size, outDir: dir, seed: GEN_SEED, wordSwap: WORD_SWAP_RATE });
  writeFileSync(marker, JSON.stringify({ key, corpus }));
  progress.done();
  return { corpus, reused: false };
}

// ---------------------------------------------------------------- the run

interface FreshLoad {
  readonly bootMs: number;
  readonly importMs: number;
  readonly loadMs: number;
  readonly totalMs: number;
  readonly cached: boolean;
  readonly maxRssMB: number;
}

interface SizeRow {
  readonly label: string;
  readonly size: number;
  readonly corpus?: GeneratedCorpus & { reused: boolean };
  readonly engine: ChildOutcome<SizeResult>;
  readonly baselines: Partial<Record<BaselineName, ChildOutcome<SizeResult>>>;
  readonly baselineQuestions: number;
  readonly profile?: ChildOutcome<ProfileResult>;
}

async function freshLoads(cache: string | 'off', n: number): Promise<ChildOutcome<FreshLoad>[]> {
  const out: ChildOutcome<FreshLoad>[] = [];
  for (let i = 0; i < n; i++) out.push(await child<FreshLoad>(`fresh process load ${i + 1}/${n} (cache ${cache === 'off' ? 'off' : 'on'})`, './load-once.ts', ['--cache', cache], 120_000));
  return out;
}

async function consoleRuns(n: number): Promise<{ warmup: ConsoleRun | string; runs: ConsoleRun[]; failures: string[] }> {
  const failures: string[] = [];
  let warmup: ConsoleRun | string;
  progress.step('console: first start (writes .cache/ if it is stale)');
  try {
    warmup = await consoleRun();
  } catch (err) {
    warmup = err instanceof Error ? err.message : String(err);
  }
  const runs: ConsoleRun[] = [];
  for (let i = 0; i < n; i++) {
    progress.step(`console: start ${i + 1}/${n}`);
    try {
      runs.push(await consoleRun());
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  progress.done();
  return { warmup, runs, failures };
}

async function sizeRow(label: string, size: number, corpusDir: string, corpus?: GeneratedCorpus & { reused: boolean }): Promise<SizeRow> {
  const capped = size >= CAP_FROM ? BASELINE_QUESTIONS_CAP : 0;
  const common = ['--corpus', corpusDir, '--max-passes', String(R.maxPasses)];
  const engine = await child<SizeResult>(
    `${label}: our engine`,
    './size.ts',
    [...common, '--system', 'engine', '--builds', String(R.builds(size)), '--budget-ms', String(R.askBudgetMs(size)), '--subset', String(capped)],
    R.timeoutMs(size, 'engine'),
    HEAP_MB,
  );
  const baselines: Partial<Record<BaselineName, ChildOutcome<SizeResult>>> = {};
  for (const b of BASELINES) {
    baselines[b] = await child<SizeResult>(
      `${label}: ${BASELINE_LABEL[b]}`,
      './size.ts',
      [...common, '--system', b, '--builds', String(R.builds(size)), '--budget-ms', String(R.askBudgetMs(size)), '--max-questions', String(capped)],
      R.timeoutMs(size, 'baseline'),
      HEAP_MB,
    );
  }
  const profile = PROFILE_SIZES.includes(size)
    ? await child<ProfileResult>(`${label}: step profile`, './profile.ts', ['--corpus', corpusDir], R.timeoutMs(size, 'profile'), HEAP_MB)
    : undefined;
  return { label, size, ...(corpus ? { corpus } : {}), engine, baselines, baselineQuestions: capped, ...(profile ? { profile } : {}) };
}

function failed(o: ChildOutcome<unknown>): string {
  return o.ok ? '' : `failed: ${o.reason}`;
}

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const header = [
    `Oman talks bot — benchmark${QUICK ? ' (--quick smoke run: few repetitions)' : ''}`,
    `${started.toISOString()} · ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'} · Node ${process.version} · git ${gitDescription()}`,
  ];
  const out: string[] = [...header, ''];
  const say = (s = ''): void => {
    out.push(s);
    process.stdout.write(`${s}\n`);
  };
  process.stdout.write(`${header.join('\n')}\n\n`);

  // 1. The seed corpus.
  const seed = await child<SeedResult>(
    'seed corpus: loads, ask/quote/compare, interaction handler',
    './seed.ts',
    ['--loads', String(R.seedLoads), '--budget-ms', String(R.seedBudgetMs), '--max-passes', String(R.seedMaxPasses)],
    300_000,
    HEAP_MB,
    // The seed corpus is what the bot serves: measure it with npm start's node flags.
    startFlags(),
  );
  const freshBuild = await freshLoads('off', R.freshLoads);
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-fresh-cache-'));
  const primed = await freshLoads(cacheDir, 1);
  const freshCached = await freshLoads(cacheDir, R.freshLoads);
  rmSync(cacheDir, { recursive: true, force: true });
  const consoleResult = await consoleRuns(R.consoleRuns);
  const seedRow = await sizeRow('seed', 43, join(ROOT, 'corpus'));

  // 2. Generated corpora.
  const rows: SizeRow[] = [seedRow];
  for (const size of SIZES) {
    const { corpus, reused } = corpusFor(size);
    rows.push(await sizeRow(num(size), size, corpus.dir, { ...corpus, reused }));
  }

  // ------------------------------------------------------------ report: seed
  const okFresh = (xs: ChildOutcome<FreshLoad>[]): FreshLoad[] => xs.flatMap((x) => (x.ok ? [x.result] : []));
  const fb = okFresh(freshBuild);
  const fc = okFresh(freshCached).filter((x) => x.cached);
  const cr = consoleResult.runs;
  const seedRows: string[][] = [];
  const targets: string[][] = [];
  const target = (what: string, goal: string, value: string, pass: boolean | undefined): void =>
    void targets.push([what, goal, value, pass === undefined ? 'not measured' : pass ? 'met' : 'NOT met']);
  if (seed.ok) {
    const s = seed.result;
    seedRows.push(
      [`Engine.load, build (cache off), same process: median of ${s.loadsMs.length}`, ms(s.loadMedianMs), `runs: ${s.loadsMs.map(ms).join(', ')} (the first pays for JIT warm-up)`],
      [`ask, per call (${s.ask.inputs} questions × ${s.ask.passes - 1} passes after the first)`, `p50 ${ms(s.ask.warm.p50)} · p99 ${ms(s.ask.warm.p99)}`, `first pass p50 ${ms(s.ask.cold.p50)} · p99 ${ms(s.ask.cold.p99)}`],
      [`quote, per call (${s.quote.inputs} queries × ${s.quote.passes - 1})`, `p50 ${ms(s.quote.warm.p50)} · p99 ${ms(s.quote.warm.p99)}`, `first pass p99 ${ms(s.quote.cold.p99)}`],
      [`compare, per call (${s.compare.inputs} topics × ${s.compare.passes - 1})`, `p50 ${ms(s.compare.warm.p50)} · p99 ${ms(s.compare.warm.p99)}`, `first pass p99 ${ms(s.compare.cold.p99)}`],
    );
    if (s.interaction.measured) {
      const it = s.interaction;
      seedRows.push(
        [`Discord interaction → reply payload, /ask (${it.ask.inputs} questions × ${it.ask.passes - 1})`, `p50 ${ms(it.ask.warm.p50)} · p99 ${ms(it.ask.warm.p99)}`, `first pass p99 ${ms(it.ask.cold.p99)}; handler + command + render, no network`],
        [`Discord interaction → reply payload, /quote`, `p50 ${ms(it.quote.warm.p50)} · p99 ${ms(it.quote.warm.p99)}`, ''],
        [`Discord interaction → reply payload, /compare`, `p50 ${ms(it.compare.warm.p50)} · p99 ${ms(it.compare.warm.p99)}`, `building the interaction object itself: p50 ${ms(it.buildObjectMs.p50)}`],
      );
    } else {
      seedRows.push(['Discord interaction → reply payload', 'not measured', s.interaction.why]);
    }
    // A person cannot tell 1 ms from 50 ms; the targets are what reads as instant.
    target('seed ask p99', '< 100 ms', ms(s.ask.warm.p99), s.ask.warm.p99 < 100);
    if (s.interaction.measured) {
      const worst = Math.max(s.interaction.ask.warm.p99, s.interaction.quote.warm.p99, s.interaction.compare.warm.p99);
      target('Discord interaction p99 (ask, quote, compare)', '< 150 ms', ms(worst), worst < 150);
    }
  } else {
    seedRows.push(['seed measurements', failed(seed), '']);
    target('seed ask p99', '< 100 ms', failed(seed), undefined);
  }
  if (fb.length > 0) {
    seedRows.push([
      `Engine.load, build (cache off), fresh process: median of ${fb.length}`,
      ms(median(fb.map((x) => x.loadMs))),
      `+ node/tsx boot ${ms(median(fb.map((x) => x.bootMs)))} + importing the engine ${ms(median(fb.map((x) => x.importMs)))}; peak RSS ${mb(median(fb.map((x) => x.maxRssMB)))}`,
    ]);
  } else seedRows.push(['Engine.load, fresh process', freshBuild.map(failed).join('; '), '']);
  if (seed.ok && seedRow.engine.ok && seedRow.engine.result.cache?.measured) {
    const c = seedRow.engine.result.cache;
    seedRows.push([`Engine.load from the cache, same process: median of ${c.loadsMs.length}`, ms(c.loadMedianMs), `cache file ${mb(c.fileMB)}; build + write ${ms(c.writeMs)}`]);
  }
  if (fc.length > 0) {
    seedRows.push([
      `Engine.load from the cache, fresh process: median of ${fc.length}`,
      ms(median(fc.map((x) => x.loadMs))),
      `boot + import + load ${ms(median(fc.map((x) => x.totalMs)))}; peak RSS ${mb(median(fc.map((x) => x.maxRssMB)))}`,
    ]);
  } else seedRows.push(['Engine.load from the cache, fresh process', [...primed, ...freshCached].map(failed).filter(Boolean).join('; ') || 'cache not used', '']);
  if (cr.length > 0) {
    const ready = median(cr.map((x) => x.readyMs));
    const hwm = Math.max(...cr.map((x) => x.peakRssMB));
    seedRows.push(
      [`console start → ready (${consoleCommand()}, no DISCORD_TOKEN): median of ${cr.length}`, ms(ready), `runs: ${cr.map((x) => ms(x.readyMs)).join(', ')}; .cache/ current`],
      [`console: first answer ("${CONSOLE_QUESTION}")`, ms(median(cr.map((x) => x.firstAnswerMs))), 'first ask in a fresh process (cold JIT)'],
      ['console peak RSS (VmHWM after the first answer)', mb(hwm), `RSS then ${mb(median(cr.map((x) => x.rssMB)))}`],
    );
    if (typeof consoleResult.warmup !== 'string') {
      seedRows.push(['console first start of this run (rebuilds .cache/ if stale)', ms(consoleResult.warmup.readyMs), `peak RSS ${mb(consoleResult.warmup.peakRssMB)}`]);
    }
    target('start to ready (console)', '< 1 s', ms(ready), ready < 1000);
    target('RSS in console mode', '< 256 MB', mb(hwm), hwm < 256);
  } else {
    seedRows.push(['console start → ready', `failed: ${[typeof consoleResult.warmup === 'string' ? consoleResult.warmup : '', ...consoleResult.failures].filter(Boolean).join('; ')}`, '']);
    target('start to ready (console)', '< 1 s', 'failed', undefined);
  }
  say(`## Seed corpus (corpus/: ${seed.ok ? seed.result.passages : '?'} passages)`);
  say();
  say(table(['measure', 'value', 'notes'], seedRows));
  say();

  // ------------------------------------------------------------ report: sizes
  const seedRecall = seedRow.engine.ok ? seedRow.engine.result.recall.recallAt1 : NaN;
  const sizeRows = rows.map((r) => {
    if (!r.engine.ok) return [r.label, r.corpus ? num(r.corpus.seedPassages + r.corpus.generatedPassages) : '', failed(r.engine), '', '', '', '', '', '', ''];
    const e = r.engine.result;
    const cache = e.cache?.measured ? ms(e.cache.loadMedianMs) : `not measured${e.cache ? `: ${e.cache.why}` : ''}`;
    return [
      r.label,
      num(e.passages),
      `${ms(e.buildMedianMs)}${e.buildMs.length > 1 ? ` (median of ${e.buildMs.length})` : ''}`,
      cache,
      mb(e.heapAfterBuildMB),
      `${ms(e.askWarm.p50)} / ${ms(e.askWarm.p99)}`,
      `${ms(e.askCold.p50)} / ${ms(e.askCold.p99)}`,
      r3(e.recall.recallAt1),
      r.label === 'seed' ? '' : (e.recall.recallAt1 - seedRecall >= 0 ? '+' : '') + (e.recall.recallAt1 - seedRecall).toFixed(3),
      r3(e.recall.offTopicAbstention),
    ];
  });
  say('## Our engine by corpus size (generated distractors + the two seed articles)');
  say();
  say(
    table(
      ['corpus', 'passages', 'build (Engine.load, no cache)', 'cache load', 'heap after build', 'ask p50 / p99', 'ask first pass p50 / p99', 'Recall@1', 'vs seed-only', 'off-topic abstention'],
      sizeRows,
      [false, true, true, false, true, true, true, true, true, true],
    ),
  );
  say();
  const extra = rows.flatMap((r) => {
    if (!r.engine.ok) return [];
    const e = r.engine.result;
    const c = e.cache?.measured ? e.cache : undefined;
    return [
      `- ${r.label}: ${e.sources} sources; ${e.questionsAsked} questions × ${e.passes} passes; heap after asks ${mb(e.heapAfterAsksMB)}; child peak RSS ${mb(r.engine.peakRssMB)}` +
        (c ? `; cache file ${mb(c.fileMB)}, build + write ${ms(c.writeMs)}, heap after cache load ${mb(c.heapAfterLoadMB)}, then first ask ${ms(c.firstAskMs)}, first quote ${ms(c.firstQuoteMs)}${c.warnings.length ? `, warnings: ${c.warnings.join('; ')}` : ''}` : '') +
        (r.corpus ? `; corpus ${mb(r.corpus.bytes / 2 ** 20)} in ${num(r.corpus.articles)} generated articles${r.corpus.reused ? ' (reused from an earlier run)' : `, generated in ${ms(r.corpus.ms)}`}` : ''),
    ];
  });
  for (const line of extra) say(line);
  say();

  // ------------------------------------------------------------ report: baselines
  const baseRows: string[][] = [];
  for (const r of rows) {
    for (const b of BASELINES) {
      const o = r.baselines[b];
      if (!o) continue;
      if (!o.ok) {
        baseRows.push([r.label, BASELINE_LABEL[b], failed(o), '', '', '', '', '', '', '']);
        continue;
      }
      const x = o.result;
      let ours: { p50: number; p99: number; r1: number } | undefined;
      if (r.engine.ok) {
        const e = r.engine.result;
        const subset = r.baselineQuestions > 0;
        const warm = subset ? (e.askWarmSubset ?? e.askColdSubset) : e.askWarm;
        ours = warm ? { p50: warm.p50, p99: warm.p99, r1: subset ? (e.recallSubset?.recallAt1 ?? NaN) : e.recall.recallAt1 } : undefined;
      }
      baseRows.push([
        r.label,
        BASELINE_LABEL[b],
        ms(x.buildMedianMs),
        mb(x.heapAfterBuildMB),
        `${ms(x.askWarm.p50)} / ${ms(x.askWarm.p99)}`,
        `${r3(x.recall.recallAt1)} (${x.questionsAsked} q)`,
        ours ? ratio(x.askWarm.p50 / ours.p50) : '–',
        ours ? ratio(x.askWarm.p99 / ours.p99) : '–',
        ours ? `${r3(ours.r1)} vs ${r3(x.recall.recallAt1)} = ${ratio(ours.r1 / x.recall.recallAt1)}` : '–',
        r.engine.ok ? ratio(x.buildMedianMs / r.engine.result.buildMedianMs) : '–',
      ]);
      if (b === 'minisearch' && r.size === 100_000 && ours) {
        target('100k ask p99 vs plain MiniSearch', '≥ 20× faster', ratio(x.askWarm.p99 / ours.p99), x.askWarm.p99 / ours.p99 >= 20);
      }
    }
  }
  say('## Baselines over the same passages (raw paragraphs: every non-empty body line)');
  say();
  say(
    table(
      ['corpus', 'system', 'build', 'heap', 'ask p50 / p99', 'Recall@1', 'p50: them ÷ us', 'p99: them ÷ us', 'Recall@1: us ÷ them', 'build: them ÷ us'],
      baseRows,
      [false, false, true, true, true, true, true, true, false, true],
    ),
  );
  say();
  say(
    `Latency ratios above 1 mean our engine is faster; the Recall@1 ratio above 1 means ours finds more. Latencies are per call after the first pass. ` +
      `At ${num(CAP_FROM)} passages and more the baselines ask only ${BASELINE_QUESTIONS_CAP} evenly spaced questions (plain MiniSearch takes ~0.3–0.4 s each there), ` +
      `and ours is compared on the same ${BASELINE_QUESTIONS_CAP}.`,
  );
  say();

  // ------------------------------------------------------------ report: profiles
  for (const r of rows) {
    if (!r.profile) continue;
    say(`## Where the time goes: ${r.label} passages (bench/profile.ts)`);
    say();
    if (!r.profile.ok) {
      say(`profile ${failed(r.profile)}`);
      say();
      continue;
    }
    const p = r.profile.result;
    say(
      table(
        ['Engine.load step (build path, no cache)', 'ms', 'heap kept'],
        [...p.build.map((s) => [s.step, ms(s.ms), mb(s.heapDeltaMB)]), ['sum of steps', ms(p.buildTotalMs), '']],
        [false, true, true],
      ),
    );
    say();
    if (p.cache.length > 0) {
      say(table(['cache path step', 'ms', 'heap kept'], [...p.cache.map((s) => [s.step, ms(s.ms), mb(s.heapDeltaMB)]), ['sum', ms(p.cacheTotalMs), '']], [false, true, true]));
      say();
    }
    const warm = new Map(p.askWarm.map((s) => [s.step, s]));
    say(
      table(
        ['ask step (mean per question)', 'first pass', 'share', 'later pass', 'share'],
        p.askCold.map((s) => [s.step, ms(s.meanMs), Number.isFinite(s.share) ? `${(s.share * 100).toFixed(0)}%` : '', ms(warm.get(s.step)?.meanMs), Number.isFinite(warm.get(s.step)?.share ?? NaN) ? `${((warm.get(s.step)?.share ?? 0) * 100).toFixed(0)}%` : '']),
        [false, true, true, true, true],
      ),
    );
    say(`${num(p.passages)} passages, ${num(p.vocabulary)} index terms (${num(p.termVectors)} with a vector); a question searches ${p.queryTerms} terms with ${num(p.postingsPerQuery)} postings behind them on average.`);
    say();
  }

  // ------------------------------------------------------------ report: targets
  const big = rows.find((r) => r.size === 100_000);
  if (big) {
    if (big.engine.ok) {
      const e = big.engine.result;
      target('100k ask p99', '< 30 ms', `${ms(e.askWarm.p99)} (first pass ${ms(e.askCold.p99)})`, e.askWarm.p99 < 30);
      target('100k cache load', '< 3 s', e.cache?.measured ? ms(e.cache.loadMedianMs) : (e.cache?.why ?? 'not measured'), e.cache?.measured ? e.cache.loadMedianMs < 3000 : undefined);
      target('100k heap', '< 1 GB', `${mb(e.heapAfterBuildMB)} after build${e.cache?.measured ? `, ${mb(e.cache.heapAfterLoadMB)} after cache load` : ''}`, e.heapAfterBuildMB < 1024 && (!e.cache?.measured || e.cache.heapAfterLoadMB < 1024));
    } else {
      target('100k ask p99', '< 30 ms', failed(big.engine), false);
    }
  }
  for (const r of rows) {
    if (r.label === 'seed' || !r.engine.ok) continue;
    const d = seedRecall - r.engine.result.recall.recallAt1;
    target(`Recall@1 at ${r.label} vs seed-only (${r3(seedRecall)})`, 'within 0.05', `${r3(r.engine.result.recall.recallAt1)} (−${d.toFixed(3)})`, d <= 0.05);
  }
  // Adding one article to the 10k archive while the engine runs (bench/reload.ts).
  const tenK = rows.find((r) => r.size === 10_000);
  if (tenK?.corpus) {
    const reload = await child<{ reloadMs: number; answered: boolean; fullRebuildMs: number }>('adding one article to the 10k archive', './reload.ts', ['--corpus', tenK.corpus.dir], 300_000);
    const value = reload.ok ? `${ms(reload.result.reloadMs)}${reload.result.answered ? '' : ' (the new article is not answered from!)'}; the full rebuild after it ${ms(reload.result.fullRebuildMs)}` : failed(reload);
    target('adding one article to the 10k archive, running engine', '< 2 s', value, reload.ok ? reload.result.answered && reload.result.reloadMs < 2000 : false);
  }
  say('## Targets');
  say();
  say(table(['target', 'goal', 'measured', ''], targets));
  say();

  // ------------------------------------------------------------ files
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const series = (pick: (r: SizeResult) => number, system: 'engine' | BaselineName): { passages: number; value: number }[] =>
    rows.flatMap((r) => {
      const o = system === 'engine' ? r.engine : r.baselines[system];
      // Every system at the corpus's size in passages (the baselines count raw lines, a few more).
      const at = r.engine.ok ? r.engine.result.passages : r.size;
      return o?.ok ? [{ passages: at, value: pick(o.result) }] : [];
    });
  const colours: Record<'engine' | BaselineName, string> = { engine: '#1f6feb', minisearch: '#d1242f', lunr: '#8250df' };
  const names: Record<'engine' | BaselineName, string> = { engine: 'ours', minisearch: 'plain MiniSearch', lunr: 'Lunr' };
  const systems: ('engine' | BaselineName)[] = ['engine', ...BASELINES];
  const latency: ChartSeries[] = systems.flatMap((s) => [
    { label: `${names[s]} p99`, colour: colours[s], points: series((x) => x.askWarm.p99, s) },
    { label: `${names[s]} p50`, colour: colours[s], dashed: true, points: series((x) => x.askWarm.p50, s) },
  ]);
  const build: ChartSeries[] = systems.map((s) => ({ label: names[s], colour: colours[s], points: series((x) => x.buildMedianMs, s) }));
  const svg = chartSvg(
    `Ask latency and build time by corpus size — ${started.toISOString().slice(0, 10)}, git ${gitDescription()}`,
    [
      { title: 'ask latency per question (p99 solid, p50 dashed)', unit: 'ms', series: latency },
      { title: 'build time (index from the corpus folder)', unit: 'ms', series: build },
    ],
    `npm run bench on ${cpus().length} cores; baselines at ≥${num(CAP_FROM)} passages ask ${BASELINE_QUESTIONS_CAP} questions. Failed runs are left out.`,
  );
  writeFileSync(join(resultsDir, 'bench.svg'), svg);
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(join(ROOT, 'docs', 'bench.svg'), svg);
  const json = {
    started: started.toISOString(),
    git: gitDescription(),
    node: process.version,
    cpus: cpus().length,
    options: { quick: QUICK, sizes: SIZES, profileSizes: PROFILE_SIZES, seed: GEN_SEED, wordSwap: WORD_SWAP_RATE, heapMB: HEAP_MB, baselineQuestionsCap: BASELINE_QUESTIONS_CAP },
    seed,
    freshBuild,
    freshCached: [...primed, ...freshCached],
    console: consoleResult,
    sizes: rows,
    targets,
    wallMs: round(performance.now() - t0, 0),
  };
  writeFileSync(join(resultsDir, `bench-${stamp}.json`), `${JSON.stringify(json, null, 1)}\n`);
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(json, null, 1)}\n`);
  writeFileSync(join(resultsDir, 'latest.md'), `${out.join('\n')}\n`);
  say(`Wrote bench/results/bench-${stamp}.json (and latest.json, latest.md), bench/results/bench.svg and docs/bench.svg in ${ms(performance.now() - t0)}.`);
}

await main();
