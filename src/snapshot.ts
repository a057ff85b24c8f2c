/**
 * What the engine cache holds — everything building the engine computes from the corpus — and
 * how it is laid out in the cache file's sections (src/cache.ts): columns of numbers for the
 * passages, quotations, term ids, MiniSearch postings and vector clusters, every string once in
 * the string table (a passage's text and a quotation's words and context as stretches of their
 * document's text).
 */
import { check, type CacheReader, type CacheWriter } from './cache.ts';
import type { Document, Passage } from './corpus/chunk.ts';
import type { SourceMeta } from './corpus/load.ts';
import type { IndexSnapshot, PassageTerms } from './search/index.ts';
import type { Related } from './search/related.ts';
import type { Quotation } from './search/types.ts';
import { NONE, toPlainObject, type IndexColumns, type SavedIndex } from './search/saved-index.ts';
import type { SavedVectors, VectorClusters } from './search/vectors.ts';

export interface EngineSnapshot {
  readonly documents: readonly Document[];
  readonly index: IndexSnapshot;
  readonly related: readonly (readonly [string, readonly Related[]])[];
  readonly nonNouns: readonly string[];
  readonly quotations: readonly Quotation[];
  /** The vector bridge's term vectors and clusters. */
  readonly vectors: SavedVectors;
  /** The quotation index (QuoteIndex's MiniSearch). */
  readonly quoteIndex: SavedIndex;
}

const KINDS = ['statement', 'term'] as const;

/** Ends of consecutive runs of the given lengths, from 0: [2, 3] → [0, 2, 5]. */
function ends(counts: ArrayLike<number>): number[] {
  const out = [0];
  for (let i = 0; i < counts.length; i++) out.push((out[i] as number) + (counts[i] as number));
  return out;
}

function at(a: ArrayLike<number>, i: number): number {
  const v = a[i];
  check(v !== undefined, 'index out of range');
  return v;
}

export function encodeSnapshot(s: EngineSnapshot, w: CacheWriter): void {
  const t = w.strings;
  // Documents first: every passage's and quotation's strings are stretches of their document's text.
  const docText: number[] = [];
  w.json('metas', s.documents.map((d) => d.meta));
  w.uints('doc.file', s.documents.map((d) => t.ref(d.file)));
  for (const d of s.documents) docText.push(t.ref(d.text));
  w.uints('doc.text', docText);
  w.uints('doc.passages', s.documents.map((d) => d.passages.length));
  const passages = s.documents.flatMap((d, i) => d.passages.map((p) => ({ p, doc: i })));
  w.uints('p.id', passages.map(({ p }) => t.ref(p.id)));
  w.uints('p.source', passages.map(({ p }) => t.ref(p.source)));
  w.uints('p.heading', passages.map(({ p }) => t.optional(p.heading)));
  w.uints('p.position', passages.map(({ p }) => p.position));
  w.uints('p.start', passages.map(({ p }) => p.start));
  w.uints('p.end', passages.map(({ p }) => p.end));
  w.uints('p.text', passages.map(({ p, doc }) => t.within(p.text, docText[doc] as number, p.start)));
  w.uints('p.sentences', passages.map(({ p }) => p.sentences.length));
  w.uints('p.spans', passages.flatMap(({ p }) => p.sentences.flatMap((sp) => [sp.start, sp.end])));

  const docOf = new Map(s.documents.map((d, i) => [d.meta.id, i]));
  const passageStart = new Map(passages.map(({ p }) => [p.id, p.start]));
  const q = s.quotations;
  const inDoc = (x: Quotation, str: string, from: number): number => {
    const doc = docOf.get(x.source);
    return doc === undefined ? t.ref(str) : t.within(str, docText[doc] as number, from);
  };
  w.uints('q.id', q.map((x) => t.ref(x.id)));
  w.uints('q.source', q.map((x) => t.ref(x.source)));
  w.uints('q.passage', q.map((x) => t.ref(x.passageId)));
  w.uints('q.text', q.map((x) => inDoc(x, x.text, x.start + 1)));
  w.uints('q.speaker', q.map((x) => t.optional(x.speaker)));
  w.uints('q.role', q.map((x) => t.optional(x.role)));
  w.uints('q.kind', q.map((x) => KINDS.indexOf(x.kind)));
  w.uints('q.start', q.map((x) => x.start));
  w.uints('q.end', q.map((x) => x.end));
  w.uints('q.context', q.map((x) => inDoc(x, x.context, passageStart.get(x.passageId) ?? 0)));

  const ix = s.index;
  encodeMiniSearch(w, 'ms', ix.miniSearch);
  w.uints('df.term', ix.docFreq.map(([term]) => t.ref(term)));
  w.uints('df.n', ix.docFreq.map(([, n]) => n));
  w.uints('sf.term', ix.surfaces.map(([term]) => t.ref(term)));
  w.uints('sf.n', ix.surfaces.map(([, forms]) => forms.length));
  w.uints('sf.forms', ix.surfaces.flatMap(([, forms]) => forms.map((f) => t.ref(f))));
  w.uints('terms', ix.terms.map((term) => t.ref(term)));
  const pt = ix.passageTerms;
  w.uints('pt.bounds.n', pt.map((x) => x.bounds.length));
  w.array('pt.bounds', 'u16', concat(pt.map((x) => x.bounds)));
  w.array('pt.ids', 'i32', concat(pt.map((x) => x.ids)));
  w.uints('pt.context.n', pt.map((x) => x.context.length));
  w.array('pt.context', 'i32', concat(pt.map((x) => x.context)));

  w.uints('rel.term', s.related.map(([term]) => t.ref(term)));
  w.uints('rel.n', s.related.map(([, r]) => r.length));
  w.uints('rel.to', s.related.flatMap(([, r]) => r.map((x) => t.ref(x.term))));
  w.array('rel.strength', 'f64', s.related.flatMap(([, r]) => r.map((x) => x.strength)));
  w.uints('nonNouns', s.nonNouns.map((x) => t.ref(x)));

  const v = s.vectors;
  w.uints('tv.terms', v.terms.map((term) => t.ref(term)));
  w.array('tv.matrix', 'f32', v.matrix);
  w.json('clusters', v.clusters !== undefined);
  w.array('clusters.centroids', 'f32', v.clusters?.centroids ?? []);
  w.uints('clusters.n', v.clusters?.members.map((m) => m.length) ?? []);
  w.array('clusters.members', 'i32', concat(v.clusters?.members ?? []));

  encodeMiniSearch(w, 'qs', s.quoteIndex);
}

function concat(parts: readonly ArrayLike<number>[]): number[] {
  const out: number[] = [];
  for (const p of parts) for (let i = 0; i < p.length; i++) out.push(p[i] as number);
  return out;
}

/** A MiniSearch index as toJSON gives it: the scalars as JSON, the documents and postings as columns. */
function encodeMiniSearch(w: CacheWriter, name: string, saved: SavedIndex): void {
  const js = 'counts' in saved ? toPlainObject(saved) : saved;
  const t = w.strings;
  const { documentCount, nextId, fieldIds, averageFieldLength, storedFields, dirtCount, serializationVersion } = js;
  w.json(`${name}.meta`, { documentCount, nextId, fieldIds, averageFieldLength, storedFields, dirtCount, serializationVersion });
  const ids = Object.entries(js.documentIds);
  w.uints(`${name}.doc.short`, ids.map(([k]) => Number(k)));
  w.uints(
    `${name}.doc.id`,
    ids.map(([, id]) => {
      if (typeof id !== 'string') throw new Error('the cache stores string document ids only');
      return t.ref(id);
    }),
  );
  const lengths = Object.entries(js.fieldLength);
  w.uints(`${name}.len.short`, lengths.map(([k]) => Number(k)));
  w.uints(`${name}.len.n`, lengths.map(([, v]) => v.length));
  w.uints(`${name}.len`, lengths.flatMap(([, v]) => v));
  const fields = Object.keys(fieldIds).length;
  const counts: number[] = [];
  const docs: number[] = [];
  const freqs: number[] = [];
  for (const [, data] of js.index) {
    for (let f = 0; f < fields; f++) {
      const entry = data[f];
      if (entry === undefined) {
        counts.push(NONE);
        continue;
      }
      const keys = Object.keys(entry);
      counts.push(keys.length);
      for (const k of keys) {
        docs.push(Number(k));
        freqs.push(entry[k] as number);
      }
    }
    if (Object.keys(data).length !== counts.slice(-fields).filter((c) => c !== NONE).length) throw new Error('unexpected MiniSearch field id');
  }
  w.uints(`${name}.terms`, js.index.map(([term]) => t.ref(term)));
  w.uints(`${name}.postings.n`, counts);
  w.uints(`${name}.postings.doc`, docs);
  w.uints(`${name}.postings.freq`, freqs);
}

interface MiniSearchMeta {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  storedFields: Record<string, unknown>;
  dirtCount?: number;
  serializationVersion: number;
}

/**
 * The columns of a saved MiniSearch index, checked for consistency; loadIndex turns them into an
 * index. They are copies, not views of the file's bytes: the quotation index keeps its columns
 * until the first quote, and a view would keep the whole file in memory until then.
 */
function decodeMiniSearch(r: CacheReader, name: string): IndexColumns {
  const meta = r.json(`${name}.meta`) as MiniSearchMeta;
  check(typeof meta === 'object' && meta !== null && typeof meta.fieldIds === 'object' && meta.fieldIds !== null, `${name} meta`);
  check(Array.isArray(meta.averageFieldLength) && typeof meta.storedFields === 'object' && meta.storedFields !== null, `${name} meta`);
  const docShort = r.uints(`${name}.doc.short`).slice();
  const docIds = Array.from(r.uints(`${name}.doc.id`), (ref) => r.string(ref));
  check(docShort.length === docIds.length, `${name} documents`);
  const lenShort = r.uints(`${name}.len.short`).slice();
  const lenEnds = ends(r.uints(`${name}.len.n`));
  const len = r.uints(`${name}.len`).slice();
  check(lenEnds.length === lenShort.length + 1 && lenEnds[lenEnds.length - 1] === len.length, `${name} field lengths`);
  const fields = Object.keys(meta.fieldIds).length;
  const terms = Array.from(r.uints(`${name}.terms`), (ref) => r.string(ref));
  const counts = r.uints(`${name}.postings.n`).slice();
  const docs = r.uints(`${name}.postings.doc`).slice();
  const freqs = r.uints(`${name}.postings.freq`).slice();
  check(counts.length === terms.length * fields && docs.length === freqs.length, `${name} postings`);
  let total = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] !== NONE) total += counts[i] as number;
  check(total === docs.length, `${name} postings`);
  return {
    documentCount: meta.documentCount,
    nextId: meta.nextId,
    fieldIds: meta.fieldIds,
    averageFieldLength: meta.averageFieldLength,
    storedFields: meta.storedFields,
    dirtCount: meta.dirtCount ?? 0,
    serializationVersion: meta.serializationVersion,
    docShort,
    docIds,
    lenShort,
    lenEnds,
    len,
    terms,
    counts,
    docs,
    freqs,
  };
}

export function decodeSnapshot(r: CacheReader): EngineSnapshot {
  const metas = r.json('metas') as SourceMeta[];
  check(Array.isArray(metas), 'metas');
  const docFile = r.uints('doc.file');
  const docText = r.uints('doc.text');
  const docPassages = r.uints('doc.passages');
  check(docFile.length === metas.length && docText.length === metas.length && docPassages.length === metas.length, 'documents');
  const pId = r.uints('p.id');
  const pSource = r.uints('p.source');
  const pHeading = r.uints('p.heading');
  const pPosition = r.uints('p.position');
  const pStart = r.uints('p.start');
  const pEnd = r.uints('p.end');
  const pText = r.uints('p.text');
  const spanEnds = ends(r.uints('p.sentences'));
  const spans = r.uints('p.spans');
  const nPassages = pId.length;
  check(spanEnds.length === nPassages + 1 && at(spanEnds, nPassages) * 2 === spans.length, 'passages');
  const documents: Document[] = [];
  let k = 0;
  for (let d = 0; d < metas.length; d++) {
    const passages: Passage[] = [];
    for (const stop = k + at(docPassages, d); k < stop; k++) {
      const sentences = [];
      for (let j = at(spanEnds, k); j < at(spanEnds, k + 1); j++) sentences.push({ start: at(spans, 2 * j), end: at(spans, 2 * j + 1) });
      passages.push({
        id: r.string(pId[k]),
        source: r.string(pSource[k]),
        heading: r.optional(pHeading[k]),
        position: at(pPosition, k),
        start: at(pStart, k),
        end: at(pEnd, k),
        text: r.string(pText[k]),
        sentences,
      });
    }
    documents.push({ meta: metas[d] as SourceMeta, file: r.string(docFile[d]), text: r.string(docText[d]), passages });
  }
  check(k === nPassages, 'passages');

  const qId = r.uints('q.id');
  const cols = ['q.source', 'q.passage', 'q.text', 'q.speaker', 'q.role', 'q.kind', 'q.start', 'q.end', 'q.context'].map((c) => r.uints(c));
  check(cols.every((c) => c.length === qId.length), 'quotations');
  const [qSource, qPassage, qText, qSpeaker, qRole, qKind, qStart, qEnd, qContext] = cols as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  const quotations: Quotation[] = [];
  for (let i = 0; i < qId.length; i++) {
    const kind = KINDS[at(qKind, i)];
    check(kind !== undefined, 'quotation kind');
    quotations.push({
      id: r.string(qId[i]),
      source: r.string(qSource[i]),
      passageId: r.string(qPassage[i]),
      text: r.string(qText[i]),
      speaker: r.optional(qSpeaker[i]),
      role: r.optional(qRole[i]),
      kind,
      start: at(qStart, i),
      end: at(qEnd, i),
      context: r.string(qContext[i]),
    });
  }

  const dfTerm = r.uints('df.term');
  const dfN = r.uints('df.n');
  check(dfTerm.length === dfN.length, 'document frequencies');
  const docFreq = Array.from(dfTerm, (term, i) => [r.string(term), at(dfN, i)] as const);
  const sfTerm = r.uints('sf.term');
  const sfEnds = ends(r.uints('sf.n'));
  const sfForms = r.uints('sf.forms');
  check(sfEnds.length === sfTerm.length + 1 && at(sfEnds, sfTerm.length) === sfForms.length, 'surfaces');
  const surfaces = Array.from(sfTerm, (term, i) => [r.string(term), Array.from(sfForms.subarray(at(sfEnds, i), at(sfEnds, i + 1)), (f) => r.string(f))] as const);
  const terms = Array.from(r.uints('terms'), (term) => r.string(term));
  // One copy of each column outlives the file's bytes; each passage's arrays are views of it.
  const boundsEnds = ends(r.uints('pt.bounds.n'));
  const bounds = r.array('pt.bounds', 'u16').slice();
  const ids = r.array('pt.ids', 'i32').slice();
  const contextEnds = ends(r.uints('pt.context.n'));
  const context = r.array('pt.context', 'i32').slice();
  check(boundsEnds.length === nPassages + 1 && contextEnds.length === nPassages + 1 && at(boundsEnds, nPassages) === bounds.length && at(contextEnds, nPassages) === context.length, 'passage terms');
  const passageTerms: PassageTerms[] = [];
  let idAt = 0;
  for (let i = 0; i < nPassages; i++) {
    const b = bounds.subarray(at(boundsEnds, i), at(boundsEnds, i + 1));
    const n = b.length > 0 ? at(b, b.length - 1) : 0;
    check(idAt + n <= ids.length, 'passage terms');
    passageTerms.push({ ids: ids.subarray(idAt, idAt + n), bounds: b, context: context.subarray(at(contextEnds, i), at(contextEnds, i + 1)) });
    idAt += n;
  }
  check(idAt === ids.length, 'passage terms');

  const relTerm = r.uints('rel.term');
  const relEnds = ends(r.uints('rel.n'));
  const relTo = r.uints('rel.to');
  const relStrength = r.array('rel.strength', 'f64');
  check(relEnds.length === relTerm.length + 1 && at(relEnds, relTerm.length) === relTo.length && relTo.length === relStrength.length, 'related');
  const related = Array.from(relTerm, (term, i) => {
    const list: Related[] = [];
    for (let j = at(relEnds, i); j < at(relEnds, i + 1); j++) list.push({ term: r.string(relTo[j]), strength: at(relStrength, j) });
    return [r.string(term), list] as const;
  });
  const nonNouns = Array.from(r.uints('nonNouns'), (x) => r.string(x));

  let clusters: VectorClusters | undefined;
  if (r.json('clusters') === true) {
    const centroids = r.array('clusters.centroids', 'f32').slice();
    const memberEnds = ends(r.uints('clusters.n'));
    const members = r.array('clusters.members', 'i32').slice();
    check(at(memberEnds, memberEnds.length - 1) === members.length, 'clusters');
    clusters = { centroids, members: Array.from({ length: memberEnds.length - 1 }, (_, j) => members.subarray(at(memberEnds, j), at(memberEnds, j + 1))) };
  }

  return {
    documents,
    index: { miniSearch: decodeMiniSearch(r, 'ms'), docFreq, surfaces, terms, passageTerms },
    related,
    nonNouns,
    quotations,
    vectors: { terms: Array.from(r.uints('tv.terms'), (term) => r.string(term)), matrix: r.array('tv.matrix', 'f32').slice(), clusters },
    quoteIndex: decodeMiniSearch(r, 'qs'),
  };
}
