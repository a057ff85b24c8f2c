/**
 * Child process: adding one article to a running engine. Copies a corpus to a temporary folder,
 * loads it (from the cache, as a running bot has it), adds one article and times the live
 * engine's reload until the new engine answers from it: the rebuild in a child process (as
 * the bot does it) plus loading what it wrote.
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
  const live = new LiveEngine(engine, { corpusDir: dir, load: () => Engine.load({ corpusDir: dir }), prebuild: buildInChild, log: { info: () => {}, warn: () => {} } });
  writeFileSync(join(dir, 'sources', 'added.md'), ARTICLE);
  const t0 = performance.now();
  const swapped = await live.reload('bench');
  const reloadMs = performance.now() - t0;
  const answered = live.engine.ask('where was the fifth round held').answers.some((a) => a.passage.source === 'ADDED');
  sendResult({ passages: engine.index.size, reloadMs, swapped, answered });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
