/**
 * A MiniSearch index as the engine cache keeps it — columns of numbers instead of toJSON's
 * nested objects — and loading one back.
 *
 * `MiniSearch.loadJS` wants toJSON's shape: per term and field an object keyed by document
 * number, which it turns back into Maps key by key (parsing each key from a string). At 100,000
 * passages that is 4.2 million postings and about 2.5 s, half of a cache load. For the MiniSearch
 * release this code is written against (major 7, serialization version 2), `loadIndex` fills the
 * same Maps straight from the columns; for any other it builds toJSON's shape and calls loadJS.
 * test/unit/saved-index.test.ts checks that both ways give an index whose toJSON() is identical.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { internalsOf, KNOWN_INTERNALS } from './minisearch-internals.ts';

/** A missing value (null string, absent entry) in a table of unsigned numbers: the cache's one sentinel. */
export const NONE = 0xffffffff;

export interface IndexColumns {
  readonly documentCount: number;
  readonly nextId: number;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly averageFieldLength: readonly number[];
  readonly storedFields: Readonly<Record<string, unknown>>;
  readonly dirtCount: number;
  readonly serializationVersion: number;
  /** Document numbers (MiniSearch's short ids) and the id of each. */
  readonly docShort: ArrayLike<number>;
  readonly docIds: readonly string[];
  /** Per document (by lenShort), its field lengths: len[lenEnds[i] … lenEnds[i + 1]]. */
  readonly lenShort: ArrayLike<number>;
  readonly lenEnds: ArrayLike<number>;
  readonly len: ArrayLike<number>;
  readonly terms: readonly string[];
  /** Per term and field (terms × fields), how many postings, or NONE for a field without the term. */
  readonly counts: ArrayLike<number>;
  /** The postings one after another: document number and term frequency. */
  readonly docs: ArrayLike<number>;
  readonly freqs: ArrayLike<number>;
}

/** What a cache or a build hands to {@link loadIndex}. */
export type SavedIndex = AsPlainObject | IndexColumns;

const isColumns = (s: SavedIndex): s is IndexColumns => 'counts' in s;

function numericMap<V>(object: Readonly<Record<string, V>>): Map<number, V> {
  const map = new Map<number, V>();
  for (const key of Object.keys(object)) map.set(parseInt(key, 10), object[key] as V);
  return map;
}

/** The columns as toJSON's plain object, for loadJS. */
export function toPlainObject(c: IndexColumns): AsPlainObject {
  const documentIds: Record<string, string> = {};
  for (let i = 0; i < c.docShort.length; i++) documentIds[c.docShort[i] as number] = c.docIds[i] as string;
  const fieldLength: Record<string, number[]> = {};
  for (let i = 0; i < c.lenShort.length; i++) fieldLength[c.lenShort[i] as number] = Array.from({ length: (c.lenEnds[i + 1] as number) - (c.lenEnds[i] as number) }, (_, k) => c.len[(c.lenEnds[i] as number) + k] as number);
  const fields = Object.keys(c.fieldIds).length;
  const index: AsPlainObject['index'] = new Array(c.terms.length);
  let p = 0;
  for (let i = 0; i < c.terms.length; i++) {
    const data: Record<string, Record<string, number>> = {};
    for (let f = 0; f < fields; f++) {
      const n = c.counts[i * fields + f] as number;
      if (n === NONE) continue;
      // Last document first: the first key set is the largest, so the object takes its final
      // (sparse) form at once instead of growing into it; the keys come out in the same order.
      const entry: Record<string, number> = {};
      for (let j = p + n - 1; j >= p; j--) entry[c.docs[j] as number] = c.freqs[j] as number;
      p += n;
      data[f] = entry;
    }
    index[i] = [c.terms[i] as string, data];
  }
  const { documentCount, nextId, fieldIds, averageFieldLength, storedFields, dirtCount, serializationVersion } = c;
  return { documentCount, nextId, fieldIds: { ...fieldIds }, averageFieldLength: [...averageFieldLength], storedFields: { ...storedFields }, dirtCount, serializationVersion, documentIds, fieldLength, index };
}

/** What loadJS does, from the columns: the same Maps, in the same order. */
function fill<T>(c: IndexColumns, options: Options<T>): MiniSearch<T> {
  const search = new MiniSearch<T>(options);
  const s = internalsOf(search);
  s._documentCount = c.documentCount;
  s._nextId = c.nextId;
  s._fieldIds = { ...c.fieldIds };
  s._avgFieldLength = [...c.averageFieldLength];
  s._dirtCount = c.dirtCount;
  s._storedFields = numericMap(c.storedFields);
  s._documentIds = new Map();
  s._idToShortId = new Map();
  for (let i = 0; i < c.docShort.length; i++) {
    s._documentIds.set(c.docShort[i] as number, c.docIds[i]);
    s._idToShortId.set(c.docIds[i], c.docShort[i] as number);
  }
  s._fieldLength = new Map();
  for (let i = 0; i < c.lenShort.length; i++) {
    const from = c.lenEnds[i] as number;
    const lengths = new Array<number>((c.lenEnds[i + 1] as number) - from);
    for (let k = 0; k < lengths.length; k++) lengths[k] = c.len[from + k] as number;
    s._fieldLength.set(c.lenShort[i] as number, lengths);
  }
  const index = new SearchableMap<Map<number, Map<number, number>>>();
  const fields = Object.keys(c.fieldIds).length;
  let p = 0;
  for (let i = 0; i < c.terms.length; i++) {
    const data = new Map<number, Map<number, number>>();
    for (let f = 0; f < fields; f++) {
      const n = c.counts[i * fields + f] as number;
      if (n === NONE) continue;
      const entry = new Map<number, number>();
      for (let j = p; j < p + n; j++) entry.set(c.docs[j] as number, c.freqs[j] as number);
      p += n;
      data.set(f, entry);
    }
    index.set(c.terms[i] as string, data);
  }
  s._index = index;
  return search;
}

/** The MiniSearch index saved in `saved`, with the options it was built with. */
export function loadIndex<T>(saved: SavedIndex, options: Options<T>, direct: boolean = KNOWN_INTERNALS): MiniSearch<T> {
  if (!isColumns(saved)) return MiniSearch.loadJS<T>(saved, options);
  if (direct && saved.serializationVersion === 2) return fill(saved, options);
  return MiniSearch.loadJS<T>(toPlainObject(saved), options);
}
