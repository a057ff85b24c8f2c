/**
 * `npm run eval`: the engine's retrieval figures beside a plain MiniSearch's, in one run; the
 * same with each paraphrase bridge turned off; quotation extraction against the gold list; and
 * compare against its topics. `--misses` lists what each got wrong.
 */
import { Engine } from '../../src/engine.ts';
import { scoreCompare } from './comparisons.ts';
import { scoreQuotations } from './quotations.ts';
import { scoreSpeakerArticles, SPEAKER_SETS } from './speakers.ts';
import { evaluate, plainMiniSearch, type Scores, type Searcher } from './retrieval.ts';
import { loadBatches, loadUserQuestions, scoreAutocomplete, scoreUsers, splitHalves, usersTable, type Replier, type Suggest, type UserScores } from './users.ts';

export function engineSearcher(engine: Engine): Searcher {
  return (q) => engine.ask(q).answers.map((a) => ({ source: a.passage.source, text: a.passage.text, highlight: a.highlight.text }));
}

/** How the engine's reply reads to the user-style evaluation. */
export function engineReplier(engine: Engine): Replier {
  return (q) => {
    const r = engine.ask(q);
    return {
      hits: r.answers.map((a) => ({ source: a.passage.source, text: a.passage.text, highlight: a.highlight.text })),
      confidence: r.confidence,
      unmentioned: r.unmentioned ?? [],
      notEnglish: r.language !== undefined,
    };
  };
}

/** The engine's autocomplete, as the evaluation reads it: each choice's passage. */
export function engineSuggest(engine: Engine): Suggest {
  return (partial) => engine.suggest(partial).map((c) => ({ source: c.passage.source, text: c.passage.text, highlight: c.sentence }));
}

export function table(rows: Array<[string, Scores]>): string {
  const lines = ['| metric | ' + rows.map(([name]) => name).join(' | ') + ' |', '|---|' + rows.map(() => '---:|').join('')];
  const metric = (label: string, f: (s: Scores) => string): void => {
    lines.push(`| ${label} | ` + rows.map(([, s]) => f(s)).join(' | ') + ' |');
  };
  metric('Recall@1', (s) => s.recallAt1.toFixed(3));
  metric('Recall@3', (s) => s.recallAt3.toFixed(3));
  metric('Recall@1, any answering passage (labels added blind)', (s) => s.recallAt1Any.toFixed(3));
  metric('Recall@3, any answering passage', (s) => s.recallAt3Any.toFixed(3));
  metric('MRR', (s) => s.mrr.toFixed(3));
  metric('highlight accuracy', (s) => s.highlightAccuracy.toFixed(3));
  metric('off-topic abstention', (s) => s.offTopicAbstention.toFixed(3));
  metric('in-scope questions refused', (s) => String(s.inScopeAbstained));
  for (const kind of ['direct', 'paraphrase', 'variant']) {
    metric(`Recall@1, ${kind}`, (s) => (s.byKind[kind] ? `${s.byKind[kind].recallAt1.toFixed(3)} (n=${s.byKind[kind].n})` : '–'));
  }
  return lines.join('\n');
}

function main(): void {
  const engine = Engine.load();
  const { tuning, heldOut } = splitHalves(loadUserQuestions());
  const plainReply: Replier = ((search) => (q: string) => ({ hits: search(q) }))(plainMiniSearch());
  const users = {
    tuning: scoreUsers(engineReplier(engine), tuning),
    heldOut: scoreUsers(engineReplier(engine), heldOut),
  };
  console.log('Questions as new users type them (test/eval/users.json), split by position: even tune, odd held out\n');
  console.log(
    usersTable([
      ['held-out half', users.heldOut],
      ['tuning half', users.tuning],
      ['plain MiniSearch, held-out', scoreUsers(plainReply, heldOut)],
      ['plain MiniSearch, tuning', scoreUsers(plainReply, tuning)],
    ]),
  );
  const auto = { heldOut: scoreAutocomplete(engineSuggest(engine), heldOut), tuning: scoreAutocomplete(engineSuggest(engine), tuning) };
  const share = (s: { right: number; inScope: number }): string => (s.right / s.inScope).toFixed(2);
  console.log(
    `\nautocomplete: answering passage in first five choices, held-out ${auto.heldOut.right}/${auto.heldOut.inScope} (${share(auto.heldOut)}), ` +
      `tuning ${auto.tuning.right}/${auto.tuning.inScope} (${share(auto.tuning)})`,
  );
  console.log('(each in-scope question\'s first half of words, rounded up, typed into /ask\'s autocomplete)');
  const batches = loadBatches();
  if (batches.length > 1) {
    console.log('\nEach batch of the set alone (a batch written later has had no miss of its own read before its first figures):\n');
    const rows: Array<[string, UserScores]> = batches.flatMap(({ batch, tuning: t, heldOut: h }): Array<[string, UserScores]> => [
      [`from ${batch.from}, held-out`, scoreUsers(engineReplier(engine), h)],
      [`from ${batch.from}, tuning`, scoreUsers(engineReplier(engine), t)],
    ]);
    console.log(usersTable(rows));
    for (const { batch } of batches) console.log(`- from ${batch.from}: ${batch.about}`);
  }
  console.log('');
  const ours = evaluate(engineSearcher(engine));
  const plain = evaluate(plainMiniSearch());
  const rows: Array<[string, Scores]> = [
    ['this engine', ours],
    ['plain MiniSearch (defaults, raw paragraphs)', plain],
  ];
  console.log(`Retrieval: ${ours.questions} questions (test/eval/questions.json)\n`);
  console.log(table(rows));

  console.log('\nParaphrase bridges, each turned off (same questions):\n');
  const ablation: Array<[string, Scores]> = [
    ['both (shipped)', ours],
    ['WordNet only', evaluate(engineSearcher(Engine.load({ bridges: { vectors: false } })))],
    ['word vectors only', evaluate(engineSearcher(Engine.load({ bridges: { wordnet: false } })))],
    ['neither', evaluate(engineSearcher(Engine.load({ bridges: { wordnet: false, vectors: false } })))],
  ];
  console.log(table(ablation));

  const quotes = scoreQuotations(engine.quotes.quotations);
  console.log(`\nQuotations (test/eval/quotes.json, ${quotes.gold} gold, ${quotes.extracted} extracted):`);
  console.log(`  precision ${quotes.precision.toFixed(3)}, recall ${quotes.recall.toFixed(3)}, speaker accuracy ${quotes.speakerAccuracy.toFixed(3)}`);

  console.log('\nSpeakers without a table (test/fixtures/speaker-articles*: articles in other outlets\' styles, no alias entry for their speakers):');
  for (const set of SPEAKER_SETS) {
    const s = scoreSpeakerArticles(set.dir);
    console.log(`  ${set.name}, ${s.gold} gold: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}, speaker accuracy ${s.speakerAccuracy.toFixed(3)} (at first look ${set.firstLook.toFixed(3)})`);
    for (const w of s.wrongSpeaker) console.log(`    wrong speaker: ${w}`);
  }

  const cmp = scoreCompare((t) => engine.compare(t));
  console.log(`\nCompare (test/eval/compare.json, ${cmp.topics} topics):`);
  console.log(`  sides right ${cmp.sidesRight}/${cmp.sides} (${(cmp.sidesRight / cmp.sides).toFixed(3)}), topics with both sides right ${cmp.topicsRight}/${cmp.topics}`);
  console.log(`  topics both sources cover: right passage in the first three for ${cmp.bothCoveredRight}/${cmp.bothCoveredSides} sides (${(cmp.bothCoveredRight / cmp.bothCoveredSides).toFixed(3)})`);
  console.log(`  "not covered" said of a source that has the passage: ${cmp.falseNotCovered}`);

  if (process.argv.includes('--misses')) {
    console.log('\nMisses, user-style tuning half:');
    for (const m of users.tuning.misses) console.log(`  ${m}`);
    console.log('\nAutocomplete misses, tuning half:');
    for (const m of auto.tuning.misses) console.log(`  ${m}`);
    if (process.argv.includes('--held-out-misses')) {
      console.log('\nMisses, user-style HELD-OUT half (do not tune on these):');
      for (const m of users.heldOut.misses) console.log(`  ${m}`);
      console.log('\nAutocomplete misses, HELD-OUT half (do not tune on these):');
      for (const m of auto.heldOut.misses) console.log(`  ${m}`);
    }
    for (const [name, s] of [['engine', ours], ['plain', plain]] as const) {
      console.log(`\nMisses (${name}):`);
      for (const m of s.misses) console.log(`  [${m.kind}] rank=${m.rank} ${m.q}\n      top: ${m.top ?? '(none)'}`);
    }
    for (const line of [...quotes.unmatched, ...quotes.spurious, ...quotes.wrongSpeaker]) console.log(`  quote: ${line}`);
    for (const f of cmp.failures) console.log(`  compare: ${f}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
