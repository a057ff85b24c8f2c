import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import type { AsPlainObject } from 'minisearch';
import { SavableMiniSearch } from '../../src/search/saved-index.ts';
import { realEngine } from '../helpers/corpus.ts';

/** toJSON with its terms in one order: a radix tree lists them in the order they were added. */
function sorted(js: AsPlainObject): AsPlainObject {
  return { ...js, index: [...js.index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

type Doc = { id: string; text: string; title: string };
const OPTIONS = { fields: ['text', 'title'] };

function builtAndRestored(): { built: SavableMiniSearch<Doc>; restored: SavableMiniSearch<Doc>; docs: Doc[] } {
  const docs = realEngine().index.passages.map((p) => ({ id: p.id, text: p.text, title: p.meta.title }));
  const built = new SavableMiniSearch<Doc>(OPTIONS);
  built.addAll(docs.slice(1));
  // Through node:v8, as the engine cache keeps it.
  const restored = SavableMiniSearch.restore<Doc>(deserialize(serialize(built.save())), OPTIONS);
  return { built, restored, docs };
}

test('a saved MiniSearch index restores to the index that was built: the same terms, postings and results', () => {
  const { built, restored } = builtAndRestored();
  assert.deepEqual(sorted(restored.toJSON()), sorted(built.toJSON()));
  for (const q of ['iran talks', 'Araghchi Witkoff', 'next round in Muscat']) {
    assert.deepEqual(restored.search(q, { combineWith: 'OR' }), built.search(q, { combineWith: 'OR' }), q);
  }
});

test('a restored index goes on as the built one does: documents added and removed by id', () => {
  const { built, restored, docs } = builtAndRestored();
  for (const index of [built, restored]) {
    index.add(docs[0] as Doc);
    index.discard(docs[1]?.id);
  }
  assert.deepEqual(sorted(restored.toJSON()), sorted(built.toJSON()));
  assert.deepEqual(restored.search('talks'), built.search('talks'));
});

test('a saved index another MiniSearch release wrote is not restored', () => {
  const { built } = builtAndRestored();
  assert.throws(() => SavableMiniSearch.restore({ ...built.save(), version: '6.0.0' }, OPTIONS), /a MiniSearch 6\.0\.0 index cannot be restored/);
});
