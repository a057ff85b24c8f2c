/**
 * `node --import tsx src/build-cache.ts <corpus folder>`: builds the engine over a corpus and
 * writes its cache, then exits: 0 built, 1 a broken corpus file (check-corpus's one line on
 * standard error). The running bot starts it to rebuild beside the engine that keeps answering
 * (live-engine.ts), and then loads the cache this wrote.
 */
import { loadEngineOrExplain } from './load-engine.ts';

const corpusDir = process.argv[2];
if (!corpusDir) {
  process.stderr.write('usage: build-cache.ts <corpus folder>\n');
  process.exitCode = 2;
} else {
  process.exitCode = loadEngineOrExplain(corpusDir) ? 0 : 1;
}
