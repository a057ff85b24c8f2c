import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_TABLES_DIR, CorpusError, loadCorpus, loadTables } from '../../src/corpus/load.ts';
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

test('a duplicate id blames the file added last, whatever its name sorts as, and names both', () => {
  const dir = tempCorpus({ 'zz-original.md': GOOD_FRONT_MATTER + BODY, 'aa-new.md': GOOD_FRONT_MATTER + BODY });
  const past = new Date('2025-05-01T00:00:00Z');
  utimesSync(join(dir, 'sources', 'zz-original.md'), past, past);
  const err = (() => {
    try {
      loadCorpus(dir);
    } catch (e) {
      return e;
    }
    assert.fail('the corpus loaded');
  })();
  assert.ok(err instanceof CorpusError);
  assert.equal(err.file, 'sources/aa-new.md');
  assert.equal(err.message, 'sources/aa-new.md: field "id" duplicates the id TEST of sources/zz-original.md: give sources/aa-new.md an id of its own');
});

test('a missing front matter field says which line to add', () => {
  assert.match(loadError({ 'm.md': GOOD_FRONT_MATTER.replace('date: 2025-04-20\n', '') + BODY }).message, /m\.md: field "date" is missing from the front matter: add a line "date: …"/);
});

test('tables: a corpus folder without tables/ uses the code tables; a table it holds replaces the code table of that name', () => {
  const dir = tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY });
  rmSync(join(dir, 'tables'), { recursive: true });
  const plain = loadCorpus(dir);
  assert.ok(plain.tables.stopwords.has('the'));
  assert.ok(plain.tables.aliasGroups.length > 1);
  mkdirSync(join(dir, 'tables'));
  writeFileSync(join(dir, 'tables', 'aliases.json'), JSON.stringify({ groups: [{ kind: 'person', names: ['Esmaeil Baghaei', 'Baghaei'] }] }));
  const own = loadCorpus(dir);
  assert.deepEqual(own.tables.aliasGroups, [{ kind: 'person', names: ['Esmaeil Baghaei', 'Baghaei'] }]);
  assert.ok(own.tables.stopwords.has('the'), 'the other tables still come from the code');
});

test('tables: one missing from both the corpus folder and the code tables is named', () => {
  const code = mkdtempSync(join(tmpdir(), 'code-tables-'));
  cpSync(CODE_TABLES_DIR, code, { recursive: true });
  rmSync(join(code, 'stopwords.json'));
  const dir = tempCorpus({ 'a.md': GOOD_FRONT_MATTER + BODY });
  rmSync(join(dir, 'tables'), { recursive: true });
  assert.throws(() => loadTables(dir, new Map(), code), (err: unknown) => err instanceof CorpusError && err.message === `${join(code, 'stopwords.json')}: cannot be read (ENOENT)`);
});

test('a file that is not UTF-8 is named, not decoded into mojibake', () => {
  const latin1 = Buffer.concat([Buffer.from(GOOD_FRONT_MATTER), Buffer.from([0x54, 0xe9, 0x68, 0xe9, 0x72, 0x61, 0x6e, 0x0a])]);
  assert.match(loadError({ 'l.md': latin1 }).message, /l\.md: is not valid UTF-8/);
});
