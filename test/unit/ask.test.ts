import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rmSync } from 'node:fs';
import { planQuery } from '../../src/search/query.ts';
import { builtEngine, GOOD_FRONT_MATTER, realEngine, tempCorpus } from '../helpers/corpus.ts';

const engine = realEngine();

test('"Tehran Times" finds the NEO quotation of the Tehran Times', () => {
  const r = engine.ask('Tehran Times');
  assert.ok(r.answers.some((a) => a.passage.source === 'NEO' && a.passage.text.includes('we do not seek war')));
});

test('"Witkoff" finds the NEO passages that write "Whitcoff"', () => {
  const r = engine.ask('Witkoff and the talks');
  const neo = r.answers.filter((a) => a.passage.source === 'NEO');
  assert.ok(neo.length >= 2);
  assert.ok(neo.every((a) => a.passage.text.includes('Whitcoff')));
});

test('a misspelled name is still found, and short words do not match everything', () => {
  const r = engine.ask('Mohajerany');
  assert.match(r.answers[0]?.passage.text ?? '', /Mohajerani/);
  assert.equal(engine.ask('cat').answers.length, 0);
});

test('a real English word the sources do not use is no misspelling of one they use: currency is not current', () => {
  const plan = planQuery("How did Iran's currency react after the meeting?", engine.index, engine.lexicon);
  const fuzzy = plan.concepts.flatMap((c) => c.candidates.filter((x) => x.via === 'fuzzy').map((x) => `${c.word} → ${x.term}`));
  assert.deepEqual(fuzzy, []);
  const name = planQuery('What did Araqchy say?', engine.index, engine.lexicon);
  assert.ok(name.concepts.some((c) => c.candidates.some((x) => x.via === 'fuzzy')), 'a misspelled name is still corrected');
});

test('questions the sources do not cover return no passage and say so', () => {
  for (const q of ['price of bitcoin', 'recommend me a sci-fi novel to read', 'who won the world cup']) {
    const r = engine.ask(q);
    assert.equal(r.answers.length, 0, `${q} → ${r.answers[0]?.passage.id}`);
    assert.match(r.notice ?? '', /do not cover/);
    assert.equal(r.confidence, 'low');
  }
  const france = engine.ask('What is the capital of France?');
  assert.equal(france.answers.length, 0);
  assert.equal(france.notice, 'The sources do not mention France.');
  assert.match(engine.ask('?!').notice ?? '', /no words/);
  // "next" is a word of the sources ("next week", "next round"), too common to tie a question
  // to them: no passage, but no claim that they do not cover it either.
  const next = engine.ask('whats next');
  assert.equal(next.answers.length, 0);
  assert.match(next.notice ?? '', /Nothing in the question ties it to the sources/);
});

test('an answer carries its source, its best sentence, the matched words and a score, best first', () => {
  const r = engine.ask('How much did the Tehran stock exchange rise?');
  const top = r.answers[0] ?? assert.fail('no answer');
  assert.equal(top.passage.source, 'RSIS');
  assert.equal(top.passage.meta.publisher, 'S. Rajaratnam School of International Studies, NTU Singapore');
  assert.match(top.highlight.text, /2\.16 per cent/);
  assert.equal(top.passage.text.slice(top.highlight.span.start, top.highlight.span.end), top.highlight.text);
  assert.ok(top.matched.includes('stock'));
  assert.ok(r.answers.length <= 5);
  for (let i = 1; i < r.answers.length; i++) assert.ok((r.answers[i - 1]?.score ?? 0) >= (r.answers[i]?.score ?? 0));
});

test('a paraphrase reaches the passage through related words', () => {
  const r = engine.ask('Which aircraft did Washington send near Iran?');
  assert.match(r.answers[0]?.passage.text ?? '', /B-2 stealth bombers/);
  assert.ok(r.answers[0]?.matched.some((m) => m.startsWith('aircraft →')));
});

test('a common word ties a question to a small corpus that uses it, not to a large one that uses it no more than English does', () => {
  // "weather" (English rank ~1,500) in two paragraphs: in 4 that is far above English's rate, in
  // 600 it is about English's rate, so it no longer says the corpus is about the question.
  const article = (paragraphs: number): string =>
    GOOD_FRONT_MATTER +
    Array.from({ length: paragraphs }, (_, i) =>
      i < 2 ? `Paragraph ${i}: the harbour committee blamed the weather for the delay to item ${i}.` : `Paragraph ${i}: the harbour committee reviewed item ${i} of the annual budget.`,
    ).join('\n\n');
  const question = 'What was the weather like?';
  for (const [paragraphs, answered] of [[4, true], [600, false]] as const) {
    const dir = tempCorpus({ 'test.md': article(paragraphs) });
    try {
      const engine = builtEngine(dir);
      assert.equal(engine.index.size, paragraphs);
      const r = engine.ask(question);
      assert.equal(r.answers.length > 0, answered, `${paragraphs} paragraphs: ${r.notice ?? r.answers[0]?.passage.text}`);
      if (answered) assert.match(r.answers[0]?.passage.text ?? '', /weather/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
