import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AsPlainObject } from 'minisearch';
import { readCache } from '../../src/cache.ts';
import { Engine } from '../../src/engine.ts';
import { KNOWN_INTERNALS } from '../../src/search/minisearch-internals.ts';
import { loadIndex } from '../../src/search/saved-index.ts';
import { decodeSnapshot } from '../../src/snapshot.ts';

/** toJSON with its terms in one order: a radix tree lists them in the order they were added. */
function sorted(js: AsPlainObject): AsPlainObject {
  return { ...js, index: [...js.index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

test('a saved MiniSearch index filled directly is the index loadJS makes of it, and the one that was built', () => {
  assert.equal(KNOWN_INTERNALS, true, 'the MiniSearch release in the lock file is the one loadIndex fills directly');
  const cache = mkdtempSync(join(tmpdir(), 'saved-index-'));
  try {
    const built = Engine.load({ cache });
    const file = readdirSync(cache).find((f) => f.endsWith('.bin')) ?? assert.fail('no cache file written');
    const key = file.replace(/^engine-/, '').replace(/\.bin$/, '');
    const snapshot = readCache(cache, key, decodeSnapshot, (m) => assert.fail(m)) ?? assert.fail('cache not read');
    const saved = [
      { index: snapshot.index.miniSearch, fields: ['text', 'heading', 'title'] },
      { index: snapshot.quoteIndex, fields: ['text', 'speaker'] },
    ];
    for (const { index, fields } of saved) {
      // Copies, not views of the file: the quotation index keeps its columns until the first quote.
      const docs = 'docs' in index ? index.docs : assert.fail('the cache gives columns');
      assert.ok(ArrayBuffer.isView(docs) && docs.buffer.byteLength === docs.byteLength, 'the postings have a buffer of their own');
      const direct = loadIndex(index, { fields }, true);
      const viaLoadJS = loadIndex(index, { fields }, false);
      assert.deepEqual(direct.toJSON(), viaLoadJS.toJSON(), 'the same terms in the same order, the same postings');
      assert.deepEqual(direct.search('iran talks', { combineWith: 'OR' }), viaLoadJS.search('iran talks', { combineWith: 'OR' }));
    }
    const cached = Engine.load({ cache });
    assert.equal(cached.cached, true);
    assert.deepEqual(sorted(cached.index.snapshot().miniSearch as AsPlainObject), sorted(built.index.snapshot().miniSearch as AsPlainObject));
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
