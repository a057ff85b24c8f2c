/**
 * npm run report [-- <log file>...]: the questions readers asked that the sources did not
 * answer, and the answers they marked not helpful, most frequent first (src/report.ts). Reads
 * the files given, or LOG_FILE (from the environment or .env) when none is; rotated files can
 * be given together (bot.log bot.log.1 ...). The bot must log at info or debug for the events
 * to be there. Exits 1 when a file cannot be read, 2 when there is nothing to read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { buildReport, formatReport, type Report } from '../src/report.ts';

const USAGE = 'usage: npm run report [-- <log file>...]   (default: LOG_FILE from .env)';

function* linesOf(files: readonly string[]): Generator<string> {
  for (const file of files) yield* readFileSync(file, 'utf8').split('\n');
}

function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let files = [...argv];
  if (files.length === 0) {
    const logFile = loadConfig().logFile;
    if (!logFile) {
      console.error(`report: no log file given and LOG_FILE is not set.\n${USAGE}`);
      return 2;
    }
    files = [logFile];
  }
  let report: Report;
  try {
    report = buildReport(linesOf(files));
  } catch (err) {
    console.error(`report: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  console.log(formatReport(report, files.length));
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
