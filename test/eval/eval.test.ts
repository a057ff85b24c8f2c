/**
 * The evaluation as a regression guard: the figures `npm run eval` prints must not fall below
 * what the engine reaches today. (The Recall@1 ≥ 0.95 target is not reached; the README
 * gives the measured figures.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realEngine } from '../helpers/corpus.ts';
import { scoreCompare } from './comparisons.ts';
import { scoreQuotations } from './quotations.ts';
import { loadSpeakerGold, scoreSpeakerArticles, SPEAKER_SETS } from './speakers.ts';
import { evaluate, plainMiniSearch } from './retrieval.ts';
import { engineReplier, engineSearcher } from './run.ts';
import { loadUserQuestions, scoreUsers, splitHalves } from './users.ts';

const engine = realEngine();

test('retrieval: abstains on every off-topic question, on no in-scope one, and beats plain MiniSearch', () => {
  const ours = evaluate(engineSearcher(engine));
  const plain = evaluate(plainMiniSearch());
  assert.equal(ours.offTopicAbstention, 1, ours.misses.filter((m) => m.kind === 'offtopic').map((m) => m.q).join(' | '));
  // None is refused today. The last one ("How did Trump handle Kim Jong Un?", whom the sources never
  // name) met too little of its words until a sentence's "he" and "his" held the person named before it.
  assert.equal(ours.inScopeAbstained, 0, String(ours.inScopeAbstained));
  // 0.602 and 0.742 today (the issue wants 0.70 and 0.85).
  assert.ok(ours.recallAt1 >= 0.59, `Recall@1 ${ours.recallAt1}`);
  assert.ok(ours.recallAt3 >= 0.73, `Recall@3 ${ours.recallAt3}`);
  assert.ok(ours.highlightAccuracy >= 0.5, `highlight ${ours.highlightAccuracy}`);
  assert.ok(ours.recallAt1 - plain.recallAt1 >= 0.1, `ours ${ours.recallAt1}, plain ${plain.recallAt1}`);
  assert.ok((ours.byKind['variant']?.recallAt1 ?? 0) >= 0.8);
});

test('speakers are found without a table: the test articles in other outlets\' styles reach 0.95, and no alias entry names their speakers', () => {
  for (const set of SPEAKER_SETS) {
    const s = scoreSpeakerArticles(set.dir);
    assert.ok(s.precision >= 0.95 && s.recall >= 0.95 && s.speakerAccuracy >= 0.95, `${set.name}: ${JSON.stringify(s)}`);
  }
  const aliasWords = new Set(engine.index.analyzer.aliasWords.keys());
  const speakers = new Set(SPEAKER_SETS.flatMap((set) => loadSpeakerGold(set.dir)).flatMap((g) => (g.speaker ?? '').toLowerCase().split(/\s+/)));
  assert.deepEqual([...speakers].filter((w) => w.length > 3 && aliasWords.has(w)), [], 'an alias entry names a test speaker');
});

test('quotations and compare hold their figures', () => {
  const q = scoreQuotations(engine.quotes.quotations);
  assert.ok(q.precision >= 0.95 && q.recall >= 0.95 && q.speakerAccuracy >= 0.95, JSON.stringify(q));
  const c = scoreCompare((t) => engine.compare(t));
  assert.ok(c.sidesRight / c.sides >= 0.85, `${c.sidesRight}/${c.sides}: ${c.failures.join(' | ')}`);
  assert.equal(c.falseNotCovered, 0, `"not covered" said of a source that has the passage: ${c.failures.join(' | ')}`);
});

test('questions as new users type them: both halves above plain MiniSearch, off-topic handled, not-English told so', () => {
  const { tuning, heldOut } = splitHalves(loadUserQuestions());
  const plain = ((search) => (q: string) => ({ hits: search(q) }))(plainMiniSearch());
  for (const [name, half] of [['tuning', tuning], ['held-out', heldOut]] as const) {
    const ours = scoreUsers(engineReplier(engine), half);
    const base = scoreUsers(plain, half);
    assert.ok(ours.recallAt1 > base.recallAt1, `${name}: ${ours.recallAt1} vs plain ${base.recallAt1}`);
    // First answer 0.728 held out, 0.725 tuning; first three 0.914 and 0.888 today (223 questions).
    assert.ok(ours.recallAt1 >= 0.69, `${name} first answer ${ours.recallAt1}`);
    assert.ok(ours.recallAt3 >= 0.85, `${name} Recall@3 ${ours.recallAt3}`);
    assert.equal(ours.foreignHandled, ours.foreign, `${name}: a question not in English was not told so`);
    // No in-scope question is refused on either half (the issue's target, met since an unnamed "it" is the texts' subject).
    assert.equal(ours.inScopeRefused, 0, `${name}: in-scope refused ${ours.inScopeRefused}`);
    assert.equal(ours.inScopeUnmentioned, 0, `${name}: told a name it asks about is not mentioned: ${ours.misses.filter((m) => m.includes('is not mentioned')).join(' | ')}`);
    // Confidence: 0.880 right on 0.296 held out, 0.893 on 0.325 tuning today (the issue wants
    // 0.90 on 0.40); an off-topic question answered high counts as wrong. The share was 0.31 and
    // 0.37 before yes-or-no questions stopped being marked high (their high answers were right
    // 6 times in 10 on the tuning half and the earlier set): fewer sure answers, fewer wrong ones.
    assert.ok(ours.highPrecision >= 0.85 && ours.highShare >= 0.27, `${name}: high ${ours.highPrecision} on ${ours.highShare}`);
    // 9 of 26 and 10 of 27 today, with the fourth blind batch (the issue wants all): the floor keeps what is reached.
    assert.ok(ours.offTopicHandled >= Math.floor(ours.offTopic * 0.34), `${name}: off-topic ${ours.offTopicHandled}/${ours.offTopic}`);
  }
});
