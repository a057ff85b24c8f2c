import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.ts';
import { LiveEngine } from '../../src/live-engine.ts';
import { builtEngine, GOOD_FRONT_MATTER, realEngine, tempCorpus } from '../helpers/corpus.ts';

const THIRD = GOOD_FRONT_MATTER.replace('id: TEST', 'id: THIRD') + 'The fifth round of talks was held in Rome, where the Omani minister carried the notes.\n';

test('an article added while running is answered from once it settles; a broken file keeps the old engine and the log says which file and why', { timeout: 60_000 }, async () => {
  const real = (f: string): string => readFileSync(join(DEFAULT_CORPUS_DIR, 'sources', f), 'utf8');
  const dir = tempCorpus({ 'neo.md': real('neo.md'), 'rsis.md': real('rsis.md') });
  const lines: string[] = [];
  const log = { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) };
  const live = new LiveEngine(realEngine(), { corpusDir: dir, load: () => builtEngine(dir), addOnly: (e) => e.withAddedSources(dir), log, settleMs: 50 });
  const stop = live.watch();
  try {
    const before = live.engine;
    const swapped = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (live.engine !== before) resolve(clearInterval(timer));
      }, 20);
    });
    writeFileSync(join(dir, 'sources', 'third.md'), THIRD);
    await swapped;
    assert.deepEqual(live.engine.sources().map((s) => s.meta.id), ['NEO', 'RSIS', 'THIRD']);
    assert.ok(lines.some((l) => l.includes('now answering from NEO, RSIS, THIRD (the added articles indexed')), 'answered from the added article before the full rebuild');
    assert.equal(live.engine.ask('where was the fifth round held').answers[0]?.passage.source, 'THIRD');
    // A question begun on the engine before the swap finishes there.
    assert.deepEqual(before.sources().map((s) => s.meta.id), ['NEO', 'RSIS']);

    stop();
    const answering = live.engine;
    writeFileSync(join(dir, 'sources', 'broken.md'), GOOD_FRONT_MATTER.replace('id: TEST', 'id: BROKEN').replace('2025-04-20', '20 April'));
    assert.equal(await live.reload('test'), false);
    assert.equal(live.engine, answering, 'the old engine still answers');
    assert.ok(lines.some((l) => l.startsWith('warn') && l.includes('broken.md') && l.includes('date')), lines.join('\n'));
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reload asked for while one runs runs once after it, not at the same time', async () => {
  let loads = 0;
  let running = 0;
  let most = 0;
  const live = new LiveEngine(realEngine(), {
    corpusDir: DEFAULT_CORPUS_DIR,
    load: () => {
      loads++;
      return realEngine();
    },
    prebuild: async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      return null;
    },
    log: { info: () => {}, warn: () => {} },
  });
  await Promise.all([live.reload('one'), live.reload('two'), live.reload('three')]);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(most, 1, 'never two builds at once');
  assert.equal(loads, 2, 'the first, and one more for the reloads asked for meanwhile');
});

test('an engine with added articles analyzes only them, answers from them, and leaves the engine it came from as it was; anything else changed is no addition', () => {
  const real = (f: string): string => readFileSync(join(DEFAULT_CORPUS_DIR, 'sources', f), 'utf8');
  const dir = tempCorpus({ 'neo.md': real('neo.md'), 'rsis.md': real('rsis.md'), 'third.md': THIRD });
  try {
    const base = realEngine();
    const added = base.withAddedSources(dir) ?? assert.fail('the added article');
    assert.equal(added.index.size, base.index.size + 1);
    assert.equal(added.ask('where was the fifth round held').answers[0]?.passage.source, 'THIRD');
    assert.deepEqual(base.sources().map((s) => s.meta.id), ['NEO', 'RSIS'], 'the engine it came from is unchanged');
    assert.ok(base.ask('where was the fifth round held').answers.every((a) => a.passage.source !== 'THIRD'));
    assert.deepEqual(added.quote('Araghchi').quotes.map((q) => q.quotation.id), base.quote('Araghchi').quotes.map((q) => q.quotation.id));
    writeFileSync(join(dir, 'sources', 'rsis.md'), real('rsis.md').replace('May 3', 'May 4'));
    assert.equal(base.withAddedSources(dir), undefined, 'a changed article is no addition');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
