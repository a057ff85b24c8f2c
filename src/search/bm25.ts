/**
 * MiniSearch's own OR search, scored straight from its index into arrays kept between searches.
 *
 * `MiniSearch.search` builds, for every document any query term reaches, a result object with
 * the terms it matched and a table of the fields each matched in, merges those maps term by
 * term, then sorts every result. ask wants the ids and scores of the best thirty, and on the seed
 * corpus that bookkeeping was about 115 KB of garbage a question, most of ask's: the young
 * generation filled every eight questions or so and the scavenge landed on the question being
 * timed. This scorer does the same arithmetic in the same order over MiniSearch 7's own postings
 * (see minisearch-internals.ts) and allocates only the hits it returns.
 *
 * The score of a document is MiniSearch's: for each query term and each field holding it,
 * termBoost × fieldBoost × BM25+(term frequency, documents with the term in that field, document
 * count, field length, average field length), summed per term and then over terms, times the
 * number of query terms the document matched; ties keep the order in which documents were first
 * reached. test/unit/bm25.test.ts checks ids, scores and order against `MiniSearch.search`.
 */
import type { Internals } from './minisearch-internals.ts';

/** MiniSearch 7's default BM25+ parameters (its `defaultBM25params`). */
export const BM25_PARAMS = { k: 1.2, b: 0.7, d: 0.5 } as const;

export interface ScoredDocument {
  /** MiniSearch's document number (its short id). */
  readonly short: number;
  readonly score: number;
}

export class DirectBm25 {
  private readonly s: Internals;
  private readonly fieldIds: readonly number[];
  private readonly fieldBoosts: readonly number[];
  /** Field lengths, document number × fields + field. */
  private readonly lengths: Float64Array;
  private readonly total: Float64Array;
  private readonly termScore: Float64Array;
  /** Distinct query terms each document matched. */
  private readonly matchedTerms: Uint32Array;
  /**
   * The search (and the term of it) that last reached each document, so nothing is cleared
   * between searches; float64, so the stamps never wrap (2^53 of them).
   */
  private readonly seen: Float64Array;
  private readonly termSeen: Float64Array;
  private readonly reached: Int32Array;
  private readonly termReached: Int32Array;
  /** The kept documents (first reached first), their final scores, and their positions sorted best first. */
  private readonly keptDoc: Int32Array;
  private readonly finalScore: Float64Array;
  private readonly order: Int32Array;
  private stamp = 0;

  /**
   * `search` must be a MiniSearch 7 index (its {@link Internals}) that no longer changes: the
   * field lengths are read once, here. `boosts` are the search's field boosts, over `fields` in
   * this order.
   */
  constructor(search: Internals, fields: readonly string[], boosts: Readonly<Record<string, number>>) {
    this.s = search;
    this.fieldIds = fields.map((f) => this.s._fieldIds[f] ?? -1);
    this.fieldBoosts = fields.map((f) => boosts[f] || 1);
    const size = this.s._nextId;
    const nFields = fields.length;
    this.lengths = new Float64Array(size * nFields);
    for (const [short, lengths] of this.s._fieldLength) {
      for (let f = 0; f < nFields; f++) this.lengths[short * nFields + f] = lengths[this.fieldIds[f] as number] ?? NaN;
    }
    this.total = new Float64Array(size);
    this.termScore = new Float64Array(size);
    this.matchedTerms = new Uint32Array(size);
    this.seen = new Float64Array(size);
    this.termSeen = new Float64Array(size);
    this.reached = new Int32Array(size);
    this.termReached = new Int32Array(size);
    this.keptDoc = new Int32Array(size);
    this.finalScore = new Float64Array(size);
    this.order = new Int32Array(size);
  }

  /** Whether this scorer gives MiniSearch's answer: not once documents were discarded (MiniSearch cleans those up as it searches). */
  get exact(): boolean {
    return this.s._dirtCount === 0;
  }

  /**
   * The best `limit` documents for the distinct `terms`, each weighted by `boostOf`, OR-combined,
   * among the documents `accept` takes (all by default); best first.
   */
  search(terms: readonly string[], boostOf: (term: string) => number, limit: number, accept?: (short: number) => boolean): ScoredDocument[] {
    const { k, b, d } = BM25_PARAMS;
    const s = this.s;
    const n = s._documentCount;
    const nFields = this.fieldIds.length;
    // One counter stamps the search and then each of its terms.
    const searchStamp = ++this.stamp;
    let reached = 0;
    for (const term of terms) {
      const data = s._index.get(term);
      if (data === undefined) continue;
      const termStamp = ++this.stamp;
      const boost = boostOf(term);
      let termReached = 0;
      for (let f = 0; f < nFields; f++) {
        const freqs = data.get(this.fieldIds[f] as number);
        if (freqs === undefined) continue;
        const fieldBoost = this.fieldBoosts[f] as number;
        const matching = freqs.size;
        const avgFieldLength = s._avgFieldLength[this.fieldIds[f] as number] as number;
        const invDocFreq = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
        for (const [doc, termFreq] of freqs) {
          const fieldLength = this.lengths[doc * nFields + f] as number;
          const raw = invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
          const weighted = boost * fieldBoost * raw;
          if (this.termSeen[doc] !== termStamp) {
            this.termSeen[doc] = termStamp;
            this.termScore[doc] = weighted;
            this.termReached[termReached++] = doc;
          } else {
            this.termScore[doc] = (this.termScore[doc] as number) + weighted;
          }
        }
      }
      for (let i = 0; i < termReached; i++) {
        const doc = this.termReached[i] as number;
        if (this.seen[doc] !== searchStamp) {
          this.seen[doc] = searchStamp;
          this.total[doc] = this.termScore[doc] as number;
          this.matchedTerms[doc] = 1;
          this.reached[reached++] = doc;
        } else {
          this.total[doc] = (this.total[doc] as number) + (this.termScore[doc] as number);
          this.matchedTerms[doc] = (this.matchedTerms[doc] as number) + 1;
        }
      }
    }
    // Kept documents, in the order first reached; then best first, that order breaking ties.
    let kept = 0;
    for (let i = 0; i < reached; i++) {
      const doc = this.reached[i] as number;
      if (accept && !accept(doc)) continue;
      this.keptDoc[kept] = doc;
      this.finalScore[kept] = (this.total[doc] as number) * (this.matchedTerms[doc] as number);
      this.order[kept] = kept;
      kept++;
    }
    const score = this.finalScore;
    const order = this.order.subarray(0, kept).sort((x, y) => (score[y] as number) - (score[x] as number) || x - y);
    const out: ScoredDocument[] = [];
    for (let i = 0; i < Math.min(limit, kept); i++) {
      const at = order[i] as number;
      out.push({ short: this.keptDoc[at] as number, score: score[at] as number });
    }
    return out;
  }
}
