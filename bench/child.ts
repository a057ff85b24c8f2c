/**
 * Running one measurement in a child process, and the child's side of the protocol.
 *
 * The child prints `@@phase <text>` lines as it goes and one `@@result <json>` line at the end.
 * The parent kills it after a timeout, caps its heap (--max-old-space-size), polls its RSS from
 * /proc while it runs, and turns a timeout, an out-of-memory crash or any other exit into a
 * "failed: reason" that names the phase it was in and the memory it held.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSX = import.meta.resolve('tsx');

export type ChildOutcome<T> =
  | { readonly ok: true; readonly result: T; readonly ms: number; readonly peakRssMB: number }
  | { readonly ok: false; readonly reason: string; readonly ms: number; readonly peakRssMB: number; readonly phase: string };

export interface ChildOptions {
  readonly timeoutMs: number;
  /** --max-old-space-size, in MB. */
  readonly heapMB?: number;
  readonly exposeGc?: boolean;
  readonly extraNodeArgs?: readonly string[];
  /** Called with each phase the child reports. */
  readonly onPhase?: (phase: string) => void;
}

/** VmHWM (peak RSS) and VmRSS of a live process, in MB; NaN where /proc is not there. */
export function procMemory(pid: number): { hwmMB: number; rssMB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwmMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
  } catch {
    return { hwmMB: NaN, rssMB: NaN };
  }
}

/** The heap V8 reported last before running out of memory ("Mark-Compact 3950.1 (4100.2) -> ..."). */
function heapAtOom(stderr: string): string | null {
  const gcLines = [...stderr.matchAll(/(?:Mark-Compact|Scavenge|Mark-sweep)[^\n]*?(\d+(?:\.\d+)?) \((\d+(?:\.\d+)?)\) ->/g)];
  const last = gcLines[gcLines.length - 1];
  return last ? `${Math.round(Number(last[1]))} MB heap` : null;
}

export function runChild<T>(file: string, args: readonly string[], opts: ChildOptions): Promise<ChildOutcome<T>> {
  const nodeArgs = [
    ...(opts.heapMB ? [`--max-old-space-size=${opts.heapMB}`] : []),
    ...(opts.exposeGc ? ['--expose-gc'] : []),
    ...(opts.extraNodeArgs ?? []),
    '--import',
    TSX,
    fileURLToPath(new URL(file, import.meta.url)),
    ...args,
  ];
  const started = performance.now();
  const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let stdoutBuf = '';
  let stderr = '';
  let phase = 'starting';
  let result: T | undefined;
  let peakRssMB = 0;
  let lastRssMB = 0;
  let timedOut = false;

  child.stdout.on('data', (d: Buffer) => {
    stdoutBuf += d.toString();
    let nl: number;
    while ((nl = stdoutBuf.indexOf('\n')) >= 0) {
      const line = stdoutBuf.slice(0, nl);
      stdoutBuf = stdoutBuf.slice(nl + 1);
      if (line.startsWith('@@phase ')) {
        phase = line.slice(8);
        opts.onPhase?.(phase);
      } else if (line.startsWith('@@result ')) {
        result = JSON.parse(line.slice(9)) as T;
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const poll = setInterval(() => {
    if (child.pid === undefined) return;
    const m = procMemory(child.pid);
    if (Number.isFinite(m.hwmMB)) peakRssMB = Math.max(peakRssMB, m.hwmMB);
    if (Number.isFinite(m.rssMB)) lastRssMB = m.rssMB;
  }, 250);
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs);

  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (result !== undefined && code === 0) {
        resolve({ ok: true, result, ms, peakRssMB });
        return;
      }
      const mem = `RSS ${Math.round(lastRssMB)} MB, peak ${Math.round(peakRssMB)} MB`;
      let reason: string;
      if (timedOut) reason = `timeout after ${Math.round(opts.timeoutMs / 1000)} s during "${phase}" (${mem})`;
      else if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) {
        const heap = heapAtOom(stderr);
        reason = `out of memory (heap cap ${opts.heapMB ?? 'default'} MB) after ${Math.round(ms / 1000)} s during "${phase}"${heap ? `, ${heap} at failure` : ''} (${mem})`;
      } else {
        const tail = stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300);
        reason = `exit ${code ?? signal} during "${phase}" after ${Math.round(ms / 1000)} s${tail ? `: ${tail}` : ''}`;
      }
      resolve({ ok: false, reason, ms, peakRssMB, phase });
    });
  });
}

/** Child side: report the phase. */
export function phase(text: string): void {
  process.stdout.write(`@@phase ${text}\n`);
}

/** Child side: hand the result back. */
export function sendResult(value: unknown): void {
  process.stdout.write(`@@result ${JSON.stringify(value)}\n`);
}

/** Child side: `--name value` from argv. */
export function argValue(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`missing --${name}`);
    return fallback;
  }
  return v;
}
