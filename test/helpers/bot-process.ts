/**
 * `npm start` (src/index.ts) as a child process logged into a fake Discord: every line it writes
 * is kept, its JSON log lines parsed. For the tests that need the real entry point — its process
 * handlers, its logger, its clean exit — rather than startBot in the test's own process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fake-discord/index.ts';
import { ROOT } from './spawn.ts';

export type LogLine = Record<string, unknown>;

export interface BotProcess {
  readonly fake: FakeDiscord;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Every line of standard error parsed as JSON (a line that is not JSON fails the parse: the logs are all JSON). */
  logLines(): LogLine[];
  /** Resolves once a log line matching pred was written. */
  waitForLog(pred: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then the exit code (or signal name); SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<number | string>;
  readonly exited: Promise<number | string>;
}

export interface BotProcessOptions {
  readonly token: string;
  readonly logLevel?: string;
  /** Modules the child imports before src/index.ts (node --import). */
  readonly preload?: readonly string[];
  readonly fake?: FakeDiscordOptions;
  /** A fake Discord already running (several bot processes on one Discord); not closed by stop(). Default: a new one. */
  readonly discord?: FakeDiscord;
  readonly env?: Record<string, string>;
}

/** Parses every non-empty line of `text` as JSON; throws naming the first line that is not. */
export function parseLogLines(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        const v: unknown = JSON.parse(l);
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
        return v as LogLine;
      } catch {
        throw new Error(`a log line that is not a JSON object: ${JSON.stringify(l.slice(0, 300))}`);
      }
    });
}

/** Starts a fake Discord and the bot against it; resolves once the bot logged "logged in as". */
export async function startBotProcess(opts: BotProcessOptions): Promise<BotProcess> {
  const fake = opts.discord ?? (await startFakeDiscord({ token: opts.token, ...opts.fake }));
  const closeFake = async (): Promise<void> => {
    if (!opts.discord) await fake.close();
  };
  const cwd = mkdtempSync(join(tmpdir(), 'bot-process-'));
  const preload = (opts.preload ?? []).flatMap((p) => ['--import', p]);
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), ...preload, join(ROOT, 'src/index.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: opts.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: opts.logLevel ?? 'debug',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const complete = (): LogLine[] => parseLogLines(err.slice(0, err.lastIndexOf('\n') + 1));

  const proc: BotProcess = {
    fake,
    child,
    stdout: () => out,
    stderr: () => err,
    logLines: complete,
    waitForLog(pred, timeoutMs = 20_000) {
      return new Promise<LogLine>((resolve, reject) => {
        const check = (): void => {
          let found: LogLine | undefined;
          try {
            found = complete().find(pred);
          } catch (e) {
            done();
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          if (found) {
            done();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr:\n${err.slice(-3000)}`));
        }, timeoutMs);
        const onExit = (): void => {
          done();
          reject(new Error(`the bot exited before the log line; stderr:\n${err.slice(-3000)}`));
        };
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        waiters.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      await closeFake();
      return code;
    },
    exited,
  };
  try {
    await proc.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('logged in as'), 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    await closeFake();
    throw e;
  }
  return proc;
}
