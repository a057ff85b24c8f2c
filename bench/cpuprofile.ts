/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) by function: self time and total time (the
 * time with the function anywhere on the stack, counted once however deep it recurses).
 *
 *   npx tsx bench/cpuprofile.ts FILE.cpuprofile [more files] [--top 25] [--filter src/]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface FunctionTime {
  readonly fn: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

const ROOT_URL = new URL('../', import.meta.url).href;

function keyOf(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  let where = f.url.startsWith(ROOT_URL) ? f.url.slice(ROOT_URL.length) : f.url;
  where = where.replace(/^.*node_modules\//, '').replace(/^node:/, 'node:');
  return `${name} ${where}:${f.lineNumber + 1}`;
}

export function summarizeProfile(profile: CpuProfile): { totalMs: number; functions: FunctionTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time between sample i−1 and sample i: it is charged to sample i.
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const subtree = new Map<number, number>();
  const sizeOf = (id: number): number => {
    const known = subtree.get(id);
    if (known !== undefined) return known;
    let sum = selfUs.get(id) ?? 0;
    for (const c of byId.get(id)?.children ?? []) sum += sizeOf(c);
    subtree.set(id, sum);
    return sum;
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const onPath = new Map<string, number>();
  const root = profile.nodes[0];
  if (!root) return { totalMs: 0, functions: [] };
  // Iterative walk: a key's total gets a subtree only where the key is not already on the path.
  const stack: { id: number; leaving: boolean }[] = [{ id: root.id, leaving: false }];
  while (stack.length > 0) {
    const { id, leaving } = stack.pop() as { id: number; leaving: boolean };
    const node = byId.get(id);
    if (!node) continue;
    const key = keyOf(node.callFrame);
    if (leaving) {
      onPath.set(key, (onPath.get(key) ?? 1) - 1);
      continue;
    }
    self.set(key, (self.get(key) ?? 0) + (selfUs.get(id) ?? 0));
    if ((onPath.get(key) ?? 0) === 0) total.set(key, (total.get(key) ?? 0) + sizeOf(id));
    onPath.set(key, (onPath.get(key) ?? 0) + 1);
    stack.push({ id, leaving: true });
    for (const c of node.children ?? []) stack.push({ id: c, leaving: false });
  }
  const functions = [...total.keys()].map((fn) => ({ fn, selfMs: (self.get(fn) ?? 0) / 1000, totalMs: (total.get(fn) ?? 0) / 1000 }));
  return { totalMs: sizeOf(root.id) / 1000, functions };
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const filterAt = args.indexOf('--filter');
  const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
  const values = new Set([topAt, filterAt].filter((i) => i >= 0).map((i) => i + 1));
  const files = args.filter((a, i) => !a.startsWith('--') && !values.has(i));
  if (files.length === 0) {
    process.stderr.write('usage: tsx bench/cpuprofile.ts FILE.cpuprofile [...] [--top 25] [--filter src/]\n');
    process.exit(2);
  }
  for (const file of files) {
    const { totalMs, functions } = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    const shown = filter ? functions.filter((f) => f.fn.includes(filter)) : functions;
    const line = (f: FunctionTime): string =>
      `${f.selfMs.toFixed(0).padStart(8)} ${((f.selfMs / totalMs) * 100).toFixed(1).padStart(5)}% ${f.totalMs.toFixed(0).padStart(8)} ${((f.totalMs / totalMs) * 100).toFixed(1).padStart(5)}%  ${f.fn}`;
    process.stdout.write(`\n${file.startsWith('file:') ? fileURLToPath(file) : file}: ${(totalMs / 1000).toFixed(1)} s sampled\n`);
    process.stdout.write(`\nBy self time:\n  self ms  self%  total ms total%  function\n`);
    for (const f of [...shown].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) process.stdout.write(`${line(f)}\n`);
    process.stdout.write(`\nBy total time:\n  self ms  self%  total ms total%  function\n`);
    for (const f of [...shown].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) process.stdout.write(`${line(f)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
