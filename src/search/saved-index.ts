/**
 * A MiniSearch index that the engine cache can save and restore without indexing again.
 *
 * MiniSearch's own `toJSON`/`loadJS` turn every posting into an object key and back: at
 * 100,000 passages (4.2 million postings) cloning and loading that shape takes about 4 s. This
 * subclass saves MiniSearch's own state instead, its Maps as columns of numbers, and restores it
 * into a new instance as `loadJS` does (0.6 s there). The fields it touches are `protected` in
 * MiniSearch's types, so `tsc` checks every one; the state records the MiniSearch release that
 * saved it, and only that release restores it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import MiniSearch, { type Options } from 'minisearch';

/** An installed package's version, from its package.json (which not every package exports), or "unknown". */
export function installedVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    } catch {
      // no package.json here: look one folder up
    }
  }
  return 'unknown';
}

const MINISEARCH_VERSION = installedVersion('minisearch');

/**
 * What {@link SavableMiniSearch.save} gives: MiniSearch's state, its Maps as columns (node:v8
 * clones an array of numbers at once, a Map entry by entry: 1.0–1.3 s for the postings of 100,000
 * passages, against 0.6 s to fill the Maps from columns).
 */
export interface IndexState {
  /** The MiniSearch release that saved it. */
  readonly version: string;
  readonly documentCount: number;
  readonly nextId: number;
  readonly fieldIds: Record<string, number>;
  readonly avgFieldLength: number[];
  readonly storedFields: Map<number, Record<string, unknown>>;
  readonly dirtCount: number;
  /** Each document's number (MiniSearch's short id), id, and length in each field (0 for a field it lacks). */
  readonly shortIds: Uint32Array;
  readonly ids: unknown[];
  readonly fieldLengths: Uint32Array;
  /** The index terms; per term, how many fields hold it; per such field, its id and how many postings. */
  readonly terms: string[];
  readonly termFields: Uint8Array;
  readonly fields: Uint32Array;
  /** The postings, one after another: document number and term frequency. */
  readonly docs: Uint32Array;
  readonly freqs: Uint32Array;
}

export class SavableMiniSearch<T> extends MiniSearch<T> {
  /** The index's state, for the engine cache. */
  save(): IndexState {
    const [shortIds, ids, fieldLengths] = [[] as number[], [] as unknown[], [] as number[]];
    for (const [short, id] of this._documentIds) {
      shortIds.push(short);
      ids.push(id);
      const lengths = this._fieldLength.get(short) ?? [];
      for (let f = 0; f < this._avgFieldLength.length; f++) fieldLengths.push(lengths[f] ?? 0);
    }
    const [terms, termFields, fields, docs, freqs] = [[] as string[], [] as number[], [] as number[], [] as number[], [] as number[]];
    for (const [term, data] of this._index) {
      terms.push(term);
      termFields.push(data.size);
      for (const [field, postings] of data) {
        fields.push(field, postings.size);
        for (const [doc, freq] of postings) {
          docs.push(doc);
          freqs.push(freq);
        }
      }
    }
    return {
      version: MINISEARCH_VERSION,
      documentCount: this._documentCount,
      nextId: this._nextId,
      fieldIds: this._fieldIds,
      avgFieldLength: this._avgFieldLength,
      storedFields: this._storedFields,
      dirtCount: this._dirtCount,
      shortIds: Uint32Array.from(shortIds),
      ids,
      fieldLengths: Uint32Array.from(fieldLengths),
      terms,
      termFields: Uint8Array.from(termFields),
      fields: Uint32Array.from(fields),
      docs: Uint32Array.from(docs),
      freqs: Uint32Array.from(freqs),
    };
  }

  /** The index `save` gave, with the options it was built with; throws for a state another MiniSearch release saved. */
  static restore<T>(state: IndexState, options: Options<T>): SavableMiniSearch<T> {
    if (state.version !== MINISEARCH_VERSION) throw new Error(`a MiniSearch ${state.version} index cannot be restored by MiniSearch ${MINISEARCH_VERSION}`);
    const search = new SavableMiniSearch<T>(options);
    search._documentCount = state.documentCount;
    search._nextId = state.nextId;
    search._fieldIds = state.fieldIds;
    search._avgFieldLength = state.avgFieldLength;
    search._storedFields = state.storedFields;
    search._dirtCount = state.dirtCount;
    const n = state.avgFieldLength.length;
    state.ids.forEach((id, i) => {
      const short = at(state.shortIds, i);
      search._documentIds.set(short, id);
      search._idToShortId.set(id, short);
      search._fieldLength.set(short, Array.from(state.fieldLengths.subarray(i * n, (i + 1) * n)));
    });
    let [f, p] = [0, 0];
    state.terms.forEach((term, t) => {
      const data = new Map<number, Map<number, number>>();
      for (let k = at(state.termFields, t); k > 0; k--) {
        const [field, count] = [at(state.fields, f++), at(state.fields, f++)];
        const postings = new Map<number, number>();
        for (const end = p + count; p < end; p++) postings.set(at(state.docs, p), at(state.freqs, p));
        data.set(field, postings);
      }
      search._index.set(term, data);
    });
    if (p !== state.docs.length) throw new Error('the saved index\'s postings do not add up');
    return search;
  }
}

/** `a[i]`, which must be there. */
function at(a: ArrayLike<number>, i: number): number {
  const v = a[i];
  if (v === undefined) throw new Error('the saved index ends early');
  return v;
}
