/**
 * The command line: `npm run --silent cli -- ask|quote|compare "<text>" [--json]`.
 * With no text, it reads one query per line on standard input and answers each in order
 * (one JSON object per line with --json).
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ConfigError, loadCorpusDir } from './config.ts';
import type { Engine } from './engine.ts';
import { loadEngineOrExplain } from './load-engine.ts';
import { askJson, compareJson, quoteJson } from './render/json.ts';
import { askText, compareText, quoteText } from './render/text.ts';

const COMMANDS = {
  ask: (e: Engine, q: string, json: boolean) => (json ? JSON.stringify(askJson(e.ask(q))) : askText(e.ask(q))),
  quote: (e: Engine, q: string, json: boolean) => (json ? JSON.stringify(quoteJson(e.quote(q))) : quoteText(e.quote(q))),
  compare: (e: Engine, q: string, json: boolean) => (json ? JSON.stringify(compareJson(e.compare(q))) : compareText(e.compare(q))),
} as const;
type Command = keyof typeof COMMANDS;

const USAGE = `usage: npm run --silent cli -- <ask|quote|compare> ["<text>"] [--json]
  With no text, reads one query per line from standard input.`;

export async function main(argv: readonly string[], stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const [command, ...rest] = args;
  if (!command || !(command in COMMANDS)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const run = COMMANDS[command as Command];
  const engine = loadEngineOrExplain(loadCorpusDir());
  if (!engine) return 1;
  // A reader slower than the answers (a pipe to another program) holds the writes back: wait
  // for it rather than pile them up.
  const answer = async (q: string): Promise<void> => {
    if (!stdout.write(`${run(engine, q, json)}\n`)) await once(stdout, 'drain');
  };
  if (rest.length > 0) {
    await answer(rest.join(' '));
    return 0;
  }
  for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
    if (line.trim() !== '') await answer(line);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // exitCode, not process.exit(): exit() would drop what a pipe has not yet taken of stdout.
  main(process.argv.slice(2), process.stdin, process.stdout).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof ConfigError ? `Configuration error: ${err.message}` : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
