import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusError, loadCorpus } from '../../src/corpus/load.ts';
import { GOOD_FRONT_MATTER, tempCorpus } from '../helpers/corpus.ts';

const BODY = 'Iran and the United States met in Oman on April 12.\n';

function loadError(sources: Record<string, string | Buffer>): CorpusError {
  try {
    loadCorpus(tempCorpus(sources));
  } catch (err) {
    assert.ok(err instanceof CorpusError, `expected a CorpusError, got ${String(err)}`);
    return err;
  }
  assert.fail('the corpus loaded');
}

test('the real corpus loads its two sources with their front matter', () => {
  const c = loadCorpus();
  assert.deepEqual(
    c.sources.map((s) => [s.meta.id, s.meta.date, s.meta.author]),
    [
      ['NEO', '2025-04-14', 'Viktor Mikhin'],
      ['RSIS', '2025-04-29', 'Huzeir Ezekiel Dzulhisham'],
    ],
  );
  assert.equal(c.sources[1]?.meta.publisher, 'S. Rajaratnam School of International Studies, NTU Singapore');
});

test('a missing field names the file and the field', () => {
  const err = loadError({ 'bad.md': GOOD_FRONT_MATTER.replace('author: Jane Doe\n', '') + BODY });
  assert.equal(err.field, 'author');
  assert.match(err.message, /sources\/bad\.md/);
  assert.match(err.message, /"author" is missing/);
});

test('a bad date, an unclosed front matter, an empty body and a duplicate id are each named', () => {
  assert.match(loadError({ 'd.md': GOOD_FRONT_MATTER.replace('2025-04-20', '2025-02-31') + BODY }).message, /d\.md: field "date" is not a real calendar date/);
  assert.match(loadError({ 'u.md': '---\nid: TEST\n' + BODY }).message, /u\.md: front matter is not closed/);
  assert.match(loadError({ 'e.md': GOOD_FRONT_MATTER + '\n  \n' }).message, /e\.md: has an empty body/);
  assert.match(loadError({ 'a.md': GOOD_FRONT_MATTER + BODY, 'b.md': GOOD_FRONT_MATTER + BODY }).message, /b\.md: field "id" duplicates the id TEST of sources\/a\.md/);
});

test('a file that is not UTF-8 is named, not decoded into mojibake', () => {
  const latin1 = Buffer.concat([Buffer.from(GOOD_FRONT_MATTER), Buffer.from([0x54, 0xe9, 0x68, 0xe9, 0x72, 0x61, 0x6e, 0x0a])]);
  assert.match(loadError({ 'l.md': latin1 }).message, /l\.md: is not valid UTF-8/);
});
