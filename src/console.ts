/**
 * The local console: the bot's commands typed at a terminal (/ask, /quote, /compare, /sources,
 * /help; a line with no command is a question). Answers print as text. With input piped in it
 * prints no prompt and ends at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Engine } from './engine.ts';
import { askText, compareText, helpText, quoteText, sourcesText } from './render/text.ts';

const sourceIds = (engine: Engine): string[] => engine.sources().map((s) => s.meta.id);

/** Answers one console line; null for a blank line. */
export function answerLine(engine: Engine, line: string): string | null {
  const text = line.trim();
  if (text === '') return null;
  const m = /^\/(\w+)\s*(.*)$/s.exec(text);
  if (!m) return askText(engine.ask(text));
  const [, command = '', arg = ''] = m;
  switch (command.toLowerCase()) {
    case 'ask':
      return arg ? askText(engine.ask(arg)) : 'Usage: /ask <question>\n';
    case 'quote':
      return arg ? quoteText(engine.quote(arg)) : 'Usage: /quote <speaker or words>\n';
    case 'compare':
      return arg ? compareText(engine.compare(arg)) : 'Usage: /compare <topic>\n';
    case 'sources':
      return sourcesText(engine.sources());
    case 'help':
      return helpText(sourceIds(engine));
    default:
      return `Unknown command /${command}. ${helpText(sourceIds(engine))}`;
  }
}

/** Answers the lines of `input` on `output`; `engine` is read for each line (a reloaded corpus answers the next one). */
export async function runConsole(engine: Engine | (() => Engine), input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const current = typeof engine === 'function' ? engine : () => engine;
  const interactive = (input as NodeJS.ReadStream).isTTY === true && (output as NodeJS.WriteStream).isTTY === true;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  if (interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  // A reader that stops early (npm start | head) closes the pipe: stop answering, quietly.
  let closed = false;
  output.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
    rl.close();
  });
  for await (const line of rl) {
    if (closed) break;
    let answer: string | null;
    try {
      answer = answerLine(current(), line);
    } catch (err) {
      answer = `Sorry, that failed: ${err instanceof Error ? err.message : String(err)}\n`;
    }
    if (answer !== null) output.write(`${answer}\n`);
    if (interactive) rl.prompt();
  }
}
