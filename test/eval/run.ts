/**
 * `npm run eval`: the engine's retrieval figures beside a plain MiniSearch's, in one run.
 * `--misses` lists the questions each got wrong.
 */
import { Engine } from '../../src/engine.ts';
import { evaluate, plainMiniSearch, type Scores, type Searcher } from './retrieval.ts';

export function engineSearcher(engine: Engine): Searcher {
  return (q) => engine.ask(q).answers.map((a) => ({ source: a.passage.source, text: a.passage.text, highlight: a.highlight.text }));
}

function table(rows: Array<[string, Scores]>): string {
  const lines = [
    '| metric | ' + rows.map(([name]) => name).join(' | ') + ' |',
    '|---|' + rows.map(() => '---:|').join(''),
  ];
  const metric = (label: string, f: (s: Scores) => string): void => {
    lines.push(`| ${label} | ` + rows.map(([, s]) => f(s)).join(' | ') + ' |');
  };
  metric('Recall@1', (s) => s.recallAt1.toFixed(3));
  metric('Recall@3', (s) => s.recallAt3.toFixed(3));
  metric('MRR', (s) => s.mrr.toFixed(3));
  metric('highlight accuracy', (s) => s.highlightAccuracy.toFixed(3));
  metric('off-topic abstention', (s) => s.offTopicAbstention.toFixed(3));
  metric('in-scope questions refused', (s) => String(s.inScopeAbstained));
  for (const kind of ['direct', 'paraphrase', 'variant']) {
    metric(`Recall@1, ${kind}`, (s) => (s.byKind[kind] ? `${s.byKind[kind].recallAt1.toFixed(3)} (n=${s.byKind[kind].n})` : '–'));
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
function main(): void {
const engine = Engine.load();
const ours = evaluate(engineSearcher(engine));
const plain = evaluate(plainMiniSearch());
console.log(`Retrieval evaluation: ${ours.questions} questions (test/eval/questions.json)\n`);
console.log(table([['this engine', ours], ['plain MiniSearch (defaults, raw paragraphs)', plain]]));
if (process.argv.includes('--misses')) {
  for (const [name, s] of [['engine', ours], ['plain', plain]] as const) {
    console.log(`\nMisses (${name}):`);
    for (const m of s.misses) console.log(`  [${m.kind}] rank=${m.rank} ${m.q}\n      top: ${m.top ?? '(none)'}`);
  }
}
}
