/**
 * npm run check-corpus [-- --dir <corpusDir>]: validates the corpus without starting the bot.
 *
 * Loads every source (front matter, UTF-8, unique ids) and every table, cleans and chunks each
 * source, extracts its quotations and reads the word vectors; prints each source with its
 * passages and quotations. Exits 1 with the file and the reason on the first problem (a source
 * left with no passage after cleaning is one), 2 on a bad argument, 0 when all is well.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorpusError, DEFAULT_CORPUS_DIR, loadCorpus } from '../src/corpus/load.ts';
import { buildDocuments } from '../src/corpus/pipeline.ts';
import { Analyzer } from '../src/search/analyzer.ts';
import { QuotationExtractor } from '../src/search/quotations.ts';
import { WordVectors } from '../src/search/vectors.ts';

const USAGE = 'usage: npm run check-corpus [-- --dir <corpusDir>]   (default: corpus/)';

export interface SourceReport {
  readonly id: string;
  readonly file: string;
  readonly passages: number;
  readonly quotations: number;
}

/** Checks the corpus in `dir`; throws a CorpusError naming the file and the reason. */
export function checkCorpus(dir: string): SourceReport[] {
  const corpus = loadCorpus(dir);
  const documents = buildDocuments(corpus.sources, corpus.tables);
  const extractor = new QuotationExtractor(new Analyzer(corpus.tables));
  const reports = documents.map((d, k) => {
    const file = corpus.sources[k]?.file ?? d.file;
    if (d.passages.length === 0) throw new CorpusError(file, 'has no text left once cleaned (only site furniture, title and byline?): paste the article body');
    return { id: d.meta.id, file, passages: d.passages.length, quotations: extractor.extract(d).length };
  });
  const vectors = join('tables', 'word-vectors.bin');
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, vectors));
  } catch (err) {
    throw new CorpusError(vectors, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    WordVectors.fromBuffer(bytes, vectors);
  } catch (err) {
    throw new CorpusError(vectors, `is not a valid word-vector file (${err instanceof Error ? err.message : String(err)})`);
  }
  return reports;
}

function parseArgs(argv: readonly string[]): string {
  let dir = DEFAULT_CORPUS_DIR;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] ?? '';
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--dir') {
      const next = argv[++k];
      if (next === undefined || next === '') throw new UsageError('--dir needs a folder');
      dir = resolve(next);
    } else if (a.startsWith('--dir=')) {
      dir = resolve(a.slice('--dir='.length));
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(a)}`);
    }
  }
  return dir;
}

class UsageError extends Error {}

function main(): void {
  let dir: string;
  try {
    dir = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`check-corpus: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  try {
    const reports = checkCorpus(dir);
    const width = Math.max(...reports.map((r) => r.id.length));
    console.log(`Corpus ${dir}`);
    for (const r of reports) console.log(`  ${r.id.padEnd(width)}  ${r.file}: ${r.passages} passages, ${r.quotations} quotations`);
    const passages = reports.reduce((n, r) => n + r.passages, 0);
    const quotations = reports.reduce((n, r) => n + r.quotations, 0);
    console.log(`OK: ${reports.length} source${reports.length === 1 ? '' : 's'}, ${passages} passages, ${quotations} quotations.`);
  } catch (err) {
    if (err instanceof CorpusError) console.error(`check-corpus: ${err.message}`);
    else console.error(`check-corpus: unexpected error while checking ${dir}:\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
