import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ask } from '../../src/search/ask.ts';
import { cutAtWord, SUGGEST_LIMITS, type Suggestion } from '../../src/search/suggest.ts';
import { verbatimMatch, VERBATIM_MIN_CHARS } from '../../src/search/verbatim.ts';
import { realEngine } from '../helpers/corpus.ts';

const engine = realEngine();
const holding = (phrase: string) => (s: Suggestion | undefined) => s?.passage.text.includes(phrase) ?? false;

test('at most 25 choices, each name and value at most 100 characters; the name names the source, the value opens the sentence', () => {
  for (const typed of ['iran', 'the talks in oman', 'w', '', 'x'.repeat(6000), '@everyone **bold** <@123>']) {
    const choices = engine.suggest(typed, 100);
    assert.ok(choices.length <= SUGGEST_LIMITS.choices, `${typed.slice(0, 20)}: ${choices.length}`);
    for (const c of choices) {
      assert.ok(c.name.length > 0 && c.name.length <= 100, c.name);
      assert.ok(c.value.length > 0 && c.value.length <= 100, c.value);
      assert.ok(c.name.startsWith(`${c.passage.source}: `), c.name);
      assert.ok(c.sentence.startsWith(c.value.replace(/…$/, '')), c.value);
      assert.ok(c.passage.text.includes(c.sentence));
    }
  }
  assert.equal(engine.suggest('iran').length, 25, 'a word most sentences hold fills all 25');
  assert.equal(engine.suggest('iran', 3).length, 3);
  const long = engine.suggest('iran').find((c) => c.sentence.length > 100);
  assert.ok(long && long.value.endsWith('…') && long.name.endsWith('…'), 'a long sentence is cut, with an ellipsis');
});

test('the word being typed is a prefix: "sherm" finds Wendy Sherman; "sherm " (a finished word) does not', () => {
  assert.ok(holding('Wendy Sherman')(engine.suggest('what did sherm')[0]));
  assert.ok(holding('Wendy Sherman')(engine.suggest('sherm')[0]));
  assert.ok(!holding('Wendy Sherman')(engine.suggest('sherm ')[0]));
});

test('a misspelled word still finds its passage: "shermen", "mohajerany", "bombrs"', () => {
  assert.ok(holding('Wendy Sherman')(engine.suggest('shermen ')[0]));
  assert.ok(holding('Mohajerani')(engine.suggest('mohajerany ')[0]));
  assert.ok(engine.suggest('bombrs ').slice(0, 5).some(holding('bombers')));
});

test('the best sentence of a matching passage is offered first, and each passage once before any passage twice', () => {
  const [first] = engine.suggest('when is the next round');
  assert.ok(first && /next week|May 3/.test(first.sentence), first?.sentence);
  const choices = engine.suggest('iran');
  const firstRepeat = choices.findIndex((c, i) => choices.slice(0, i).some((d) => d.passage === c.passage));
  const passages = new Set(choices.slice(0, firstRepeat === -1 ? undefined : firstRepeat).map((c) => c.passage)).size;
  assert.ok(firstRepeat === -1 || passages >= 20, `a passage repeats at ${firstRepeat}`);
});

test('a question that quotes a sentence verbatim gets that passage first, with high confidence', () => {
  // Names that pull the ranking elsewhere, and a quotation of a sentence of RSIS's.
  const question = 'Sherman Araghchi Whitcoff Mohajerani: "Trump understands that the realisation"';
  const plain = ask(question, engine.index, engine.lexicon);
  assert.ok(!plain.answers[0]?.passage.text.includes('Trump understands that the realisation'), 'without the rule, another passage comes first');
  const r = engine.ask(question);
  assert.match(r.answers[0]?.passage.text ?? '', /Trump understands that the realisation/);
  assert.match(r.answers[0]?.highlight.text ?? '', /^Indeed, Trump understands/);
  assert.equal(r.confidence, 'high');
  assert.equal(new Set(r.answers.map((a) => a.passage.id)).size, r.answers.length, 'no passage twice');
  assert.ok(r.answers.length <= 5);
  assert.equal(engine.ask(question, 2).answers.length, 2, 'the limit holds');
});

test('the verbatim rule: case, quotation marks, white space and a trailing "…" aside; 24 characters at least', () => {
  const passage = engine.index.passages.find((p) => p.text.includes('Trump understands that the realisation'));
  assert.ok(passage);
  assert.equal(verbatimMatch('INDEED,   TRUMP “understands” that the realisation…', engine.index)?.passage, passage);
  const short = 'understands that the rea';
  assert.equal(short.length, VERBATIM_MIN_CHARS);
  assert.equal(verbatimMatch(`${short}`, engine.index)?.passage, passage);
  assert.equal(verbatimMatch(short.slice(1), engine.index)?.passage, undefined);
  assert.equal(verbatimMatch('Who mediated the talks between Iran and the US?', engine.index)?.passage, undefined);
  assert.equal(verbatimMatch('', engine.index)?.passage, undefined);
});

test('every suggestion, asked, answers with its own passage first', () => {
  for (const typed of ['who mediated', 'sanctions', 'next round', 'missiles']) {
    for (const c of engine.suggest(typed, 8)) {
      const r = engine.ask(c.value);
      assert.equal(r.answers[0]?.passage.id, c.passage.id, c.value);
      assert.equal(r.confidence, 'high');
    }
  }
});

test('cutAtWord cuts at a word, within the limit, with an ellipsis', () => {
  assert.equal(cutAtWord('short', 100), 'short');
  const cut = cutAtWord('word '.repeat(40), 100);
  assert.ok(cut.length <= 100 && cut.endsWith('word…'), cut);
  assert.ok(cutAtWord('x'.repeat(300), 100).length <= 100);
});

test('suggestions read a question as ask does: a named source is the one offered from, "who wrote" offers the authors\' notes', () => {
  const neo = engine.suggest('what does neo think');
  assert.ok(neo.length > 0 && neo.every((c) => c.passage.source === 'NEO'), 'only NEO');
  assert.ok(!neo.slice(0, 5).some((c) => /Mikhin/.test(c.sentence)), 'the name "neo" does not draw the author note');
  const authors = engine.suggest('who wrote the').slice(0, 2).map((c) => c.sentence).join(' ');
  assert.match(authors, /Mikhin/);
  assert.match(authors, /Dzulhisham/);
  assert.match(engine.suggest('who wrote the rsis')[0]?.sentence ?? '', /Dzulhisham/);
});

test('the words of a question\'s form are no subject in suggestions either: "how long did they" offers the span of time', () => {
  assert.match(engine.suggest('how long did they')[0]?.sentence ?? '', /two and a half hours/);
  assert.ok(!engine.suggest('what year was').slice(0, 3).some((c) => /\byears?\b/i.test(c.sentence)), '"year" is what is asked, not a word to find');
});
