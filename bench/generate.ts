/**
 * Generated corpora for the benchmark: many distractor articles made by recombining the seed
 * articles' sentences with a varied vocabulary, plus the two real seed articles unchanged and a
 * copy of corpus/tables/.
 *
 * Each generated sentence is a seed sentence with
 * - every name of the alias table (people, places, bodies, media) swapped for a name from the
 *   pools in bench/words.json (a place is kept as it was 15% of the time, so distractors still
 *   mention Iran, Oman or Washington now and then, as other news would);
 * - other capitalised words inside the sentence swapped for pool places and surnames (70%);
 * - every number, year and month swapped for another;
 * - about half of the other content words swapped, keeping a crude word shape (…ing, …ed,
 *   plural …s, from the verbs and nouns of bench/words.json); a plain word becomes a seed word
 *   (40%: the vocabulary overlaps the seeds'), a common noun or adjective from bench/words.json
 *   (25%), or a word of the 50,000-word frequency list in corpus/tables/word-vectors.bin (35%),
 *   its rank drawn log-uniformly, so rare words keep turning up and the vocabulary grows with
 *   the corpus as real text's does (Heaps' law) instead of stopping at the pools' size.
 *
 * A paragraph has 1–5 such sentences (mostly 2–4) and stays under 600 characters, so that it is
 * one passage to the chunker; an article has `perArticle` paragraphs (20 by default) with a
 * title-case heading every 4–7 paragraphs. No generated sentence holds an evaluation question's
 * gold phrase, so a hit on a generated source is always a miss for Recall@1. Generated sources
 * have ids G000001, G000002, … (never NEO or RSIS).
 *
 * CLI: tsx bench/generate.ts --passages 10000 --out /tmp/corpus [--seed 1] [--per-article 20] [--word-swap 0.5]
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../src/corpus/load.ts';
import { buildDocuments } from '../src/corpus/pipeline.ts';
import { comparable, loadQuestions } from '../test/eval/retrieval.ts';
import { Random } from './random.ts';

export const GENERATOR_VERSION = 2;

interface WordPools {
  readonly nouns: readonly string[];
  readonly verbs: readonly string[];
  readonly adjectives: readonly string[];
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly places: readonly string[];
  readonly orgs: readonly string[];
  readonly publishers: readonly string[];
}

export function loadPools(): WordPools {
  return JSON.parse(readFileSync(fileURLToPath(new URL('./words.json', import.meta.url)), 'utf8')) as WordPools;
}

export interface GenerateOptions {
  /** Total passages wanted in the corpus, the seed articles' included. */
  readonly passages: number;
  readonly outDir: string;
  readonly seed?: number;
  readonly perArticle?: number;
  /** The real corpus (sources/ and tables/), default corpus/. */
  readonly seedCorpusDir?: string;
  /** Share of the plain content words swapped (default 0.5): higher makes distractors less like the seeds. */
  readonly wordSwap?: number;
}

export interface GeneratedCorpus {
  readonly dir: string;
  readonly seedPassages: number;
  readonly generatedPassages: number;
  readonly articles: number;
  readonly bytes: number;
  readonly ms: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MAX_PARAGRAPH_CHARS = 580;
const PLACE_KEEP = 0.15;
const CAPITAL_SWAP = 0.7;
export const WORD_SWAP = 0.5;
/** Sentences per paragraph: 1 to 5, by weight. */
const SENTENCE_WEIGHTS = [10, 30, 30, 20, 10];

const FREQUENT_SKIP = 300;

/** The word list in the header of a word-vector file ("WVEC1\n{json}\n…"), most frequent first; empty if unreadable. */
function frequencyList(path: string): string[] {
  try {
    const buf = readFileSync(path);
    const first = buf.indexOf(10);
    const second = buf.indexOf(10, first + 1);
    const header = JSON.parse(buf.subarray(first + 1, second).toString()) as { words?: unknown };
    return Array.isArray(header.words) ? header.words.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}

const cap = (w: string): string => (w.length === 0 ? w : (w[0] ?? '').toUpperCase() + w.slice(1));
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function verbForm(v: string, suffix: 'ing' | 'ed'): string {
  const stem = v.endsWith('e') ? v.slice(0, -1) : v;
  return stem + suffix;
}

function plural(n: string): string {
  if (/(?:s|x|ch|sh)$/.test(n)) return `${n}es`;
  if (/[^aeiou]y$/.test(n)) return `${n.slice(0, -1)}ies`;
  return `${n}s`;
}

class SentenceMaker {
  private readonly aliasRe: RegExp;
  private readonly aliasKind = new Map<string, string>();
  private readonly stopwords: ReadonlySet<string>;
  private readonly seedWords: string[];
  private readonly poolNames: Set<string>;
  /** The evaluation questions' gold phrases (comparable form). */
  private readonly phrases: readonly string[];
  /** English words by frequency (word-vectors.bin's list), stop words and the 300 commonest left out. */
  private readonly frequent: readonly string[];
  /** Seed sentences, and for each the gold phrases it holds (comparable form). */
  readonly sentences: { text: string; risky: readonly string[] }[] = [];

  constructor(
    seedDir: string,
    private readonly pools: WordPools,
    private readonly rnd: Random,
    private readonly wordSwap: number = WORD_SWAP,
  ) {
    const corpus = loadCorpus(seedDir);
    this.stopwords = corpus.tables.stopwords;
    const names: string[] = [];
    for (const g of corpus.tables.aliasGroups) {
      if (g.kind === 'term') continue;
      for (const n of g.names) {
        names.push(n);
        this.aliasKind.set(n, g.kind);
      }
    }
    names.sort((a, b) => b.length - a.length);
    this.aliasRe = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
    this.poolNames = new Set([...pools.firstNames, ...pools.lastNames, ...pools.places, ...pools.orgs.flatMap((o) => o.split(' '))]);

    const phrases = loadQuestions()
      .filter((q) => q.kind !== 'offtopic' && q.phrase)
      .map((q) => comparable(q.phrase ?? ''));
    const words = new Set<string>();
    for (const doc of buildDocuments(corpus.sources, corpus.tables)) {
      for (const p of doc.passages) {
        for (const s of p.sentences) {
          const text = p.text.slice(s.start, s.end);
          if (text.split(/\s+/).length < 5) continue;
          const c = comparable(text);
          this.sentences.push({ text, risky: phrases.filter((ph) => c.includes(ph)) });
          for (const w of text.match(/(?<![\p{L}'’-])\p{Ll}{3,}(?![\p{L}'’-])/gu) ?? []) if (!this.stopwords.has(w)) words.add(w);
        }
      }
    }
    this.seedWords = [...words].sort();
    this.phrases = phrases;
    this.frequent = frequencyList(join(seedDir, 'tables', 'word-vectors.bin')).filter((w, i) => i >= FREQUENT_SKIP && /^[a-z]{3,}$/.test(w) && !this.stopwords.has(w));
  }

  /** A word of the frequency list, rank drawn log-uniformly (Zipf-like): common words often, rare ones now and then. */
  private zipfWord(): string {
    const n = this.frequent.length;
    const i = Math.min(n - 1, Math.floor(Math.exp(this.rnd.next() * Math.log(n + 1))) - 1);
    return this.frequent[i] as string;
  }

  private name(kind: string, original: string): string {
    const p = this.pools;
    const r = this.rnd;
    if (kind === 'place') return r.chance(PLACE_KEEP) ? original : r.pick(p.places);
    if (kind === 'org') return r.pick(p.orgs);
    if (kind === 'media') return r.pick(p.publishers);
    // A person: a full name for a full name, a surname for a surname.
    return original.includes(' ') ? `${r.pick(p.firstNames)} ${r.pick(p.lastNames)}` : r.pick(p.lastNames);
  }

  private contentWord(w: string): string {
    const p = this.pools;
    const r = this.rnd;
    const lower = w.toLowerCase();
    let out: string;
    if (lower.endsWith('ing') && lower.length > 5) out = verbForm(r.pick(p.verbs), 'ing');
    else if (lower.endsWith('ed') && lower.length > 4) out = verbForm(r.pick(p.verbs), 'ed');
    else if (lower.endsWith('ly') && lower.length > 4) out = lower;
    else if (lower.endsWith('s') && !lower.endsWith('ss') && lower.length > 3) out = plural(r.pick(p.nouns));
    else {
      const u = r.next();
      if (u < 0.4) out = r.pick(this.seedWords);
      else if (u < 0.65 || this.frequent.length === 0) out = r.chance(0.6) ? r.pick(p.nouns) : r.pick(p.adjectives);
      else out = this.zipfWord();
    }
    return /^\p{Lu}/u.test(w) ? cap(out) : out;
  }

  private transform(text: string): string {
    const r = this.rnd;
    const swapped = text.replace(this.aliasRe, (m) => this.name(this.aliasKind.get(m) ?? 'person', m));
    let first = true;
    return swapped.replace(/\p{L}[\p{L}'’]*|\d[\d,.]*\d|\d/gu, (w) => {
      const atStart = first;
      first = false;
      if (/^\d/.test(w)) {
        if (/^(?:19|20)\d\d$/.test(w)) return String(r.int(1990, 2030));
        const digits = w.replace(/\D/g, '').length;
        return String(r.int(digits <= 1 ? 2 : 10 ** (digits - 1), 10 ** digits - 1));
      }
      if (MONTHS.includes(w)) return r.pick(MONTHS);
      if (this.poolNames.has(w)) return w;
      const lower = w.toLowerCase();
      if (this.stopwords.has(lower) || lower.length < 3) return w;
      if (/^\p{Lu}/u.test(w) && !atStart && !/['’]/.test(w)) {
        // A name or title the alias table does not hold (Sultanate, Persian, Secretary).
        if (!r.chance(CAPITAL_SWAP)) return w;
        return r.chance(0.5) ? r.pick(this.pools.places) : r.pick(this.pools.lastNames);
      }
      if (/['’]/.test(w)) return w;
      return r.chance(this.wordSwap) ? this.contentWord(w) : w;
    });
  }

  /** A new sentence that holds no gold phrase. */
  make(): string {
    for (;;) {
      const s = this.rnd.pick(this.sentences);
      const out = this.transform(s.text);
      if (s.risky.length === 0) return out;
      const c = comparable(out);
      if (!this.phrases.some((ph) => c.includes(ph))) return out;
    }
  }

  titleWords(n: number): string {
    const p = this.pools;
    const r = this.rnd;
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(cap(r.chance(0.3) ? r.pick(p.adjectives) : r.pick(p.nouns)));
    return words.join(' ');
  }
}

function heading(maker: SentenceMaker, rnd: Random, pools: WordPools): string {
  switch (rnd.int(0, 3)) {
    case 0:
      return `${maker.titleWords(2)} and ${maker.titleWords(1)}`;
    case 1:
      return `The ${maker.titleWords(2)}`;
    case 2:
      return `${maker.titleWords(1)} in ${rnd.pick(pools.places)}`;
    default:
      return maker.titleWords(rnd.int(2, 4));
  }
}

function paragraph(maker: SentenceMaker, rnd: Random): string {
  const want = rnd.weighted(SENTENCE_WEIGHTS) + 1;
  const out: string[] = [];
  let length = 0;
  for (let tries = 0; out.length < want && tries < want * 4; tries++) {
    const s = maker.make();
    if (length + s.length + 1 > MAX_PARAGRAPH_CHARS) continue;
    out.push(s);
    length += s.length + 1;
  }
  if (out.length === 0) out.push(maker.make().slice(0, MAX_PARAGRAPH_CHARS - 1).replace(/\s+\S*$/, '.'));
  return out.join(' ');
}

function isoDate(rnd: Random): string {
  const d = new Date(Date.UTC(2024, 0, 1) + rnd.int(0, 600) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Writes a corpus of about `passages` passages to `outDir` (emptied first). */
export function generateCorpus(options: GenerateOptions): GeneratedCorpus {
  const t0 = performance.now();
  const seedDir = options.seedCorpusDir ?? DEFAULT_CORPUS_DIR;
  const perArticle = options.perArticle ?? 20;
  const rnd = new Random(options.seed ?? 1);
  const pools = loadPools();
  const maker = new SentenceMaker(seedDir, pools, rnd, options.wordSwap ?? WORD_SWAP);
  const seedCorpus = loadCorpus(seedDir);
  const seedPassages = buildDocuments(seedCorpus.sources, seedCorpus.tables).reduce((n, d) => n + d.passages.length, 0);

  rmSync(options.outDir, { recursive: true, force: true });
  const sourcesDir = join(options.outDir, 'sources');
  const tablesDir = join(options.outDir, 'tables');
  mkdirSync(sourcesDir, { recursive: true });
  mkdirSync(tablesDir, { recursive: true });
  for (const f of readdirSync(join(seedDir, 'tables'))) copyFileSync(join(seedDir, 'tables', f), join(tablesDir, f));
  for (const f of readdirSync(join(seedDir, 'sources'))) copyFileSync(join(seedDir, 'sources', f), join(sourcesDir, f));

  const toMake = Math.max(0, options.passages - seedPassages);
  let made = 0;
  let articles = 0;
  let bytes = 0;
  while (made < toMake) {
    articles++;
    const count = Math.min(perArticle, toMake - made);
    const id = `G${String(articles).padStart(6, '0')}`;
    const lines = [
      '---',
      `id: ${id}`,
      `publisher: ${rnd.pick(pools.publishers)}`,
      `title: "${maker.titleWords(rnd.int(3, 6))}"`,
      `author: ${rnd.pick(pools.firstNames)} ${rnd.pick(pools.lastNames)}`,
      `date: ${isoDate(rnd)}`,
      '---',
      '',
    ];
    let nextHeading = rnd.int(1, 4);
    for (let i = 0; i < count; i++) {
      if (i === nextHeading) {
        lines.push(heading(maker, rnd, pools), '');
        nextHeading = i + rnd.int(4, 7);
      }
      lines.push(paragraph(maker, rnd), '');
    }
    const text = lines.join('\n');
    bytes += Buffer.byteLength(text);
    writeFileSync(join(sourcesDir, `${id.toLowerCase()}.md`), text);
    made += count;
  }
  return { dir: options.outDir, seedPassages, generatedPassages: made, articles, bytes, ms: performance.now() - t0 };
}

function main(): void {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const out = arg('out');
  const passages = Number(arg('passages') ?? '1000');
  if (!out || !Number.isFinite(passages)) {
    process.stderr.write('usage: tsx bench/generate.ts --passages N --out DIR [--seed S] [--per-article K] [--word-swap 0.5]\n');
    process.exit(2);
  }
  const result = generateCorpus({
    passages,
    outDir: out,
    seed: Number(arg('seed') ?? '1'),
    perArticle: Number(arg('per-article') ?? '20'),
    wordSwap: Number(arg('word-swap') ?? String(WORD_SWAP)),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
