import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadCorpus } from '../../src/corpus/load.ts';
import { normalizeText } from '../../src/corpus/normalize.ts';
import { buildDocuments, sentenceRules } from '../../src/corpus/pipeline.ts';
import { splitSentences } from '../../src/corpus/sentences.ts';

const corpus = loadCorpus();
const docs = buildDocuments(corpus.sources, corpus.tables);
const doc = (id: string) => docs.find((d) => d.meta.id === id) ?? assert.fail(`no ${id}`);
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const count = (hay: string, needle: string): number => hay.split(needle).length - 1;

test('every statement of RSIS exists exactly once in its passages', () => {
  const rsis = doc('RSIS');
  const all = rsis.passages.map((p) => p.text).join('\n');
  const raw = corpus.sources.find((s) => s.meta.id === 'RSIS')?.body ?? '';
  const firstCopy = raw.slice(0, raw.indexOf('SYNOPSIS', raw.indexOf('SYNOPSIS') + 1));
  const lines = firstCopy.split('\n').map((l) => normalizeText(l, corpus.tables.confusables).trim());
  const paragraphs = lines.filter((l) => l.split(' ').length > 12);
  assert.ok(paragraphs.length >= 15, `only ${paragraphs.length} paragraphs found`);
  let statements = 0;
  for (const p of paragraphs) {
    for (const s of splitSentences(p, sentenceRules(corpus.tables))) {
      const sentence = p.slice(s.start, s.end);
      statements++;
      assert.equal(count(all, sentence), 1, `${count(all, sentence)}× ${sentence}`);
    }
  }
  assert.ok(statements >= 50, `only ${statements} statements checked`);
});

test('NEO keeps its statements once: the pull quote under the lead is not a second copy', () => {
  const all = doc('NEO').passages.map((p) => p.text).join('\n');
  assert.equal(count(all, "The foreign minister emphasized Iran's desire for a real agreement"), 1);
  assert.equal(count(all, 'Whitcoff faces a formidable counterpart.'), 1);
});

test('no site-furniture line is in any passage', () => {
  const furniture = [
    'EN|FR|RU',
    'Follow us on',
    '- RSIS',
    '- Publication',
    'RSIS Publications',
    'More on this topic',
    "Why the US won't immediately attack Iran",
    'Direct talks between the US and Iran?',
    'A War with Iran Will Trigger New Conflicts',
    'Springboard for War with Iran',
    'Double Standards and Hidden Motives',
    'Viktor Mikhin, April 14, 2025',
    '29 April 2025',
  ];
  for (const d of docs) {
    for (const p of d.passages) {
      for (const f of furniture) assert.ok(!p.text.includes(f), `${p.id} holds furniture "${f}"`);
      assert.notEqual(squash(p.text), squash(d.meta.title), `${p.id} is the title`);
    }
  }
  const raw = readFileSync(new URL('../../corpus/sources/neo.md', import.meta.url), 'utf8');
  assert.ok(raw.includes('More on this topic'), 'the corpus file keeps the paste as it was');
});

test('headings are found and kept as the context of the passages under them', () => {
  const headingOf = (id: string, phrase: string) => docs.find((d) => d.meta.id === id)?.passages.find((p) => p.text.includes(phrase))?.heading;
  assert.equal(headingOf('RSIS', 'First and foremost, Iran wanted to buy time'), 'Buying Time');
  assert.equal(headingOf('NEO', 'appeared to end on a positive note'), 'First-Day Outcomes');
  assert.equal(headingOf('NEO', 'B-2 bombers stationed at Diego Garcia'), "Trump's Failed Policy: From Threats to Retreat");
  assert.equal(headingOf('NEO', 'met for the first time in months'), null);
  assert.ok(!docs.some((d) => d.passages.some((p) => p.text === 'Buying Time')), 'a heading is not a passage');
});

test('a closing paragraph on the author stands under no section of the article (NEO has no heading for it)', () => {
  for (const d of docs) {
    const last = d.passages.at(-1) ?? assert.fail(`${d.meta.id} has no passage`);
    const surname = d.meta.author.split(' ').at(-1) ?? '';
    assert.ok(last.text.includes(surname), `${d.meta.id}: its last passage is the note on ${d.meta.author}`);
    assert.ok(last.heading === null || /author/i.test(last.heading), `${d.meta.id}: "${last.heading}"`);
  }
  assert.equal(docs.find((d) => d.meta.id === 'NEO')?.passages.at(-1)?.heading, null);
  // Other passages keep theirs.
  assert.ok(docs.every((d) => d.passages.slice(0, -1).some((p) => p.heading !== null)));
});

test('each passage points at its text in the cleaned source, and its sentences tile it', () => {
  for (const d of docs) {
    d.passages.forEach((p, i) => {
      assert.equal(d.text.slice(p.start, p.end), p.text);
      assert.equal(p.position, i);
      assert.equal(p.id, `${d.meta.id}-${i}`);
      assert.equal(p.sentences[0]?.start, 0);
      assert.equal(p.sentences[p.sentences.length - 1]?.end, p.text.length);
      assert.ok(p.text.length <= 700, `${p.id} is ${p.text.length} characters`);
    });
  }
  assert.ok(!docs.some((d) => d.text.includes('\u0422')), 'the Cyrillic T is gone');
  assert.ok(doc('NEO').text.includes('North Korea — after'), 'the glued em dash is spaced');
});
