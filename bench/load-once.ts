/**
 * Child process: one Engine.load in a fresh process. Reports when the process got here (node
 * and the tsx loader booted), how long importing the engine's modules took, and Engine.load.
 *
 *   node --import tsx bench/load-once.ts [--corpus DIR] [--cache DIR|off]
 */
const bootMs = performance.now();
const { argValue, sendResult } = await import('./child.ts');
const t0 = performance.now();
const { Engine } = await import('../src/engine.ts');
const importMs = performance.now() - t0;
const corpusDir = argValue('corpus', '') || undefined;
const cacheArg = argValue('cache', 'off');
const t1 = performance.now();
const engine = Engine.load({ ...(corpusDir ? { corpusDir } : {}), cache: cacheArg === 'off' ? false : cacheArg });
const loadMs = performance.now() - t1;
sendResult({ bootMs, importMs, loadMs, totalMs: performance.now(), cached: engine.cached, passages: engine.index.size, maxRssMB: process.resourceUsage().maxRSS / 1024 });
