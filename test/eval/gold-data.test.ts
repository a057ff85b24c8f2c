/**
 * Validates the evaluation gold data (questions.json, quotes.json, compare.json)
 * against the raw seed articles (the bodies of corpus/sources/*.md, pasted from ../shared/seeds/). This test checks the DATA,
 * not the engine: phrases exist exactly once in article content, quotes are
 * exact, paraphrase questions really share no content stem with their paragraph.
 *
 * Run: npx tsx --test test/eval/gold-data.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import stemmer from 'wink-porter2-stemmer';
import { z } from 'zod';

// ---------------------------------------------------------------- seeds

// The corpus files hold the seeds exactly as pasted, below their front matter.
const SEEDS = new URL('../../corpus/sources/', import.meta.url);
const SEED_FILES = {
  NEO: 'neo.md',
  RSIS: 'rsis.md',
} as const;
type SourceId = keyof typeof SEED_FILES;
const SOURCES: readonly SourceId[] = ['NEO', 'RSIS'];

/** Curly quotes -> straight, Cyrillic Т/т -> Latin, lowercase, collapse whitespace. */
function norm(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\u0422/g, 'T')
    .replace(/\u0442/g, 't')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function readSeed(id: SourceId): string {
  const text = readFileSync(new URL(SEED_FILES[id], SEEDS), 'utf8').replace(/\r\n?/g, '\n');
  return text.slice(text.indexOf('\n---\n', 4) + 5);
}

interface Seed {
  /** Deduplicated raw text (RSIS: first copy only). */
  raw: string;
  /** Paragraphs of the deduplicated text (NEO: blank-line separated, RSIS: line separated), normalised. */
  paragraphs: string[];
  /** Normalised article content: no nav, title, byline, pull quote, author bio or related-article list. */
  body: string;
  /** Normalised author bio. */
  bio: string;
  /** Normalised whole deduplicated text (furniture included). */
  full: string;
}

function dedupeRsis(raw: string): string {
  const lines = raw.split('\n');
  const synopsis = lines.flatMap((l, i) => (l.trim() === 'SYNOPSIS' ? [i] : []));
  assert.equal(synopsis.length, 2, 'RSIS paste is expected to hold its text twice');
  const [first, second] = synopsis as [number, number];
  const copy1 = lines.slice(first, second).join('\n').trim();
  const copy2 = lines.slice(second).join('\n').trim();
  assert.equal(norm(copy2), norm(copy1), 'second RSIS copy must equal the first');
  return lines.slice(0, second).join('\n');
}

function loadSeed(id: SourceId): Seed {
  const raw = id === 'RSIS' ? dedupeRsis(readSeed(id)) : readSeed(id);
  const lines = raw.split('\n').map((l) => l.trim());
  const body: string[] = [];
  const bio: string[] = [];
  if (id === 'NEO') {
    const title = 'U.S.-Iran Talks in Oman: A Forced Concession or Another Bluff?';
    const pullQuote = norm('The foreign minister emphasized Iran’s desire for a real agreement while warning against a “destructive” phase in talks');
    for (const line of lines) {
      if (line === 'More on this topic') break; // related-articles list: other articles' titles
      if (line === '' || line === 'EN|FR|RU' || line === 'Follow us on:' || line === title) continue;
      if (line.startsWith('Viktor Mikhin, April')) continue; // byline
      if (norm(line) === pullQuote) continue; // pull quote repeating a later sentence
      if (line.startsWith('Victor Mikhin, a corresponding member')) bio.push(line);
      else body.push(line);
    }
  } else {
    let inBio = false;
    for (const line of lines) {
      if (line === '' || line.startsWith('- ') || /^\d{1,2} \w+ \d{4}$/.test(line)) continue; // breadcrumbs, date
      if (line === 'SYNOPSIS' || line === 'COMMENTARY') continue;
      if (line === 'About the Author') {
        inBio = true;
        continue;
      }
      (inBio ? bio : body).push(line);
    }
  }
  const paragraphs = (id === 'NEO' ? raw.split(/\n\s*\n/) : raw.split('\n')).map(norm).filter((p) => p !== '');
  return { raw, paragraphs, body: norm(body.join('\n')), bio: norm(bio.join('\n')), full: norm(raw) };
}

const seeds: Record<SourceId, Seed> = { NEO: loadSeed('NEO'), RSIS: loadSeed('RSIS') };

/** Occurrences of needle in hay at word boundaries (both already normalised). */
function countOccurrences(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
    const before = i === 0 ? '' : hay.charAt(i - 1);
    const after = hay.charAt(i + needle.length);
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) n++;
  }
  return n;
}

// ---------------------------------------------------------------- gold data

const Source = z.enum(['NEO', 'RSIS']);
const InScope = z.object({
  q: z.string().min(5),
  kind: z.enum(['direct', 'paraphrase', 'variant']),
  source: Source,
  phrase: z.string(),
  about: z.literal('author').optional(),
  also: z.array(z.object({ source: Source, phrase: z.string().min(1) })).optional(),
});
const OffTopic = z.object({ q: z.string().min(5), kind: z.literal('offtopic') });
const QuestionsFile = z.object({
  names: z.array(z.string().min(1)),
  questions: z.array(z.union([InScope, OffTopic])),
});
const Quote = z.object({
  source: Source,
  text: z.string().min(1),
  parts: z.array(z.string().min(1)).min(2).optional(),
  speaker: z.string().min(1).nullable(),
  role: z.string().min(1).nullable(),
  kind: z.enum(['term', 'statement']),
  note: z.string().optional(),
});
const CompareFile = z.object({
  topics: z.array(z.object({ topic: z.string(), NEO: z.string().nullable(), RSIS: z.string().nullable() })),
  differences: z.array(z.object({ topic: z.string().min(2), NEO: z.string().min(1), RSIS: z.string().min(1) })),
});

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as unknown;
}

const questionsFile = QuestionsFile.parse(readJson('./questions.json'));
const quotes = z.array(Quote).parse(readJson('./quotes.json'));
const compare = CompareFile.parse(readJson('./compare.json'));

type InScopeQuestion = z.infer<typeof InScope>;
const inScope: InScopeQuestion[] = questionsFile.questions.filter((q): q is InScopeQuestion => q.kind !== 'offtopic');
const offTopic = questionsFile.questions.filter((q) => q.kind === 'offtopic');

// ---------------------------------------------------------------- helpers

/** NLTK English stop words plus the ones the brief names. */
const STOP = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
    'it its itself they them their theirs themselves what which who whom this that these those am is are was were be ' +
    'been being have has had having do does did doing a an the and but if or because as until while of at by for with ' +
    'about against between into through during before after above below to from up down in out on off over under again ' +
    'further then once here there when where why how all any both each few more most other some such no nor not only ' +
    'own same so than too very s t can will just don should now would could whats'
  ).split(' '),
);

function tokens(s: string): string[] {
  return norm(s)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 1);
}

const nameStems = new Set(questionsFile.names.flatMap((n) => tokens(n).map((t) => stemmer(t))));

function contentStems(s: string, dropNames: boolean): Set<string> {
  const out = new Set<string>();
  for (const t of tokens(s)) {
    if (STOP.has(t)) continue;
    const st = stemmer(t);
    if (dropNames && nameStems.has(st)) continue;
    out.add(st);
  }
  return out;
}

/** Problems with a gold phrase (empty = fine). */
function phraseProblems(source: SourceId, phrase: string, allowBio: boolean): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9 .,-]+$/.test(phrase)) problems.push('has characters other than letters, digits, space . , -');
  const words = phrase.trim().split(/\s+/).length;
  if (words < 2 || words > 7) problems.push(`has ${words} words (want 2-7)`);
  const p = norm(phrase);
  const seed = seeds[source];
  const inFull = countOccurrences(seed.full, p);
  if (inFull !== 1) problems.push(`occurs ${inFull} times in ${source} (want exactly 1)`);
  const inBody = countOccurrences(seed.body, p);
  const inBio = countOccurrences(seed.bio, p);
  if (allowBio ? inBody + inBio !== 1 : inBody !== 1) problems.push(`not found once in ${source} article content (furniture?)`);
  return problems;
}

function paragraphOf(source: SourceId, phrase: string): string[] {
  const p = norm(phrase);
  return seeds[source].paragraphs.filter((para) => countOccurrences(para, p) > 0);
}

// ---------------------------------------------------------------- tests

test('seeds load and RSIS duplicate collapses', () => {
  for (const id of SOURCES) {
    assert.ok(seeds[id].body.length > 3000, `${id} body too short`);
    assert.ok(seeds[id].bio.length > 50, `${id} bio missing`);
  }
  assert.equal(countOccurrences(seeds.RSIS.full, norm('Steve Witkoff')), 1);
  assert.ok(seeds.NEO.body.includes('«tehran times»'), 'Cyrillic T must normalise to Latin T');
});

test('question counts and source balance', () => {
  const byKind = (k: string): number => questionsFile.questions.filter((q) => q.kind === k).length;
  assert.ok(questionsFile.questions.length >= 70, 'at least 70 questions');
  assert.ok(byKind('paraphrase') >= 25, 'at least 25 paraphrase');
  assert.ok(byKind('variant') >= 10, 'at least 10 variant');
  assert.ok(byKind('offtopic') >= 12, 'at least 12 offtopic');
  assert.ok(byKind('direct') >= 20, 'about 25 direct');
  const neo = inScope.filter((q) => q.source === 'NEO').length;
  const share = neo / inScope.length;
  assert.ok(share >= 0.35 && share <= 0.55, `NEO share ${share.toFixed(2)} should be about 0.45`);
  for (const src of SOURCES) {
    for (const kind of ['direct', 'paraphrase', 'variant'] as const) {
      assert.ok(inScope.some((q) => q.source === src && q.kind === kind), `${src} has no ${kind} question`);
    }
  }
  const qs = questionsFile.questions.map((q) => q.q.toLowerCase());
  assert.equal(new Set(qs).size, qs.length, 'duplicate question text');
});

test('every phrase is 2-7 clean words occurring exactly once in its article', () => {
  const bad: string[] = [];
  for (const q of inScope) {
    for (const p of phraseProblems(q.source, q.phrase, q.about === 'author')) bad.push(`${q.source} "${q.phrase}" (${q.q}): ${p}`);
  }
  assert.deepEqual(bad, []);
  assert.ok(inScope.filter((q) => q.about === 'author').length <= 2, 'at most 2 author questions');
  const seen = new Set<string>();
  for (const q of inScope) {
    const key = `${q.source}|${norm(q.phrase)}`;
    assert.ok(!seen.has(key), `phrase used twice: ${key}`);
    seen.add(key);
  }
});

test('every other answering passage (also) is labelled by words its source holds', () => {
  const bad: string[] = [];
  for (const q of inScope) {
    for (const a of q.also ?? []) {
      const p = norm(a.phrase);
      if (countOccurrences(seeds[a.source].full, p) === 0) bad.push(`${a.source} "${a.phrase}" (${q.q}): not in ${a.source}`);
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(inScope.filter((q) => (q.also ?? []).length > 0).length >= 20, 'the blind relabelling is there');
});

test('paraphrase questions share no content stem with the answer paragraph (names excepted)', () => {
  const bad: string[] = [];
  for (const q of inScope.filter((x) => x.kind === 'paraphrase')) {
    const paras = paragraphOf(q.source, q.phrase);
    assert.equal(paras.length, 1, `phrase "${q.phrase}" must be in exactly one ${q.source} paragraph`);
    const paraStems = contentStems(paras[0] ?? '', false);
    const shared = [...contentStems(q.q, true)].filter((s) => paraStems.has(s));
    if (shared.length > 0) bad.push(`${q.q} -> shares ${shared.join(', ')}`);
  }
  assert.deepEqual(bad, []);
});

test('variant questions include NEO passages asked about with the spelling Witkoff', () => {
  const hits = inScope.filter(
    (q) =>
      q.kind === 'variant' &&
      q.source === 'NEO' &&
      tokens(q.q).includes('witkoff') &&
      paragraphOf('NEO', q.phrase).some((p) => p.includes('whitcoff')),
  );
  assert.ok(hits.length >= 3, `only ${hits.length} Witkoff->Whitcoff variants`);
});

test('offtopic questions avoid the articles\u2019 core vocabulary', () => {
  const banned = new Set(['iran', 'iranian', 'oman', 'us', 'usa', 'talks', 'nuclear', 'sanctions', 'trump', 'israel', 'tehran', 'washington']);
  for (const q of offTopic) {
    const hit = tokens(q.q).filter((t) => banned.has(t));
    assert.deepEqual(hit, [], `offtopic "${q.q}" uses ${hit.join(', ')}`);
  }
});

/** All quotations (“…”, «…») in an article's content, normalised, in order. */
function extractQuotes(body: string): string[] {
  const found: string[] = [];
  const re = /"([^"]+)"|«([^»]+)»/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) found.push((m[1] ?? m[2] ?? '').trim());
  return found;
}

test('quotes.json: every text is an exact quotation of its source, and none is missing', () => {
  for (const src of SOURCES) {
    const body = seeds[src].body;
    assert.equal((body.match(/"/g) ?? []).length % 2, 0, `${src}: unbalanced quote marks`);
  }
  const covered = new Map<SourceId, Set<string>>(SOURCES.map((s) => [s, new Set<string>()]));
  for (const q of quotes) {
    const parts = q.parts ?? [q.text];
    // Joined parts read as one text: only a comma that closed a part may become a full stop.
    const words = (t: string): string => t.replace(/[,.]/g, '');
    if (q.parts) assert.equal(words(q.text), words(q.parts.join(' ')), `parts must join to text: ${q.text}`);
    assert.ok(!/[\u2018\u2019\u201C\u201D\u0422]/.test(q.text), `text must use straight quotes / Latin T: ${q.text}`);
    for (const part of parts) {
      const p = norm(part);
      const body = seeds[q.source].body;
      assert.ok(body.includes(`"${p}"`) || body.includes(`«${p}»`), `${q.source}: not an exact quotation: ${part}`);
      covered.get(q.source)?.add(p);
    }
    if (q.speaker !== null) assert.ok(!/whitcoff|araqchi|khamenai/i.test(q.speaker), `non-canonical speaker ${q.speaker}`);
  }
  for (const src of SOURCES) {
    const missing = extractQuotes(seeds[src].body).filter((x) => !covered.get(src)?.has(x));
    assert.deepEqual(missing, [], `${src}: quotations missing from quotes.json`);
  }
  const keys = quotes.map((q) => `${q.source}|${q.text}`);
  assert.equal(new Set(keys).size, keys.length, 'duplicate quote entries');
});

test('compare.json: topics, phrases and differences', () => {
  assert.ok(compare.topics.length >= 14, 'at least 14 compare topics');
  const bad: string[] = [];
  for (const t of compare.topics) {
    const words = t.topic.trim().split(/\s+/).length;
    if (words < 2 || words > 5) bad.push(`topic "${t.topic}" has ${words} words`);
    if (t.NEO === null && t.RSIS === null) bad.push(`topic "${t.topic}" covered by neither source`);
    for (const src of SOURCES) {
      const phrase = t[src];
      if (phrase === null) continue;
      for (const p of phraseProblems(src, phrase, false)) bad.push(`${t.topic} / ${src} "${phrase}": ${p}`);
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(compare.topics.filter((t) => t.NEO === null || t.RSIS === null).length >= 3, 'at least 3 single-source topics');
  const topics = compare.topics.map((t) => t.topic.toLowerCase());
  assert.equal(new Set(topics).size, topics.length, 'duplicate compare topic');
  assert.ok(compare.differences.length >= 3, 'at least 3 differences');
});
