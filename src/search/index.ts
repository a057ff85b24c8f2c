/**
 * The passage index: MiniSearch over pre-analyzed passages (text, heading and title fields),
 * with the term statistics the query planner needs (vocabulary, document frequency) and a
 * map of the vocabulary for bounded fuzzy look-ups of misspelled words.
 */
import type { SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Document, Passage } from '../corpus/chunk.ts';
import type { SourceMeta } from '../corpus/load.ts';
import type { Analyzer } from './analyzer.ts';
import { SavableMiniSearch, type IndexState } from './saved-index.ts';

export interface IndexedPassage extends Passage {
  readonly meta: SourceMeta;
}

interface IndexDoc {
  readonly id: string;
  readonly text: string;
  readonly heading: string;
  readonly title: string;
}

/** Field boosts: a heading says what its passages are about; the title is shared by a whole source. */
export const FIELD_BOOST = { text: 1, heading: 1.5, title: 0.3 } as const;
const FIELDS = ['text', 'heading', 'title'] as const;
const splitTerms = (s: string): string[] => (s.length === 0 ? [] : s.split(' '));
const identity = (t: string): string => t;

/** A third person, as a sentence refers to someone named before it. */
const PRONOUN = /\b(?:he|his|him|she|her|hers)\b/i;

/** Postings a search may look at; see {@link PassageIndex.searchedTerms}. */
export const SEARCH_BUDGET = 3_000;
/** A weight at or above this is a question's own word (exact, alias or close spelling), not a relative. */
const OWN_WORD = 0.8;

export interface IndexHit {
  readonly passage: IndexedPassage;
  readonly score: number;
}

/**
 * The terms of one passage, kept small: term ids per sentence (each sentence's ids sorted, the
 * sentences one after another in `ids`, sentence k at ids[bounds[k]] … ids[bounds[k+1]]), and the
 * ids of its heading and title, which count with every sentence.
 */
export interface PassageTerms {
  readonly ids: Int32Array;
  readonly bounds: Uint16Array;
  readonly context: Int32Array;
}

/** What the engine cache keeps of the index, beside the documents. */
export interface IndexSnapshot {
  readonly search: IndexState;
  readonly docFreq: ReadonlyMap<string, number>;
  readonly surfaces: ReadonlyMap<string, ReadonlySet<string>>;
  /** Term of each id. */
  readonly terms: readonly string[];
  /** Per passage, in order. */
  readonly passageTerms: readonly PassageTerms[];
}

const MINISEARCH_OPTIONS = {
  fields: [...FIELDS],
  idField: 'id',
  tokenize: splitTerms,
  processTerm: identity,
  searchOptions: { tokenize: splitTerms, processTerm: identity },
};

export class PassageIndex {
  readonly passages: readonly IndexedPassage[];
  private readonly byId = new Map<string, IndexedPassage>();
  private readonly ordinal = new Map<string, number>();
  /** The vocabulary (and the single-word alias forms), for fuzzy look-ups. */
  private readonly spellings = new SearchableMap<string>();

  private constructor(
    documents: readonly Document[],
    readonly analyzer: Analyzer,
    private readonly search: SavableMiniSearch<IndexDoc>,
    private readonly docFreq: ReadonlyMap<string, number>,
    /** The plain words (folded) that analyze to each term, for the vector bridge. */
    readonly surfaces: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly dict: ReadonlyMap<string, number>,
    private readonly passageTerms: readonly PassageTerms[],
  ) {
    this.passages = documents.flatMap((d) => d.passages.map((p) => ({ ...p, meta: d.meta })));
    this.passages.forEach((p, i) => {
      this.byId.set(p.id, p);
      this.ordinal.set(p.id, i);
    });
    // Words as written, not only their stems: "negotations" is one letter from "negotiations",
    // five from the stem "negoti".
    for (const term of this.docFreq.keys()) this.spellings.set(term, term);
    for (const [term, forms] of this.surfaces) for (const form of forms) if (!this.spellings.has(form)) this.spellings.set(form, term);
    for (const [word, term] of this.analyzer.aliasWords) if (!this.spellings.has(word)) this.spellings.set(word, term);
  }

  /** Analyzes every passage and indexes it. */
  static build(documents: readonly Document[], analyzer: Analyzer): PassageIndex {
    const parts = { search: new SavableMiniSearch<IndexDoc>(MINISEARCH_OPTIONS), docFreq: new Map<string, number>(), surfaces: new Map<string, Set<string>>(), dict: new Map<string, number>(), passageTerms: [] };
    return PassageIndex.indexing(documents, documents, analyzer, parts);
  }

  /**
   * This index with `added` documents indexed too, as a new index: this one is not changed (its
   * MiniSearch is copied through its saved state), so an engine still answering from it keeps
   * its answers. Only the added passages are analyzed.
   */
  withDocuments(documents: readonly Document[], added: readonly Document[]): PassageIndex {
    const surfaces = new Map<string, Set<string>>();
    for (const [term, forms] of this.surfaces) surfaces.set(term, new Set(forms));
    return PassageIndex.indexing([...documents, ...added], added, this.analyzer, {
      search: SavableMiniSearch.restore<IndexDoc>(this.search.save(), MINISEARCH_OPTIONS),
      docFreq: new Map(this.docFreq),
      surfaces,
      dict: new Map(this.dict),
      passageTerms: [...this.passageTerms],
    });
  }

  /** Analyzes the passages of `fresh` into the given structures and returns the index over `documents` (which end with `fresh`). */
  private static indexing(
    documents: readonly Document[],
    fresh: readonly Document[],
    analyzer: Analyzer,
    parts: { search: SavableMiniSearch<IndexDoc>; docFreq: Map<string, number>; surfaces: Map<string, Set<string>>; dict: Map<string, number>; passageTerms: PassageTerms[] },
  ): PassageIndex {
    const { search, docFreq, surfaces, dict, passageTerms } = parts;
    const idOf = (t: string): number => {
      let id = dict.get(t);
      if (id === undefined) dict.set(t, (id = dict.size));
      return id;
    };
    const sortedIds = (terms: Iterable<string>): number[] => [...new Set([...terms].map(idOf))].sort((a, b) => a - b);
    const docs: IndexDoc[] = [];
    for (const doc of fresh) {
      const titleTerms = analyzer.terms(doc.meta.title);
      const headingTerms = new Map<string | null, string[]>();
      for (const p of doc.passages) {
        let heading = headingTerms.get(p.heading);
        if (heading === undefined) {
          heading = p.heading ? analyzer.terms(p.heading) : [];
          headingTerms.set(p.heading, heading);
        }
        const text: string[] = [];
        const ids: number[] = [];
        const bounds: number[] = [0];
        // The person a sentence that names nobody calls "he" or "her" is, for its terms, the last
        // one the passage named before it: "Trump has threatened … A directive issued after his
        // return outlined demands" holds Trump's demands. Sentences only: the passage's text and
        // its BM25 are as written.
        let named: string | undefined;
        for (const span of p.sentences) {
          const sentence = p.text.slice(span.start, span.end);
          const analyzed = analyzer.analyze(sentence);
          const people = analyzed.filter((t) => analyzer.kinds.get(t.term) === 'person');
          // A sentence that names someone itself most likely means them ("during Trump's second administration, he").
          const referred = named !== undefined && people.length === 0 && PRONOUN.test(sentence) ? [named] : [];
          named = people.at(-1)?.term ?? named;
          for (const t of analyzed) {
            text.push(t.term);
            if (t.alias || !/^\p{L}+$/u.test(t.folded)) continue;
            let forms = surfaces.get(t.term);
            if (!forms) surfaces.set(t.term, (forms = new Set()));
            forms.add(t.folded);
          }
          ids.push(...sortedIds([...analyzed.map((t) => t.term), ...referred]));
          bounds.push(ids.length);
        }
        passageTerms.push({ ids: Int32Array.from(ids), bounds: Uint16Array.from(bounds), context: Int32Array.from(sortedIds([...heading, ...titleTerms])) });
        docs.push({ id: p.id, text: text.join(' '), heading: heading.join(' '), title: titleTerms.join(' ') });
        for (const term of new Set([...text, ...heading, ...titleTerms])) {
          docFreq.set(term, (docFreq.get(term) ?? 0) + 1);
        }
      }
    }
    search.addAll(docs);
    return new PassageIndex(documents, analyzer, search, docFreq, surfaces, dict, passageTerms);
  }

  /** The index from a snapshot taken by {@link snapshot}, without analyzing anything. */
  static restore(documents: readonly Document[], analyzer: Analyzer, snapshot: IndexSnapshot): PassageIndex {
    const search = SavableMiniSearch.restore<IndexDoc>(snapshot.search, MINISEARCH_OPTIONS);
    const dict = new Map(snapshot.terms.map((t, i) => [t, i] as const));
    if (snapshot.passageTerms.length !== documents.reduce((n, d) => n + d.passages.length, 0)) throw new Error('index snapshot: passage count differs');
    return new PassageIndex(documents, analyzer, search, snapshot.docFreq, snapshot.surfaces, dict, snapshot.passageTerms);
  }

  /** What the engine cache keeps (shared with this index: save it, do not change it). */
  snapshot(): IndexSnapshot {
    return { search: this.search.save(), docFreq: this.docFreq, surfaces: this.surfaces, terms: [...this.dict.keys()], passageTerms: this.passageTerms };
  }

  get size(): number {
    return this.passages.length;
  }

  /** Every index term of a passage, as ids: see {@link PassageTerms}. */
  termIdsOf(passage: IndexedPassage): PassageTerms {
    const t = this.passageTerms[this.ordinal.get(passage.id) ?? -1];
    if (!t) throw new Error(`${passage.id} is not in this index`);
    return t;
  }

  /** The id of a term in {@link PassageTerms}, or undefined for a term no passage holds. */
  termId(term: string): number | undefined {
    return this.dict.get(term);
  }

  /** A passage's place among all passages: sources in corpus order, each in its own order. */
  ordinalOf(passage: IndexedPassage): number {
    return this.ordinal.get(passage.id) ?? -1;
  }

  /** Whether a passage opens its section (the first of its source, or the first under a new heading). */
  opensSection(passage: IndexedPassage): boolean {
    const before = this.passages[this.ordinalOf(passage) - 1];
    return !before || before.source !== passage.source || before.heading !== passage.heading;
  }

  get(id: string): IndexedPassage | undefined {
    return this.byId.get(id);
  }

  /** Number of passages holding `term` in any field. */
  df(term: string): number {
    return this.docFreq.get(term) ?? 0;
  }

  /** Inverse document frequency (BM25's), for a term absent from the corpus the largest possible. */
  idf(term: string): number {
    const n = this.passages.length;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  vocabulary(): Set<string> {
    return new Set(this.docFreq.keys());
  }

  /** Index terms within `maxDistance` edits of `word`, closest first. */
  fuzzy(word: string, maxDistance: number): Array<{ term: string; distance: number }> {
    const found = new Map<string, number>();
    for (const [, [term, distance]] of this.spellings.fuzzyGet(word, maxDistance)) {
      if ((found.get(term) ?? Infinity) > distance) found.set(term, distance);
    }
    return [...found].map(([term, distance]) => ({ term, distance })).sort((a, b) => a.distance - b.distance);
  }

  /**
   * The terms a search looks up, within a budget of postings (passages holding them): a
   * question's own words before their relatives, rarer before commoner, until the next would
   * pass the budget; at least one. MiniSearch scores every posting of every term it is given, so
   * this bounds a search at any corpus size; on a small corpus every term fits.
   */
  searchedTerms(weights: ReadonlyMap<string, number>): string[] {
    const terms = [...weights.keys()]
      .filter((t) => this.df(t) > 0)
      .sort((a, b) => Number((weights.get(b) ?? 0) >= OWN_WORD) - Number((weights.get(a) ?? 0) >= OWN_WORD) || this.df(a) - this.df(b));
    const out: string[] = [];
    let postings = 0;
    for (const t of terms) {
      if (out.length > 0 && postings + this.df(t) > SEARCH_BUDGET) continue;
      out.push(t);
      postings += this.df(t);
    }
    return out;
  }

  /**
   * BM25 search over the given index terms, each with its own weight (within the search budget),
   * through MiniSearch's public search options (field boosts, a boost per term, OR); with
   * `filter`, only over the passages it accepts (one source's, for compare), so the best `limit`
   * of those come back however many other passages score higher.
   */
  query(weights: ReadonlyMap<string, number>, limit: number, filter?: (p: IndexedPassage) => boolean): IndexHit[] {
    const searched = this.searchedTerms(weights);
    if (searched.length === 0) return [];
    const byId = this.byId;
    const results: SearchResult[] = this.search.search(searched.join(' '), {
      boost: FIELD_BOOST,
      boostTerm: (term: string) => weights.get(term) ?? 1,
      combineWith: 'OR',
      ...(filter ? { filter: (r: SearchResult) => { const p = byId.get(String(r.id)); return p !== undefined && filter(p); } } : {}),
    });
    const hits: IndexHit[] = [];
    for (const r of results.slice(0, limit)) {
      const passage = byId.get(String(r.id));
      if (passage) hits.push({ passage, score: r.score });
    }
    return hits;
  }
}
