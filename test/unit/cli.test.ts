import assert from 'node:assert/strict';
import { PassThrough, Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import { main } from '../../src/cli.ts';
import { runConsole } from '../../src/console.ts';
import { realEngine } from '../helpers/corpus.ts';

async function run(args: string[], input = ''): Promise<{ code: number; out: string }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const code = await main(args, Readable.from([input]), out);
  return { code, out: Buffer.concat(chunks).toString('utf8') };
}

test('cli ask --json prints the public shape, best first, at most 5', async () => {
  const { code, out } = await run(['ask', 'who mediated the talks?', '--json']);
  assert.equal(code, 0);
  const r = JSON.parse(out) as { query: string; results: Record<string, unknown>[] };
  assert.equal(r.query, 'who mediated the talks?');
  assert.ok(r.results.length > 0 && r.results.length <= 5);
  for (const x of r.results) {
    assert.deepEqual(Object.keys(x), ['source', 'title', 'author', 'date', 'heading', 'text', 'highlight', 'score']);
    assert.ok(x['source'] === 'NEO' || x['source'] === 'RSIS');
    assert.ok(String(x['text']).includes(String(x['highlight'])));
  }
  const scores = r.results.map((x) => Number(x['score']));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
});

test('cli with no question reads one per line and answers each in order, one JSON object per line', async () => {
  const { out } = await run(['ask', '--json'], 'Who is Wendy Sherman?\n\nWhat is the capital of France?\nHow did the rial react?\n');
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { query: string; results: unknown[] });
  assert.deepEqual(lines.map((l) => l.query), ['Who is Wendy Sherman?', 'What is the capital of France?', 'How did the rial react?']);
  assert.equal(lines[1]?.results.length, 0);
  assert.ok((lines[2]?.results.length ?? 0) > 0);
});

test('cli quote and compare --json print their shapes', async () => {
  const q = JSON.parse((await run(['quote', 'Sherman', '--json'])).out) as { quotes: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(q.quotes[0] ?? {}), ['speaker', 'role', 'text', 'source', 'context']);
  assert.ok(q.quotes.every((x) => x['speaker'] === 'Wendy Sherman'));
  const c = JSON.parse((await run(['compare', 'the US envoy', '--json'])).out) as {
    sources: { source: string; passages: Record<string, unknown>[] }[];
    differences: unknown[];
  };
  assert.deepEqual(c.sources.map((s) => s.source), ['NEO', 'RSIS']);
  assert.deepEqual(Object.keys(c.sources[0]?.passages[0] ?? {}), ['text', 'highlight', 'heading', 'score']);
  assert.ok(c.differences.length > 0);
});

test('cli without --json prints a readable answer with its attribution; a bad command prints usage', async () => {
  const { out } = await run(['ask', 'How much did the stock exchange rise?']);
  assert.match(out, /\*\*[^*]*2\.16 per cent[^*]*\*\*/);
  assert.match(out, /RSIS: S\. Rajaratnam School of International Studies, NTU Singapore, Huzeir Ezekiel Dzulhisham, 2025-04-29/);
  assert.equal((await run(['frobnicate'])).code, 2);
});

test('the console answers piped lines with no prompt and ends with the input', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await runConsole(realEngine(), Readable.from(['/ask who mediated the talks?\n', 'Whitcoff\n', '/quote Sherman\n', '/compare next round\n', '/sources\n', '/help\n', '/nope\n']), out);
  const text = Buffer.concat(chunks).toString('utf8');
  assert.ok(!/^> /m.test(text), 'no prompt');
  assert.match(text, /mediated by the Sultanate of Oman/);
  assert.match(text, /Whitcoff/);
  assert.match(text, /"Whitcoff faces a formidable counterpart\." — Wendy Sherman/);
  assert.match(text, /== NEO: New Eastern Outlook/);
  assert.match(text, /\d+ passages, \d+ quotations/);
  assert.match(text, /\/compare <topic>/);
  assert.match(text, /Unknown command \/nope/);
});

test('the console stops quietly when its reader goes away (npm start | head)', async () => {
  let writes = 0;
  const out = new Writable({
    write(_chunk, _enc, done) {
      writes++;
      const err: NodeJS.ErrnoException = new Error('write EPIPE');
      err.code = 'EPIPE';
      done(writes > 1 ? err : null);
    },
  });
  await runConsole(realEngine(), Readable.from(['Whitcoff\n', 'Sherman\n', 'Araghchi\n', 'Tehran Times\n']), out);
  assert.ok(writes >= 2 && writes < 4, `${writes} writes`);
});

test('cli through a pipe read slowly: every question answered, one line each, in order, nothing lost at exit', async () => {
  const { spawn } = await import('node:child_process');
  const { loadQuestions } = await import('../eval/retrieval.ts');
  const questions = Array.from({ length: 10 }, () => loadQuestions().map((q) => q.q)).flat();
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), 'src/cli.ts', 'ask', '--json'], {
    cwd: new URL('../../', import.meta.url).pathname,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(`${questions.join('\n')}\n`);
  let out = '';
  // A slow reader: every chunk read is followed by a pause, so the child's writes back up.
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 2);
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  assert.equal(code, 0);
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, questions.length);
  assert.deepEqual(lines.map((l) => (JSON.parse(l) as { query: string }).query), questions.map((q) => q.trim()));
});

test('/help names the sources the corpus holds, not fixed ones', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { answerLine } = await import('../../src/console.ts');
  const { helpEmbed } = await import('../../src/discord/render.ts');
  const { DEFAULT_CORPUS_DIR } = await import('../../src/corpus/load.ts');
  const { builtEngine, GOOD_FRONT_MATTER, tempCorpus } = await import('../helpers/corpus.ts');
  const neo = readFileSync(join(DEFAULT_CORPUS_DIR, 'sources', 'neo.md'));
  const dir = tempCorpus({ 'neo.md': neo, 'test.md': `${GOOD_FRONT_MATTER}Oman hosted another round of talks in May.\n` });
  const engine = builtEngine(dir);
  const help = answerLine(engine, '/help') ?? '';
  assert.match(help, /how NEO and TEST cover a topic/);
  assert.doesNotMatch(help, /RSIS/);
  assert.match(helpEmbed([], ['NEO', 'TEST']).description ?? '', /2 articles .*\(NEO and TEST\)/);
});

test('a broken corpus file: the engine loader of the cli and npm start writes the one line check-corpus prints and gives no engine', async () => {
  const { GOOD_FRONT_MATTER, tempCorpus } = await import('../helpers/corpus.ts');
  const { loadEngineOrExplain } = await import('../../src/load-engine.ts');
  const dir = tempCorpus({ 'bad.md': GOOD_FRONT_MATTER.replace('author: Jane Doe\n', '') + 'Text.\n' });
  let said = '';
  const stderr = new Writable({ write: (chunk: Buffer, _enc, done) => ((said += chunk.toString()), done()) });
  assert.equal(loadEngineOrExplain(dir, stderr), undefined);
  assert.equal(said, `Corpus error in ${dir}: sources/bad.md: field "author" is missing from the front matter: add a line "author: …" above the closing ---\n`);
});
