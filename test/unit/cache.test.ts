import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CACHE_DIR, readCache, writeCache } from '../../src/cache.ts';
import { Engine } from '../../src/engine.ts';
import type { EngineSnapshot } from '../../src/snapshot.ts';
import { GOOD_FRONT_MATTER, tempCorpus } from '../helpers/corpus.ts';

const ARTICLE = `${GOOD_FRONT_MATTER}Iran and the United States met in Oman on April 12 for indirect talks.\n\nThe next round is planned for May 3, a Tehran source said.\n`;

/** The engine cache files in `dir`, and WordNet's. */
const engineFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('engine-'));
const wordnetFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('wordnet-'));

/**
 * WordNet's part of a build depends on no corpus: the tests of the engine cache take it from the
 * project's cache, and only those of where it is kept (the last ones) keep it beside their engine
 * cache, as the default does.
 */
const PROJECT_WORDNET = { wordnetCache: DEFAULT_CACHE_DIR };

function setup(wordnet: 'project' | 'beside' = 'project'): { corpusDir: string; cache: string; warnings: string[]; load: () => Engine } {
  const corpusDir = tempCorpus({ 'test.md': ARTICLE });
  const cache = mkdtempSync(join(tmpdir(), 'cache-'));
  const warnings: string[] = [];
  const options = { corpusDir, cache, ...(wordnet === 'project' ? PROJECT_WORDNET : {}), warn: (m: string) => warnings.push(m) };
  return { corpusDir, cache, warnings, load: () => Engine.load(options) };
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
  const before = engineFiles(s.cache);
  writeFileSync(join(s.corpusDir, 'sources', 'test.md'), ARTICLE.replace('May 3', 'May 10'));
  const e = s.load();
  assert.equal(e.cached, false);
  assert.match(e.ask('What did the Tehran source say about the next round?').answers[0]?.passage.text ?? '', /May 10/);
  const after = engineFiles(s.cache);
  assert.equal(after.length, 1);
  assert.notDeepEqual(after, before);
});

test('a corrupt cache is rebuilt with a warning, never fatal', () => {
  const s = setup();
  s.load();
  const [file] = engineFiles(s.cache);
  const path = join(s.cache, file ?? '');
  writeFileSync(path, readFileSync(path, 'utf8').slice(0, 500));
  const e = s.load();
  assert.equal(e.cached, false);
  assert.equal(e.ask('What did the Tehran source say about the next round?').answers.length > 0, true);
  assert.equal(s.warnings.length, 1);
  assert.match(s.warnings[0] ?? '', /corrupt or unreadable \(.+\); rebuilding/);
  writeFileSync(path, JSON.stringify({ format: 99 }));
  assert.equal(s.load().cached, false);
  assert.equal(s.load().cached, true);
});

test('a truncated or bit-flipped binary cache is reported corrupt and rebuilt', () => {
  const s = setup();
  s.load();
  const [file] = engineFiles(s.cache);
  const path = join(s.cache, file ?? '');
  const good = readFileSync(path);
  writeFileSync(path, good.subarray(0, good.length - 8));
  assert.equal(s.load().cached, false);
  assert.match(s.warnings.at(-1) ?? '', /corrupt or unreadable \(checksum mismatch\); rebuilding/);
  const flipped = Buffer.from(readFileSync(path));
  flipped[flipped.length - 20] = (flipped[flipped.length - 20] ?? 0) ^ 0xff;
  writeFileSync(path, flipped);
  assert.equal(s.load().cached, false);
  assert.equal(s.warnings.length, 2);
  assert.equal(s.load().cached, true);
});

test('on the seed corpus, an engine from the cache answers ask, quote and compare exactly as a freshly built one', () => {
  const cache = mkdtempSync(join(tmpdir(), 'cache-seed-'));
  const built = Engine.load({ cache, ...PROJECT_WORDNET });
  const cached = Engine.load({ cache, ...PROJECT_WORDNET });
  assert.equal(built.cached, false);
  assert.equal(cached.cached, true);
  const questions = ['What did Araghchi say after the talks?', 'Who mediated between Iran and the United States?', 'When is the next round?', 'What about sanctions relief?', 'How were the negotiations conducted?'];
  for (const q of questions) assert.equal(JSON.stringify(cached.ask(q)), JSON.stringify(built.ask(q)), q);
  for (const q of ['Araghchi', 'Witkoff', 'Whitcoff', 'constructive', 'Tehran source']) assert.equal(JSON.stringify(cached.quote(q)), JSON.stringify(built.quote(q)), q);
  for (const t of ['sanctions', 'next round', 'Oman']) assert.equal(JSON.stringify(cached.compare(t)), JSON.stringify(built.compare(t)), t);
  assert.deepEqual(cached.speakers(), built.speakers());
  assert.deepEqual(cached.topics(), built.topics());
  assert.deepEqual(cached.sources(), built.sources());
  assert.deepEqual(cached.documents, built.documents);
});

test('a cache whose passage or quotation index another MiniSearch release wrote is rebuilt, and ask, quote and compare answer', () => {
  const cache = mkdtempSync(join(tmpdir(), 'cache-version-'));
  const warnings: string[] = [];
  const load = (): Engine => Engine.load({ cache, ...PROJECT_WORDNET, warn: (m) => warnings.push(m) });
  const built = load();
  const rewrites: ((s: EngineSnapshot) => EngineSnapshot)[] = [
    (s) => ({ ...s, index: { ...s.index, search: { ...s.index.search, version: '6.0.0' } } }),
    (s) => ({ ...s, quoteIndex: { ...s.quoteIndex, version: '6.0.0' } }),
  ];
  for (const rewrite of rewrites) {
    const [file] = engineFiles(cache);
    const path = join(cache, file ?? '');
    writeCache(path, rewrite(readCache(path) as EngineSnapshot));
    const e = load();
    assert.equal(e.cached, false, 'rebuilt, not restored');
    assert.match(warnings.at(-1) ?? '', /a MiniSearch 6\.0\.0 index cannot be restored .*; rebuilding/);
    assert.deepEqual(e.ask('Who mediated the talks?'), built.ask('Who mediated the talks?'));
    assert.ok(e.quote('Araghchi').quotes.length > 0);
    assert.ok(e.compare('sanctions').sides.some((side) => side.passages.length > 0));
  }
  assert.equal(warnings.length, 2);
  assert.equal(load().cached, true, 'the rebuilt cache is written again');
});

test('WordNet, prepared once for the tables and code, is cached beside the engine: a changed corpus keeps it, another corpus shares it', () => {
  const s = setup('beside');
  const built = s.load();
  const [wordnet] = wordnetFiles(s.cache);
  assert.ok(wordnet, 'a WordNet file is written with the engine cache');
  writeFileSync(join(s.corpusDir, 'sources', 'test.md'), ARTICLE.replace('Tehran source', 'Muscat source'));
  const changed = s.load();
  assert.equal(changed.cached, false);
  assert.deepEqual(wordnetFiles(s.cache), [wordnet], 'kept when the engine cache is replaced');
  assert.equal(engineFiles(s.cache).length, 1);
  const other = Engine.load({ corpusDir: tempCorpus({ 'other.md': ARTICLE.replace('Oman', 'Geneva') }), cache: s.cache });
  assert.deepEqual(wordnetFiles(s.cache), [wordnet], 'shared by another corpus with the same tables');
  assert.ok(other.lexicon.related.size > 0 && built.lexicon.nonNouns.size > 0);
  assert.deepEqual(s.warnings, []);
});

test('a corrupt WordNet cache is reported and written again; the engine built meanwhile answers as before', () => {
  const s = setup('beside');
  const built = s.load();
  const path = join(s.cache, wordnetFiles(s.cache)[0] ?? '');
  const good = readFileSync(path);
  writeFileSync(path, good.subarray(0, good.length - 8));
  writeFileSync(join(s.corpusDir, 'sources', 'test.md'), `${ARTICLE}\nThe talks in Oman were indirect.\n`);
  const rebuilt = s.load();
  assert.equal(s.warnings.length, 1);
  assert.match(s.warnings[0] ?? '', /WordNet cache .*wordnet-.* is corrupt or unreadable \(checksum mismatch\); writing it again/);
  assert.deepEqual(readFileSync(path), good, 'written again');
  assert.deepEqual(rebuilt.ask('What did the Tehran source say about the next round?'), built.ask('What did the Tehran source say about the next round?'));
  assert.deepEqual(rebuilt.lexicon.related, built.lexicon.related);
  assert.deepEqual(rebuilt.lexicon.nonNouns, built.lexicon.nonNouns);
});

test("writing a cache file removes the other keys' files of its kind only", () => {
  const dir = mkdtempSync(join(tmpdir(), 'cache-kinds-'));
  writeCache(join(dir, 'engine-old.bin'), 1);
  writeCache(join(dir, 'wordnet-old.bin'), 2);
  writeCache(join(dir, 'engine-new.bin'), 3);
  assert.deepEqual(readdirSync(dir).sort(), ['engine-new.bin', 'wordnet-old.bin']);
  writeCache(join(dir, 'wordnet-new.bin'), 4);
  assert.deepEqual(readdirSync(dir).sort(), ['engine-new.bin', 'wordnet-new.bin']);
  assert.equal(readCache(join(dir, 'wordnet-new.bin')), 4);
});

test('a build without an engine cache keeps WordNet\'s part in the folder wordnetCache names, and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cache-wordnet-'));
  const e = Engine.load({ corpusDir: tempCorpus({ 'test.md': ARTICLE }), cache: false, wordnetCache: dir });
  assert.equal(e.cached, false);
  assert.deepEqual(engineFiles(dir), []);
  assert.equal(wordnetFiles(dir).length, 1);
  assert.ok(e.ask('What did the Tehran source say about the next round?').answers.length > 0);
});
