/**
 * Word vectors for the paraphrase bridge (corpus/tables/word-vectors.bin, built by
 * scripts/build-word-vectors.ts): unit-length vectors of the 50,000 most frequent English
 * words, quantized to int8, and cosine similarity between them.
 */
import { readFileSync } from 'node:fs';

export class WordVectors {
  private constructor(
    readonly dims: number,
    private readonly index: ReadonlyMap<string, number>,
    private readonly data: Int8Array,
  ) {}

  static read(path: string): WordVectors {
    return WordVectors.fromBuffer(readFileSync(path), path);
  }

  /** Word vectors from the bytes of a word-vector file (`path` names it in errors). */
  static fromBuffer(buf: Buffer, path: string): WordVectors {
    const first = buf.indexOf(10);
    const second = buf.indexOf(10, first + 1);
    if (buf.subarray(0, first).toString() !== 'WVEC1' || second < 0) throw new Error(`${path} is not a word-vector file`);
    const header = JSON.parse(buf.subarray(first + 1, second).toString()) as { dims: number; count: number; words: string[] };
    const data = new Int8Array(buf.buffer, buf.byteOffset + second + 1, header.count * header.dims);
    return new WordVectors(header.dims, new Map(header.words.map((w, i) => [w, i])), data);
  }

  get size(): number {
    return this.index.size;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Frequency rank of a word among the words kept (0 = most frequent), or Infinity. */
  rank(word: string): number {
    return this.index.get(word) ?? Infinity;
  }

  /** The vector of a word as floats, or undefined for a word it does not know. */
  vector(word: string): Float32Array | undefined {
    const i = this.index.get(word);
    if (i === undefined) return undefined;
    const v = new Float32Array(this.dims);
    const off = i * this.dims;
    let norm = 0;
    for (let d = 0; d < this.dims; d++) {
      const x = this.data[off + d] ?? 0;
      v[d] = x;
      norm += x * x;
    }
    const inv = 1 / Math.sqrt(norm || 1);
    for (let d = 0; d < this.dims; d++) v[d] = (v[d] ?? 0) * inv;
    return v;
  }

  /** Unit-length mean of several words' vectors (the words it does not know are skipped). */
  mean(words: Iterable<string>): Float32Array | undefined {
    const sum = new Float32Array(this.dims);
    let n = 0;
    for (const w of words) {
      const v = this.vector(w);
      if (!v) continue;
      for (let d = 0; d < this.dims; d++) sum[d] = (sum[d] ?? 0) + (v[d] ?? 0);
      n++;
    }
    if (n === 0) return undefined;
    let norm = 0;
    for (const x of sum) norm += x * x;
    const inv = 1 / Math.sqrt(norm || 1);
    for (let d = 0; d < this.dims; d++) sum[d] = (sum[d] ?? 0) * inv;
    return sum;
  }
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d] ?? 0) * (b[d] ?? 0);
  return s;
}

/**
 * The most frequent words (the, time, even, take) have vectors close to too many others to
 * bridge anything: neither side of a vector bridge is one of the first MIN_RANK words.
 */
export const MIN_RANK = 300;

export interface Neighbour {
  readonly term: string;
  readonly cosine: number;
}

/**
 * The corpus side of the vector bridge: one vector per index term (the mean of the words that
 * analyze to it: "negotiations", "negotiate" → `negoti`), searched by cosine for a question word.
 */
export class TermVectors {
  private readonly terms: string[] = [];
  private readonly matrix: Float32Array;

  constructor(
    readonly words: WordVectors,
    surfaces: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    const rows: Float32Array[] = [];
    for (const [term, forms] of surfaces) {
      const v = words.mean([...forms].filter((f) => words.rank(f) >= MIN_RANK));
      if (!v) continue;
      this.terms.push(term);
      rows.push(v);
    }
    this.matrix = new Float32Array(rows.length * words.dims);
    rows.forEach((r, i) => this.matrix.set(r, i * words.dims));
  }

  get size(): number {
    return this.terms.length;
  }

  /**
   * Index terms whose vector is at least `minCosine` from the word's, closest first, at most `k`;
   * none for a word among the `minRank` most frequent.
   */
  neighbours(word: string, k: number, minCosine: number, minRank: number = MIN_RANK): Neighbour[] {
    const v = this.words.rank(word) >= minRank ? this.words.vector(word) : undefined;
    if (!v) return [];
    const dims = this.words.dims;
    const out: Neighbour[] = [];
    const m = this.matrix;
    for (let i = 0, off = 0; i < this.terms.length; i++, off += dims) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (v[d] as number) * (m[off + d] as number);
      if (s >= minCosine) out.push({ term: this.terms[i] as string, cosine: s });
    }
    return out.sort((a, b) => b.cosine - a.cosine).slice(0, k);
  }
}
