/**
 * Child process: adding one article to a running engine. Copies a corpus to a temporary folder,
 * loads it (from the cache, as a running bot has it), adds one article and times how long the
 * engine takes to answer from it (Engine.withAddedSources, what the live engine swaps in first),
 * then the full rebuild that follows (in a child process, as the bot does it, plus loading it).
 *
 *   node --import tsx bench/reload.ts --corpus DIR
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine.ts';
import { buildInChild, LiveEngine } from '../src/live-engine.ts';
import { argValue, sendResult } from './child.ts';

const ARTICLE = `---
id: ADDED
publisher: Bench Wire
title: "One more article"
author: Bench Writer
date: 2025-05-20
---
The fifth round of indirect talks was held in Rome, with the Omani foreign minister again carrying messages between the rooms.

Both delegations described the discussions as useful and agreed to meet again after expert-level consultations.
`;

const source = argValue('corpus', '');
const dir = mkdtempSync(join(tmpdir(), 'bench-reload-'));
try {
  cpSync(source, dir, { recursive: true });
  const engine = Engine.load({ corpusDir: dir });
  writeFileSync(join(dir, 'sources', 'added.md'), ARTICLE);
  // What the live engine swaps in first, and what a reader waits for: the added article indexed.
  const start = performance.now();
  const added = engine.withAddedSources(dir);
  const reloadMs = performance.now() - start;
  const answered = added?.ask('where was the fifth round held').answers.some((a) => a.passage.source === 'ADDED') ?? false;
  // Then the full rebuild, as the bot runs it.
  const live = new LiveEngine(engine, { corpusDir: dir, load: () => Engine.load({ corpusDir: dir }), prebuild: buildInChild, log: { info: () => {}, warn: () => {} } });
  const t1 = performance.now();
  const swapped = await live.reload('bench');
  sendResult({ passages: engine.index.size, reloadMs, answered, fullRebuildMs: performance.now() - t1, swapped });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
