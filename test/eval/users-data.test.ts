/**
 * Checks the DATA of the user-style evaluation set (users.json), not the engine: every label's
 * phrase is in a passage of its source, no question copies four consecutive words of an article,
 * a name marked absent is in neither article, the halves are what the fixed rule makes them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCorpus } from '../../src/corpus/load.ts';
import { realEngine } from '../helpers/corpus.ts';
import { holds } from './retrieval.ts';
import { inScope, loadUserQuestions, splitHalves } from './users.ts';

const questions = loadUserQuestions();
const words = (s: string): string[] =>
  s.toLowerCase().normalize('NFKC').replace(/[\u2018\u2019']/g, '').replace(/[^\p{L}\p{N}\s]+/gu, ' ').split(/\s+/).filter(Boolean);

test('users.json: at least 60 questions, 15 off-topic, every in-scope one labelled with phrases its passages hold', () => {
  assert.ok(questions.length >= 60, String(questions.length));
  assert.ok(questions.filter((q) => q.type === 'offtopic').length >= 15);
  const passages = realEngine().index.passages;
  for (const q of questions) {
    if (!inScope(q)) {
      assert.equal(q.answers, undefined, q.q);
      continue;
    }
    assert.ok((q.answers ?? []).length > 0, `no label: ${q.q}`);
    for (const l of q.answers ?? []) {
      assert.ok(passages.some((p) => p.source === l.source && holds(p.text, l.phrase)), `${q.q}: ${l.source} has no passage holding "${l.phrase}"`);
    }
  }
});

test('users.json: no question copies four consecutive words of an article; absent names are absent', () => {
  const articles = loadCorpus().sources.map((s) => ` ${words(s.body).join(' ')} `);
  for (const q of questions) {
    const w = words(q.q);
    for (let i = 0; i + 4 <= w.length; i++) {
      const run = ` ${w.slice(i, i + 4).join(' ')} `;
      assert.ok(!articles.some((a) => a.includes(run)), `"${q.q}" copies "${run.trim()}"`);
    }
    const absent = q.absent;
    if (absent) assert.ok(!articles.some((a) => a.includes(` ${words(absent).join(' ')} `)), `${absent} is mentioned`);
  }
});

test('the split: even positions tune, odd positions are held out, half each', () => {
  const { tuning, heldOut } = splitHalves(questions);
  assert.equal(tuning.length, Math.ceil(questions.length / 2));
  assert.equal(heldOut[0], questions[1]);
  assert.equal(tuning[1], questions[2]);
  assert.ok(heldOut.filter((q) => q.type === 'offtopic').length >= 8);
});
