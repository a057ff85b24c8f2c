import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine.ts';
import { GOOD_FRONT_MATTER, tempCorpus } from '../helpers/corpus.ts';

const ARTICLE = `${GOOD_FRONT_MATTER}Iran and the United States met in Oman on April 12 for indirect talks.\n\nThe next round is planned for May 3, a Tehran source said.\n`;

function setup(): { corpusDir: string; cache: string; warnings: string[]; load: () => Engine } {
  const corpusDir = tempCorpus({ 'test.md': ARTICLE });
  const cache = mkdtempSync(join(tmpdir(), 'cache-'));
  const warnings: string[] = [];
  return { corpusDir, cache, warnings, load: () => Engine.load({ corpusDir, cache, warn: (m) => warnings.push(m) }) };
}

test('the second load comes from the cache and answers the same', () => {
  const s = setup();
  const first = s.load();
  const second = s.load();
  assert.equal(first.cached, false);
  assert.equal(second.cached, true);
  assert.deepEqual(second.ask('What did the Tehran source say about the next round?'), first.ask('What did the Tehran source say about the next round?'));
  assert.deepEqual(second.quotes.quotations, first.quotes.quotations);
  assert.deepEqual(s.warnings, []);
});

test('a changed corpus file makes the cache stale: it is rebuilt and the old file removed', () => {
  const s = setup();
  s.load();
  const before = readdirSync(s.cache);
  writeFileSync(join(s.corpusDir, 'sources', 'test.md'), ARTICLE.replace('May 3', 'May 10'));
  const e = s.load();
  assert.equal(e.cached, false);
  assert.match(e.ask('What did the Tehran source say about the next round?').answers[0]?.passage.text ?? '', /May 10/);
  const after = readdirSync(s.cache);
  assert.equal(after.length, 1);
  assert.notDeepEqual(after, before);
});

test('a corrupt cache is rebuilt with a warning, never fatal', () => {
  const s = setup();
  s.load();
  const [file] = readdirSync(s.cache);
  const path = join(s.cache, file ?? '');
  writeFileSync(path, readFileSync(path, 'utf8').slice(0, 500));
  const e = s.load();
  assert.equal(e.cached, false);
  assert.equal(e.ask('What did the Tehran source say about the next round?').answers.length > 0, true);
  assert.equal(s.warnings.length, 1);
  assert.match(s.warnings[0] ?? '', /corrupt; rebuilding/);
  writeFileSync(path, JSON.stringify({ format: 99 }));
  assert.equal(s.load().cached, false);
  assert.equal(s.load().cached, true);
});
