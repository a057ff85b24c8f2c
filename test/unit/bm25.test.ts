/**
 * DirectBm25 (src/search/bm25.ts) gives MiniSearch's own answer: the same documents, in the same
 * order, with the same scores, on random indexes (property-based) and on the real passage index
 * for every evaluation question, with and without a filter.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { DirectBm25 } from '../../src/search/bm25.ts';
import { internalsOf, KNOWN_INTERNALS } from '../../src/search/minisearch-internals.ts';
import { planQuery } from '../../src/search/query.ts';
import { loadQuestions } from '../eval/retrieval.ts';
import { realEngine } from '../helpers/corpus.ts';
import { fcParams } from '../helpers/property.ts';

const FIELDS = ['text', 'heading', 'title'] as const;
const split = (s: string): string[] => (s.length === 0 ? [] : s.split(' '));
const word: fc.Arbitrary<string> = fc.constantFrom('iran', 'oman', 'talk', 'envoy', 'deal', 'round', 'muscat', 'sanction', 'nuclear', 'week');
const field = fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' '));
const doc = fc.record({ text: field, heading: field, title: field });

test('the MiniSearch release installed is the one DirectBm25 reads', () => {
  assert.equal(KNOWN_INTERNALS, true);
});

test('DirectBm25 ranks and scores exactly as MiniSearch.search, on random indexes', () => {
  fc.assert(
    fc.property(
      fc.array(doc, { minLength: 1, maxLength: 30 }),
      fc.uniqueArray(word, { minLength: 1, maxLength: 6 }),
      fc.array(fc.double({ min: 0.05, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }),
      fc.integer({ min: 1, max: 40 }),
      fc.option(fc.integer({ min: 2, max: 4 })),
      (docs, terms, boosts, limit, keepEvery) => {
        const boost = { text: 1, heading: 1.5, title: 0.3 };
        const options = { fields: [...FIELDS], tokenize: split, processTerm: (t: string) => t, searchOptions: { tokenize: split, processTerm: (t: string) => t } };
        const ms = new MiniSearch<{ id: number; text: string; heading: string; title: string }>(options);
        ms.addAll(docs.map((d, id) => ({ id, ...d })));
        const boostOf = (t: string): number => boosts[terms.indexOf(t)] ?? 1;
        const keep = keepEvery === null ? undefined : (id: number): boolean => id % keepEvery === 0;
        const expected = ms
          .search(terms.join(' '), { boost, boostTerm: boostOf, combineWith: 'OR', ...(keep ? { filter: (r) => keep(Number(r.id)) } : {}) })
          .slice(0, limit)
          .map((r) => ({ id: Number(r.id), score: r.score }));
        const internals = internalsOf(ms);
        const direct = new DirectBm25(internals, FIELDS, boost);
        const idOf = (short: number): number => Number(internals._documentIds.get(short));
        // Twice: the second search must not see anything of the first.
        for (let run = 0; run < 2; run++) {
          const got = direct.search(terms, boostOf, limit, keep ? (short) => keep(idOf(short)) : undefined).map((d) => ({ id: idOf(d.short), score: d.score }));
          assert.deepEqual(got, expected);
        }
      },
    ),
    fcParams(300),
  );
});

test('on the real index, every evaluation question gets MiniSearch’s hits, with and without a source filter', () => {
  const engine = realEngine();
  const bySource = (id: string) => (p: { meta: { id: string } }): boolean => p.meta.id === id;
  let compared = 0;
  for (const q of loadQuestions()) {
    const plan = planQuery(q.q, engine.index, engine.lexicon);
    for (const filter of [undefined, bySource('NEO'), bySource('RSIS')]) {
      const direct = engine.index.query(plan.weights, 30, filter, 'direct');
      const viaMiniSearch = engine.index.query(plan.weights, 30, filter, 'minisearch');
      assert.deepEqual(
        direct.map((h) => [h.passage.id, h.score]),
        viaMiniSearch.map((h) => [h.passage.id, h.score]),
        q.q,
      );
      compared += direct.length;
    }
  }
  assert.ok(compared > 1000, `${compared} hits compared`);
});
