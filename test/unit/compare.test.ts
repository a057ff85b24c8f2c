import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.ts';
import { differences } from '../../src/search/compare.ts';
import { compareText } from '../../src/render/text.ts';
import { planQuery } from '../../src/search/query.ts';
import type { CompareSide } from '../../src/search/types.ts';
import { builtEngine, GOOD_FRONT_MATTER, realEngine, tempCorpus } from '../helpers/corpus.ts';

const engine = realEngine();

function side(source: string, phrase: string): CompareSide {
  const doc = engine.documents.find((d) => d.meta.id === source) ?? assert.fail(source);
  const passage = engine.index.passages.find((p) => p.source === source && p.text.includes(phrase)) ?? assert.fail(phrase);
  const s = passage.sentences.find((x) => passage.text.slice(x.start, x.end).includes(phrase)) ?? assert.fail(phrase);
  return { source, meta: doc.meta, passages: [{ passage, highlight: { text: passage.text.slice(s.start, s.end), span: s }, score: 1 }] };
}

test('compare shows both sources and flags the Witkoff/Whitcoff spelling and the envoy titles', () => {
  const r = engine.compare('the US envoy');
  assert.deepEqual(r.sides.map((s) => s.source), ['NEO', 'RSIS']);
  assert.ok(r.sides.every((s) => s.passages.length > 0 && s.passages.length <= 3));
  const name = r.differences.find((d) => d.kind === 'name');
  assert.match(name?.note ?? '', /Whitcoff/);
  assert.match(name?.note ?? '', /Witkoff/);
  const title = r.differences.find((d) => d.kind === 'title');
  assert.deepEqual(title?.values.map((v) => v.value), ['Special Envoy for West Asia', 'Special Envoy to the Middle East']);
});

test('the next round: NEO says next week, RSIS says May 3', () => {
  const found = differences([side('NEO', 'second round next week'), side('RSIS', 'planned in Oman on May 3')], engine.index.analyzer);
  const date = found.find((d) => d.kind === 'date');
  assert.deepEqual(date?.values, [
    { source: 'NEO', value: 'April 12, next week' },
    { source: 'RSIS', value: 'May 3' },
  ]);
});

test('compare("next round") flags the next round end to end: NEO next week, RSIS May 3', () => {
  // A topic about the next anything wants dated sentences, and of a sentence's dates the one
  // nearest the topic's words ("April 12, with both sides agreeing to a second round next week").
  for (const topic of ['next round', 'the next round']) {
    const date = engine.compare(topic).differences.find((d) => d.kind === 'date');
    assert.deepEqual(date?.values, [
      { source: 'NEO', value: 'next week' },
      { source: 'RSIS', value: 'May 3' },
    ], topic);
  }
});

test('dates of different precision (a year against a month) are two events, not a date difference', () => {
  const found = differences([side('NEO', 'accelerate its nuclear program in 2020'), side('RSIS', 'public poll in October 2024')], engine.index.analyzer);
  assert.equal(found.find((d) => d.kind === 'date'), undefined);
});

test('a topic its heading names opens with the first passage of that section', () => {
  // Every passage under NEO's "First-Day Outcomes" meets "outcome of the first day" through the
  // heading alone; the section's account begins with its first passage.
  const neo = engine.compare('outcome of the first day').sides.find((s) => s.source === 'NEO') ?? assert.fail('no NEO side');
  const first = neo.passages[0]?.passage ?? assert.fail('NEO has nothing');
  assert.equal(first.heading, 'First-Day Outcomes');
  assert.match(first.text, /appeared to end on a positive note/);
  assert.ok(engine.index.opensSection(first));
  assert.ok(neo.passages.slice(1).every((p) => p.passage.heading === 'First-Day Outcomes' && !engine.index.opensSection(p.passage)));
});

test('a topic met only through the weakest related words is not covered: NEO on air defence', () => {
  const r = engine.compare('air defence');
  const neo = r.sides.find((s) => s.source === 'NEO') ?? assert.fail('no NEO side');
  const rsis = r.sides.find((s) => s.source === 'RSIS') ?? assert.fail('no RSIS side');
  assert.deepEqual(neo.passages, [], `NEO shows ${neo.passages.map((p) => p.passage.id).join(', ')}`);
  assert.ok(rsis.passages.some((p) => p.passage.text.includes('all air defence systems were repaired')));
  assert.equal(r.notice, 'Not covered by NEO.');
});

test('a word the sources use far more than English does ties a topic to them: the public opinion poll', () => {
  // "poll" is in one RSIS passage; English would put it in about 0.15 of 43 passages.
  const r = engine.compare('public opinion poll');
  const rsis = r.sides.find((s) => s.source === 'RSIS') ?? assert.fail('no RSIS side');
  assert.ok(rsis.passages.some((p) => p.passage.text.includes('61 per cent of Iranians supported')), r.notice);
  assert.equal(r.notice, 'Not covered by NEO.');
  assert.equal(engine.ask("What is Apple's stock price today?").answers.length, 0, '"stock" is in one passage too, about as often as English has it');
});

test('a topic only one source covers is "not covered" by the other', () => {
  const r = engine.compare('Wendy Sherman');
  assert.equal(r.sides.find((s) => s.source === 'RSIS')?.passages.length, 0);
  assert.ok((r.sides.find((s) => s.source === 'NEO')?.passages.length ?? 0) > 0);
  assert.equal(r.notice, 'Not covered by RSIS.');
  assert.equal(engine.compare('the price of bitcoin').notice, 'Neither source covers this topic.');
});

test('the same person written with and without a possessive is no spelling difference', () => {
  const r = engine.compare('B-2 bombers');
  assert.ok(!r.differences.some((d) => d.kind === 'name' && /Trump/.test(d.note)), JSON.stringify(r.differences));
});

test('with more than two sources, compare shows each, says which do not cover the topic, and says once that none does', () => {
  const real = (f: string): string => readFileSync(join(DEFAULT_CORPUS_DIR, 'sources', f), 'utf8');
  const filler = (id: string, title: string, body: string): string =>
    GOOD_FRONT_MATTER.replace('id: TEST', `id: ${id}`).replace('A Test Article', title) + body;
  const dir = tempCorpus({
    'neo.md': real('neo.md'),
    'rsis.md': real('rsis.md'),
    'a.md': filler('OIL', 'Oil Markets in Spring', 'Crude prices fell as tankers waited in the Gulf.\n\nTraders watched exports from Basra.\n'),
    'b.md': filler('SHIP', 'Shipping Notes', 'Container rates rose on routes to Europe.\n\nPort congestion eased in Rotterdam.\n'),
  });
  try {
    const archive = builtEngine(dir);
    const envoy = archive.compare('the US envoy');
    assert.deepEqual(envoy.sides.filter((s) => s.passages.length > 0).map((s) => s.source).sort(), ['NEO', 'RSIS']);
    assert.deepEqual(envoy.sides.filter((s) => s.passages.length === 0).map((s) => s.source).sort(), ['OIL', 'SHIP']);
    assert.equal(envoy.notice, 'Not covered by OIL or SHIP.');
    assert.ok(envoy.differences.some((d) => d.kind === 'name' && /Whitcoff/.test(d.note)));
    const none = archive.compare('bitcoin wallets');
    assert.equal(none.sides.length, 0);
    assert.equal(none.notice, 'No source covers this topic.');
    assert.equal(compareText(none), 'No source covers this topic.\n', 'the console says so instead of printing nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a search for one source's passages returns that source's best, however many others score higher", () => {
  const plan = planQuery('Witkoff', engine.index, engine.lexicon);
  const rsis = engine.index.query(plan.weights, 2, (p) => p.source === 'RSIS');
  assert.ok(rsis.length > 0 && rsis.every((h) => h.passage.source === 'RSIS'));
  const all = engine.index.query(plan.weights, 50);
  assert.equal(rsis[0]?.passage.id, all.find((h) => h.passage.source === 'RSIS')?.passage.id);
});

test('figures of one unit that differ between the sources are flagged; equal ones are not', () => {
  const make = (source: string, text: string): CompareSide => {
    const doc = engine.documents.find((d) => d.meta.id === source) ?? assert.fail(source);
    const passage = { id: `${source}-x`, source, heading: null, position: 0, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }], meta: doc.meta };
    return { source, meta: doc.meta, passages: [{ passage, highlight: { text, span: { start: 0, end: text.length } }, score: 1 }] };
  };
  const found = differences([make('NEO', 'Iran deployed 30 launchers near the strait.'), make('RSIS', 'Iran deployed 40 launchers near the strait.')], engine.index.analyzer);
  const number = found.find((d) => d.kind === 'number') ?? assert.fail('no number difference');
  assert.deepEqual(number.values.map((v) => v.value), ['30 launchers', '40 launchers']);
  const same = differences([make('NEO', 'Iran deployed 30 launchers.'), make('RSIS', 'Iran deployed 30 launchers.')], engine.index.analyzer);
  assert.equal(same.find((d) => d.kind === 'number'), undefined);
});

test("a side keeps the passage that meets the topic's own words over ones that meet only their relatives: RSIS on Israel's role", () => {
  const rsis = engine.compare("Israel's role").sides.find((s) => s.source === 'RSIS');
  assert.ok(rsis?.passages.some((p) => p.passage.text.includes('Israel had planned an attack')), rsis?.passages.map((p) => p.passage.id).join(', '));
});

test('a third source that gives its own date for the next round is set beside the other two, each difference naming two sources', () => {
  const dir = tempCorpus({
    'neo.md': readFileSync(join(DEFAULT_CORPUS_DIR, 'sources', 'neo.md'), 'utf8'),
    'rsis.md': readFileSync(join(DEFAULT_CORPUS_DIR, 'sources', 'rsis.md'), 'utf8'),
    'third.md': GOOD_FRONT_MATTER.replace('id: TEST', 'id: THIRD') + 'The next round of talks will take place in Rome on May 11, officials said.\n',
  });
  try {
    const r = builtEngine(dir).compare('next round');
    assert.deepEqual(r.sides.map((s) => s.source), ['NEO', 'RSIS', 'THIRD']);
    const dates = r.differences.filter((d) => d.kind === 'date');
    assert.ok(dates.some((d) => d.values.some((v) => v.source === 'THIRD' && v.value === 'May 11')), JSON.stringify(dates));
    assert.ok(dates.length >= 2 && dates.every((d) => d.values.length === 2), JSON.stringify(dates));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
