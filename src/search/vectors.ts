/**
 * Word vectors for the paraphrase bridge (corpus/tables/word-vectors.bin, built by
 * scripts/build-word-vectors.ts): unit-length vectors of the 50,000 most frequent English
 * words, quantized to int8, and cosine similarity between them.
 */
import { readFileSync } from 'node:fs';
import { CorpusError, tablePath } from '../corpus/load.ts';

/**
 * The table read last, handed back while the file holds the same bytes: every engine load and
 * reload reads the table, and parsing it takes ~20 ms. It costs no memory of its own: the
 * vectors are views of the bytes, and the engine answering keeps them.
 */
let lastTable: { readonly bytes: Buffer; readonly words: WordVectors } | undefined;

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

  /**
   * The corpus's word-vector table (from <dir>/tables/ when there, else the code's): its bytes,
   * which the cache key is made of, and the vectors. A missing or broken one is a CorpusError.
   */
  static readTable(dir: string): { bytes: Buffer; words: WordVectors } {
    const { path, name } = tablePath(dir, 'word-vectors.bin');
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new CorpusError(name, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (lastTable?.bytes.equals(bytes)) return lastTable;
    try {
      lastTable = { bytes, words: WordVectors.fromBuffer(bytes, name) };
      return lastTable;
    } catch (err) {
      throw new CorpusError(name, `is not a valid word-vector file (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  get size(): number {
    return this.index.size;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The words it knows, most frequent first. */
  wordList(): string[] {
    return [...this.index.keys()];
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

  /**
   * Adds `weight` times a word's unit vector to `sum`, without making the vector; false for a
   * word it does not know. For sums over many words (a sentence's meaning).
   */
  addTo(word: string, weight: number, sum: Float32Array): boolean {
    const i = this.index.get(word);
    if (i === undefined) return false;
    const off = i * this.dims;
    let norm = 0;
    for (let d = 0; d < this.dims; d++) norm += (this.data[off + d] ?? 0) ** 2;
    const scale = weight / Math.sqrt(norm || 1);
    for (let d = 0; d < this.dims; d++) sum[d] = (sum[d] ?? 0) + scale * (this.data[off + d] ?? 0);
    return true;
  }

  /** Unit-length mean of several words' vectors (the words it does not know are skipped). */
  mean(words: Iterable<string>): Float32Array | undefined {
    const sum = new Float32Array(this.dims);
    let any = false;
    for (const w of words) if (this.addTo(w, 1, sum)) any = true;
    return any ? toUnit(sum) : undefined;
  }
}

/** `v` scaled to unit length, in place. */
export function toUnit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const inv = 1 / Math.sqrt(norm || 1);
  for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) * inv;
  return v;
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
/**
 * Below this many terms a question word is compared with every term; above it, with the terms of
 * the `probes` clusters whose centroids are closest (an inverted file over k-means clusters of
 * the term vectors, k = √terms), so the cost grows with √terms, not with terms.
 */
/** How many question words' neighbours are remembered. */
export const NEIGHBOUR_CACHE = 4096;

export const CLUSTERING = { minTerms: 4000, probes: 8, iterations: 4, sample: 8000 } as const;

/** The k-means clusters of the term vectors: centroids (k × dims) and each cluster's term rows. */
export interface VectorClusters {
  readonly centroids: Float32Array;
  readonly members: readonly Int32Array[];
}

/** What {@link TermVectors.save} gives and its constructor takes back (the engine cache keeps it). */
export interface SavedVectors {
  /** The terms that have a vector, in row order. */
  readonly terms: readonly string[];
  /** Their vectors, one row of `dims` each. */
  readonly matrix: Float32Array;
  readonly clusters: VectorClusters | undefined;
}

export class TermVectors {
  private readonly terms: readonly string[];
  private readonly matrix: Float32Array;
  /** Cluster centroids (k × dims) and each cluster's term rows; empty for a small vocabulary. */
  private readonly centroids: Float32Array;
  private readonly clusters: readonly Int32Array[];
  private readonly recent = new Map<string, readonly Neighbour[]>();

  /**
   * `saved`: what {@link save} gave for the same words and surfaces (the engine cache keeps it),
   * instead of averaging the vectors and running k-means again; it must fit these words.
   */
  constructor(
    readonly words: WordVectors,
    surfaces: ReadonlyMap<string, ReadonlySet<string>>,
    saved?: SavedVectors,
  ) {
    const dims = words.dims;
    if (saved) {
      this.terms = saved.terms;
      this.matrix = saved.matrix;
    } else {
      const terms: string[] = [];
      const rows: Float32Array[] = [];
      for (const [term, forms] of surfaces) {
        const v = words.mean([...forms].filter((f) => words.rank(f) >= MIN_RANK));
        if (!v) continue;
        terms.push(term);
        rows.push(v);
      }
      this.terms = terms;
      this.matrix = new Float32Array(rows.length * dims);
      rows.forEach((r, i) => this.matrix.set(r, i * dims));
    }
    const n = this.terms.length;
    const k = n >= CLUSTERING.minTerms ? Math.ceil(Math.sqrt(n)) : 0;
    if (saved) {
      const c = saved.clusters ?? { centroids: new Float32Array(0), members: [] };
      const members = c.members.reduce((sum, m) => sum + m.length, 0);
      const fits = this.matrix.length === n * dims && c.members.length === k && c.centroids.length === k * dims && members === (k > 0 ? n : 0) && c.members.every((m) => m.every((r) => r >= 0 && r < n));
      if (!fits) throw new Error('the saved term vectors do not fit these words');
      this.centroids = c.centroids;
      this.clusters = c.members;
    } else if (k > 0) {
      const found = this.cluster(k);
      this.centroids = found.centroids;
      this.clusters = found.members;
    } else {
      this.centroids = new Float32Array(0);
      this.clusters = [];
    }
  }

  /** The term vectors and clusters, for the engine cache. */
  save(): SavedVectors {
    return { terms: this.terms, matrix: this.matrix, clusters: this.clusters.length === 0 ? undefined : { centroids: this.centroids, members: this.clusters } };
  }

  get size(): number {
    return this.terms.length;
  }

  private dot(v: Float32Array, m: Float32Array, row: number): number {
    const dims = this.words.dims;
    const off = row * dims;
    let s = 0;
    for (let d = 0; d < dims; d++) s += (v[d] as number) * (m[off + d] as number);
    return s;
  }

  /** k-means (spherical, deterministic start: evenly spaced rows) on a sample; then every row to its nearest centroid. */
  private cluster(k: number): VectorClusters {
    const dims = this.words.dims;
    const n = this.terms.length;
    const step = Math.max(1, Math.floor(n / Math.min(n, CLUSTERING.sample)));
    const sample: number[] = [];
    for (let i = 0; i < n; i += step) sample.push(i);
    const c = new Float32Array(k * dims);
    for (let j = 0; j < k; j++) c.set(this.matrix.subarray(sample[Math.floor((j * sample.length) / k)]! * dims, sample[Math.floor((j * sample.length) / k)]! * dims + dims), j * dims);
    const nearest = (row: number, m: Float32Array): number => {
      let best = 0;
      let bestDot = -Infinity;
      const v = m.subarray(row * dims, row * dims + dims);
      for (let j = 0; j < k; j++) {
        const s = this.dot(v, c, j);
        if (s > bestDot) {
          bestDot = s;
          best = j;
        }
      }
      return best;
    };
    for (let it = 0; it < CLUSTERING.iterations; it++) {
      const sum = new Float32Array(k * dims);
      for (const row of sample) {
        const j = nearest(row, this.matrix);
        for (let d = 0; d < dims; d++) sum[j * dims + d] = (sum[j * dims + d] as number) + (this.matrix[row * dims + d] as number);
      }
      for (let j = 0; j < k; j++) {
        let norm = 0;
        for (let d = 0; d < dims; d++) norm += (sum[j * dims + d] as number) ** 2;
        if (norm === 0) continue; // an empty cluster keeps its centroid
        const inv = 1 / Math.sqrt(norm);
        for (let d = 0; d < dims; d++) c[j * dims + d] = (sum[j * dims + d] as number) * inv;
      }
    }
    const members: number[][] = Array.from({ length: k }, () => []);
    for (let row = 0; row < n; row++) members[nearest(row, this.matrix)]?.push(row);
    return { centroids: c, members: members.map((m) => Int32Array.from(m)) };
  }

  /** The rows of the clusters closest to a vector. */
  private probe(v: Float32Array): number[] {
    const k = this.clusters.length;
    const order = Array.from({ length: k }, (_, j) => ({ j, s: this.dot(v, this.centroids, j) })).sort((a, b) => b.s - a.s);
    const rows: number[] = [];
    for (const { j } of order.slice(0, CLUSTERING.probes)) for (const r of this.clusters[j] ?? []) rows.push(r);
    return rows;
  }

  /**
   * Index terms whose vector is at least `minCosine` from the word's, closest first, at most `k`;
   * none for a word among the `minRank` most frequent.
   */
  neighbours(word: string, k: number, minCosine: number, minRank: number = MIN_RANK): readonly Neighbour[] {
    const key = `${word}\0${k}\0${minCosine}\0${minRank}`;
    const cached = this.recent.get(key);
    if (cached) return cached;
    const found = this.scan(word, k, minCosine, minRank);
    // Questions repeat their words: keep the last NEIGHBOUR_CACHE answers (oldest out first).
    if (this.recent.size >= NEIGHBOUR_CACHE) this.recent.delete(this.recent.keys().next().value ?? '');
    this.recent.set(key, found);
    return found;
  }

  private scan(word: string, k: number, minCosine: number, minRank: number): Neighbour[] {
    const v = this.words.rank(word) >= minRank ? this.words.vector(word) : undefined;
    if (!v) return [];
    const out: Neighbour[] = [];
    const visit = (i: number): void => {
      const s = this.dot(v, this.matrix, i);
      if (s >= minCosine) out.push({ term: this.terms[i] as string, cosine: s });
    };
    if (this.clusters.length === 0) for (let i = 0; i < this.terms.length; i++) visit(i);
    else for (const i of this.probe(v)) visit(i);
    return out.sort((a, b) => b.cosine - a.cosine).slice(0, k);
  }
}
