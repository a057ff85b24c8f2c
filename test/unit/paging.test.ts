import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeText } from '../../src/discord/escape.ts';
import {
  pageButtons,
  pageCustomId,
  pageOf,
  parsePageCustomId,
  queryFromContent,
  queryHash,
  queryLine,
  resolvePageQuery,
} from '../../src/discord/paging.ts';

const USER = '1364000000000000300';

describe('paging custom ids', () => {
  it('carry the query itself when it fits, and parse back', () => {
    const id = pageCustomId('ask', USER, 2, 'Who mediated the talks?');
    assert.equal(id, `page:ask:${USER}:2:=Who mediated the talks?`);
    assert.deepEqual(parsePageCustomId(id), { command: 'ask', userId: USER, page: 2, query: 'Who mediated the talks?' });
  });

  it('keep colons and odd characters in the query', () => {
    const q = 'a:b:c "quoted" @everyone **x**';
    assert.equal(parsePageCustomId(pageCustomId('quote', USER, 0, q))?.query, q);
  });

  it('carry a hash instead when the query would push the id over 100 characters', () => {
    const q = 'What did the foreign minister say about the substance and the format of the next round of talks?';
    const id = pageCustomId('ask', USER, 4, q);
    assert.ok(id.length <= 100, `${id.length}`);
    assert.deepEqual(parsePageCustomId(id), { command: 'ask', userId: USER, page: 4, hash: queryHash(q) });
  });

  it('are never longer than 100 characters', () => {
    for (let n = 0; n < 400; n += 13) {
      const q = 'é'.repeat(n);
      assert.ok(pageCustomId('compare', '12345678901234567890', 999, q).length <= 100);
    }
  });

  it('reject ids that are not paging ids', () => {
    for (const id of ['', 'more:2', 'page:ask:notanid:1:=q', 'page:ask:1364:x:=q', `page:ask:${USER}:1:#short`, `page:ASK:${USER}:1:=q`]) {
      assert.equal(parsePageCustomId(id), null, id);
    }
  });
});

describe('reading the query back from the message', () => {
  it('finds the query line after a mention line and unescapes it', () => {
    const q = '@everyone **bold** <@1> `code` - dash #hash';
    const content = `<@${USER}>, this answer is for you.\n${queryLine('Question', q)}`;
    assert.ok(content.includes(escapeText(q)));
    assert.equal(queryFromContent(content), q);
  });

  it('resolves a hashed id only when the hash matches', () => {
    const q = 'x '.repeat(80).trim();
    const state = parsePageCustomId(pageCustomId('ask', USER, 1, q));
    assert.ok(state?.hash);
    assert.equal(resolvePageQuery(state, queryLine('Question', q)), q);
    assert.equal(resolvePageQuery(state, queryLine('Question', 'something else')), null);
    assert.equal(resolvePageQuery(state, 'no query line'), null);
  });
});

describe('pages and buttons', () => {
  it('pageOf clamps and counts', () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    assert.deepEqual(pageOf(items, 0, 3), { items: [1, 2, 3], page: 0, pageCount: 3, first: 1, total: 7 });
    assert.deepEqual(pageOf(items, 2, 3).items, [7]);
    assert.equal(pageOf(items, 9, 3).page, 2);
    assert.equal(pageOf([], 0, 3).pageCount, 1);
  });

  it('no buttons for one page; Previous disabled on the first, More results disabled on the last; ids unique', () => {
    assert.deepEqual(pageButtons('ask', USER, 'q', 0, 1), []);
    const first = pageButtons('ask', USER, 'q', 0, 3)[0]?.components ?? [];
    assert.deepEqual(
      first.map((b) => [b.disabled, 'custom_id' in b ? parsePageCustomId(b.custom_id)?.page : undefined]),
      [
        [true, 0],
        [false, 1],
      ],
    );
    const last = pageButtons('ask', USER, 'q', 2, 3)[0]?.components ?? [];
    assert.deepEqual(
      last.map((b) => b.disabled),
      [false, true],
    );
    const ids = last.map((b) => ('custom_id' in b ? b.custom_id : ''));
    assert.equal(new Set(ids).size, 2);
  });
});
