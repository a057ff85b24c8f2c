/**
 * What the engine cache holds: everything building the engine computes from the corpus, in a
 * shape node:v8's serializer clones fast. It clones strings, numbers, typed arrays and Maps
 * quickly and objects slowly (a few µs each), so what an archive holds hundreds of thousands of
 * — passages and their sentences, quotations, WordNet's relatives, MiniSearch's postings — is
 * kept as columns, one array per field; a passage's text is its stretch of the document's text
 * (chunk.ts cuts it so). At 100,000 passages that makes a load from the cache 2–3 s instead of 5.
 */
import type { Document, Passage } from './corpus/chunk.ts';
import type { Span } from './corpus/sentences.ts';
import type { Analyzer } from './search/analyzer.ts';
import { PassageIndex, type IndexSnapshot, type PassageTerms } from './search/index.ts';
import { QuoteIndex } from './search/quotes.ts';
import type { Related } from './search/related.ts';
import type { IndexState } from './search/saved-index.ts';
import type { Quotation } from './search/types.ts';
import { TermVectors, type SavedVectors, type WordVectors } from './search/vectors.ts';

/** What building the engine computes, from the corpus or from the cache. */
export interface EngineParts {
  readonly documents: readonly Document[];
  readonly index: PassageIndex;
  /** WordNet's relatives of each word (see related.ts). */
  readonly related: ReadonlyMap<string, readonly Related[]>;
  readonly nonNouns: ReadonlySet<string>;
  readonly vectors: TermVectors;
  readonly quotes: QuoteIndex;
}

/** A document with its passages as columns. */
interface SavedDocument extends Omit<Document, 'passages'> {
  readonly ids: readonly string[];
  readonly headings: readonly (string | null)[];
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** Per passage, how many sentences, then each sentence's start and end. */
  readonly sentences: Uint32Array;
}

/** Objects of one shape as columns: per field, its value in every object. */
type Columns<T> = { readonly [K in keyof T]: readonly T[K][] };

function toColumns<T extends object>(rows: readonly T[]): Columns<T> {
  const columns = {} as { [K in keyof T]: T[K][] };
  for (const k of Object.keys(rows[0] ?? {}) as (keyof T)[]) columns[k] = rows.map((r) => r[k]);
  return columns;
}

/** The objects back, with their fields in the order they had. */
function fromColumns<T extends object>(columns: Columns<T>): T[] {
  const keys = Object.keys(columns) as (keyof T)[];
  const length = keys.length === 0 ? 0 : columns[keys[0] as keyof T].length;
  return Array.from({ length }, (_, i) => {
    const row = {} as T;
    for (const k of keys) row[k] = columns[k][i] as T[keyof T];
    return row;
  });
}

/** Every passage's {@link PassageTerms} one after another, and per passage how many bounds and context ids. */
interface SavedTerms {
  readonly ids: Int32Array;
  readonly bounds: Uint16Array;
  readonly context: Int32Array;
  readonly boundCounts: Uint16Array;
  readonly contextCounts: Uint16Array;
}

function concat<A extends Int32Array | Uint16Array>(parts: readonly A[], make: (length: number) => A): A {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function saveTerms(list: readonly PassageTerms[]): SavedTerms {
  return {
    ids: concat(list.map((t) => t.ids), (n) => new Int32Array(n)),
    bounds: concat(list.map((t) => t.bounds), (n) => new Uint16Array(n)),
    context: concat(list.map((t) => t.context), (n) => new Int32Array(n)),
    boundCounts: Uint16Array.from(list, (t) => t.bounds.length),
    contextCounts: Uint16Array.from(list, (t) => t.context.length),
  };
}

/** The passages' terms back, as views of the saved arrays. */
function restoreTerms(s: SavedTerms): PassageTerms[] {
  const out: PassageTerms[] = [];
  let [i, b, c] = [0, 0, 0];
  for (let k = 0; k < s.boundCounts.length; k++) {
    const bounds = s.bounds.subarray(b, (b += s.boundCounts[k] ?? 0));
    const ids = s.ids.subarray(i, (i += bounds[bounds.length - 1] ?? 0));
    out.push({ ids, bounds, context: s.context.subarray(c, (c += s.contextCounts[k] ?? 0)) });
  }
  if (i !== s.ids.length || b !== s.bounds.length || c !== s.context.length) throw new Error('snapshot: passage terms do not add up');
  return out;
}

/** WordNet's relatives: each word, how many relatives it has, and all relatives one after another. */
interface SavedRelated {
  readonly words: readonly string[];
  readonly counts: readonly number[];
  readonly relatives: Columns<Related>;
}

export interface EngineSnapshot {
  readonly documents: readonly SavedDocument[];
  readonly index: Omit<IndexSnapshot, 'passageTerms'> & { readonly passageTerms: SavedTerms };
  readonly related: SavedRelated;
  readonly nonNouns: ReadonlySet<string>;
  readonly quotations: Columns<Quotation>;
  readonly vectors: SavedVectors;
  readonly quoteIndex: IndexState;
}

function saveDocument({ passages, ...d }: Document): SavedDocument {
  const sentences = passages.flatMap((p) => [p.sentences.length, ...p.sentences.flatMap((s) => [s.start, s.end])]);
  return {
    ...d,
    ids: passages.map((p) => p.id),
    headings: passages.map((p) => p.heading),
    starts: Uint32Array.from(passages, (p) => p.start),
    ends: Uint32Array.from(passages, (p) => p.end),
    sentences: Uint32Array.from(sentences),
  };
}

function restoreDocument({ ids, headings, starts, ends, sentences, ...d }: SavedDocument): Document {
  const passages: Passage[] = [];
  let at = 0;
  const next = (): number => {
    const v = sentences[at++];
    if (v === undefined) throw new Error(`snapshot: ${d.meta.id}'s sentences end early`);
    return v;
  };
  for (let k = 0; k < ids.length; k++) {
    const spans: Span[] = [];
    for (let n = next(); n > 0; n--) spans.push({ start: next(), end: next() });
    const [start, end] = [starts[k] ?? 0, ends[k] ?? 0];
    passages.push({ id: ids[k] as string, source: d.meta.id, heading: headings[k] ?? null, position: k, start, end, text: d.text.slice(start, end), sentences: spans });
  }
  return { ...d, passages };
}

/** The parts as the cache keeps them (sharing their arrays and maps: write it, do not change it). */
export function snapshotOf(p: EngineParts): EngineSnapshot {
  const index = p.index.snapshot();
  return {
    documents: p.documents.map(saveDocument),
    index: { ...index, passageTerms: saveTerms(index.passageTerms) },
    related: { words: [...p.related.keys()], counts: [...p.related.values()].map((r) => r.length), relatives: toColumns([...p.related.values()].flat()) },
    nonNouns: p.nonNouns,
    quotations: toColumns(p.quotes.quotations),
    vectors: p.vectors.save(),
    quoteIndex: p.quotes.save(),
  };
}

/** The parts a snapshot holds; throws for one that does not fit together. */
export function restoreParts(s: EngineSnapshot, analyzer: Analyzer, words: WordVectors): EngineParts {
  const documents = s.documents.map(restoreDocument);
  const index = PassageIndex.restore(documents, analyzer, { ...s.index, passageTerms: restoreTerms(s.index.passageTerms) });
  const metas = new Map(documents.map((d) => [d.meta.id, d.meta]));
  const relatives = fromColumns(s.related.relatives);
  let at = 0;
  return {
    documents,
    index,
    related: new Map(s.related.words.map((w, i) => [w, relatives.slice(at, (at += s.related.counts[i] ?? 0))])),
    nonNouns: s.nonNouns,
    vectors: new TermVectors(words, index.surfaces, s.vectors),
    quotes: new QuoteIndex(fromColumns(s.quotations), metas, analyzer, s.quoteIndex),
  };
}
