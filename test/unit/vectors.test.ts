import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.ts';
import { CLUSTERING, cosine, MIN_RANK, TermVectors, WordVectors } from '../../src/search/vectors.ts';

const words = WordVectors.read(join(DEFAULT_CORPUS_DIR, 'tables', 'word-vectors.bin'));

test('word vectors: close words are close, and frequency rank is their order', () => {
  const v = (w: string) => words.vector(w) ?? assert.fail(w);
  assert.ok(cosine(v('aircraft'), v('bombers')) > 0.5);
  assert.ok(cosine(v('simple'), v('easy')) > cosine(v('simple'), v('missile')));
  assert.ok(words.rank('the') < words.rank('negotiations'));
  assert.equal(words.rank('qqqzzz'), Infinity);
});

test('above the clustering threshold, neighbours come from the closest clusters and mostly agree with a full scan', () => {
  const vocabulary = words.wordList().slice(300, 300 + CLUSTERING.minTerms + 2000);
  const surfaces = new Map(vocabulary.map((w) => [w, new Set([w])] as const));
  const clustered = new TermVectors(words, surfaces);
  const probe = ['negotiator', 'aircraft', 'currency', 'inflation', 'election', 'weapons', 'diplomat', 'economy', 'missile', 'treaty'];
  let agree = 0;
  let total = 0;
  for (const w of probe) {
    const v = words.vector(w) ?? assert.fail(w);
    const exact = vocabulary
      .map((t) => ({ t, s: cosine(v, words.vector(t) ?? v) }))
      .filter((x) => x.t !== w && x.s >= 0.5)
      .sort((a, b) => b.s - a.s)
      .slice(0, 5)
      .map((x) => x.t);
    const got = new Set(clustered.neighbours(w, 6, 0.5).map((n) => n.term));
    agree += exact.filter((t) => got.has(t)).length;
    total += exact.length;
  }
  assert.ok(total > 20);
  assert.ok(agree / total >= 0.8, `top-5 agreement ${agree}/${total}`);
});

test('term vectors restored from what save() gave (clusters included) find the same neighbours as fresh ones', () => {
  const surfaces = new Map(words.wordList().slice(MIN_RANK, MIN_RANK + 5000).map((w) => [`t:${w}`, new Set([w])] as const));
  const fresh = new TermVectors(words, surfaces);
  const saved = fresh.save();
  assert.ok(saved.clusters, 'a vocabulary this large is clustered');
  const restored = new TermVectors(words, new Map(), saved);
  for (const w of ['negotiation', 'sanctions', 'envoy', 'missile', 'mediator']) assert.deepEqual(restored.neighbours(w, 10, 0.3), fresh.neighbours(w, 10, 0.3), w);
  assert.throws(() => new TermVectors(words, new Map(), { ...saved, matrix: saved.matrix.subarray(0, 100) }));
});
