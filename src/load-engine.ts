/**
 * The engine for a front end that a person started (npm start, npm run cli): a broken corpus file
 * is told in the one line check-corpus prints (the folder, the file, the field, the fix), with
 * no stack trace, and the caller exits 1.
 */
import { CorpusError, corpusErrorLine } from './corpus/load.ts';
import { Engine } from './engine.ts';

/** The engine over `corpusDir`, or undefined once a corpus error has been written to `stderr`. */
export function loadEngineOrExplain(corpusDir: string, stderr: NodeJS.WritableStream = process.stderr): Engine | undefined {
  try {
    return Engine.load({ corpusDir });
  } catch (err) {
    if (!(err instanceof CorpusError)) throw err;
    stderr.write(`${corpusErrorLine(err, corpusDir)}\n`);
    return undefined;
  }
}
