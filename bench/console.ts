/**
 * Process start to ready in console mode, and the console process's peak RSS.
 *
 * Spawns `node [the start script's node flags] --import tsx src/index.ts` as `npm start` runs
 * it (package.json's "start"; plain `node --import tsx src/index.ts` if that is not a node
 * command line), without DISCORD_TOKEN, from an empty temporary folder (so no .env is read),
 * stdin a pipe. It writes
 * "/help" at once: the console answers it without touching the engine, so the time to that
 * first output is start → ready (node and tsx booted, modules imported, Engine.load done — from
 * the project's .cache/ when it is current — console listening). Then it pipes one question and
 * times its answer, reads VmHWM (peak RSS) from /proc/<pid>/status, and closes stdin.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { procMemory, ROOT } from './child.ts';

export interface ConsoleRun {
  readonly readyMs: number;
  readonly firstAnswerMs: number;
  readonly peakRssMB: number;
  readonly rssMB: number;
}

const TSX = import.meta.resolve('tsx');
export const CONSOLE_QUESTION = 'Who mediated the talks?';

/** Node's flags from `npm start` ("node --max-semi-space-size=2 --import tsx src/index.ts" → ["--max-semi-space-size=2"]). */
export function startFlags(): string[] {
  try {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    const m = /^node\s+(.*?)\s*src\/index\.ts\s*$/.exec(pkg.scripts?.['start'] ?? '');
    if (!m) return [];
    const words = (m[1] ?? '').split(/\s+/).filter((w) => w.length > 0);
    return words.filter((w, i) => w !== '--import' && w !== '--import=tsx' && !(words[i - 1] === '--import' && w === 'tsx'));
  } catch {
    return [];
  }
}

/** The command line measured, for the report. */
export function consoleCommand(): string {
  return ['node', ...startFlags(), '--import tsx src/index.ts'].join(' ');
}

export function consoleRun(timeoutMs = 60_000): Promise<ConsoleRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-console-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('DISCORD_')) delete env[k];
  const started = performance.now();
  const child = spawn(process.execPath, [...startFlags(), '--import', TSX, join(ROOT, 'src/index.ts')], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.write('/help\n');
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));

  return new Promise<ConsoleRun>((resolve, reject) => {
    let readyAt: number | undefined;
    let askedAt: number | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`console gave no ${readyAt === undefined ? 'help' : 'answer'} within ${timeoutMs / 1000} s: ${stderr.slice(-300)}`));
    }, timeoutMs);
    child.stdout.on('data', () => {
      const now = performance.now();
      if (readyAt === undefined) {
        readyAt = now;
        // Let the rest of the help text arrive, then ask.
        setTimeout(() => {
          askedAt = performance.now();
          child.stdin.write(`${CONSOLE_QUESTION}\n`);
        }, 50);
        return;
      }
      if (askedAt === undefined || askedAt === -1) return;
      const answeredAt = now;
      const firstAnswerMs = answeredAt - askedAt;
      askedAt = -1;
      const mem = child.pid !== undefined ? procMemory(child.pid) : { hwmMB: NaN, rssMB: NaN };
      child.stdin.end();
      child.once('close', () => {
        clearTimeout(timer);
        rmSync(cwd, { recursive: true, force: true });
        resolve({ readyMs: (readyAt ?? NaN) - started, firstAnswerMs, peakRssMB: mem.hwmMB, rssMB: mem.rssMB });
      });
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      if (askedAt !== -1) {
        clearTimeout(timer);
        reject(new Error(`console exited (${code}) before answering: ${stderr.slice(-300)}`));
      }
    });
  });
}
