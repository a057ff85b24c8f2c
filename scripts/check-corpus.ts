/**
 * npm run check-corpus [-- --dir <corpusDir>]: validates the corpus without starting the bot.
 * The folder is --dir, else CORPUS_DIR, else corpus/ in the project.
 *
 * Loads every source (front matter, UTF-8, unique ids) and every table, cleans and chunks each
 * source, extracts its quotations and reads the word vectors; prints each source with its
 * passages and quotations, and warns of a file with more passages than one article makes. Exits 1
 * with the one line npm start prints (file, field, fix) on the first problem (a source left with
 * no passage after cleaning is one), 2 on a bad argument, 0 when all is well.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadCorpusDir } from '../src/config.ts';
import { oversizeWarnings } from '../src/corpus/limits.ts';
import { CorpusError, corpusErrorLine, loadCorpus } from '../src/corpus/load.ts';
import { buildDocuments } from '../src/corpus/pipeline.ts';
import { Analyzer } from '../src/search/analyzer.ts';
import { QuotationExtractor } from '../src/search/quotations.ts';
import { WordVectors } from '../src/search/vectors.ts';

const USAGE = 'usage: npm run check-corpus [-- --dir <corpusDir>]   (default: CORPUS_DIR, else corpus/)';

export interface SourceReport {
  readonly id: string;
  readonly file: string;
  readonly passages: number;
  readonly quotations: number;
}

export interface CorpusReport {
  readonly sources: SourceReport[];
  /** Files that make more passages than one article (see limits.ts). */
  readonly warnings: string[];
}

/** Checks the corpus in `dir`; throws a CorpusError naming the file and the reason. */
export function checkCorpus(dir: string): CorpusReport {
  const corpus = loadCorpus(dir);
  const documents = buildDocuments(corpus.sources, corpus.tables);
  const extractor = new QuotationExtractor(new Analyzer(corpus.tables));
  const reports = documents.map((d, k) => {
    const file = corpus.sources[k]?.file ?? d.file;
    if (d.passages.length === 0) throw new CorpusError(file, 'has no text left once cleaned (only site furniture, title and byline?): paste the article body');
    return { id: d.meta.id, file, passages: d.passages.length, quotations: extractor.extract(d).length };
  });
  WordVectors.readTable(dir);
  return { sources: reports, warnings: oversizeWarnings(documents) };
}

/** The --dir given, if any. */
function parseArgs(argv: readonly string[]): string | undefined {
  let dir: string | undefined;
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
    dir = parseArgs(process.argv.slice(2)) ?? loadCorpusDir();
  } catch (err) {
    if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
    else console.error(`check-corpus: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  try {
    const { sources: reports, warnings } = checkCorpus(dir);
    const width = Math.max(...reports.map((r) => r.id.length));
    console.log(`Corpus ${dir}`);
    for (const r of reports) console.log(`  ${r.id.padEnd(width)}  ${r.file}: ${r.passages} passages, ${r.quotations} quotations`);
    const passages = reports.reduce((n, r) => n + r.passages, 0);
    const quotations = reports.reduce((n, r) => n + r.quotations, 0);
    console.log(`OK: ${reports.length} source${reports.length === 1 ? '' : 's'}, ${passages} passages, ${quotations} quotations.`);
    for (const w of warnings) console.error(`check-corpus: warning: ${w}`);
  } catch (err) {
    if (err instanceof CorpusError) console.error(corpusErrorLine(err, dir));
    else console.error(`check-corpus: unexpected error while checking ${dir}:\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
