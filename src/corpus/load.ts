/**
 * Loading the corpus folder: one Markdown file per source (front matter + body as pasted) in
 * <dir>/sources/, and the data tables the cleaner and the analyzer use. The tables are part of
 * the code (corpus/tables/ in the project); a table of the same name in <dir>/tables/ replaces
 * the code's one, so an archive kept elsewhere (CORPUS_DIR) needs only its sources/.
 *
 * Every problem is reported as a {@link CorpusError} naming the file, the field and what is wrong.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));
/** The tables that come with the code, used for any table a corpus folder does not hold. */
export const CODE_TABLES_DIR = join(DEFAULT_CORPUS_DIR, 'tables');

export class CorpusError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly field?: string,
  ) {
    super(field ? `${file}: field "${field}" ${problem}` : `${file}: ${problem}`);
    this.name = 'CorpusError';
  }
}

/**
 * The one line that npm start and npm run check-corpus print for a CorpusError: the corpus
 * folder (relative when under the working folder), then the file, the field and the fix.
 */
export function corpusErrorLine(err: CorpusError, dir: string): string {
  const rel = relative(process.cwd(), dir);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
  return `Corpus error in ${shown.replace(/\/+$/, '')}: ${err.message}`;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'is not a real calendar date');

export const SourceMetaSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9_-]{1,15}$/, 'must be 2–16 capital letters, digits, - or _ (for example WIRE)'),
  publisher: z.string().min(1, 'must not be empty'),
  title: z.string().min(1, 'must not be empty'),
  author: z.string().min(1, 'must not be empty'),
  date: isoDate,
  url: z.url('must be a URL').optional(),
  /** The source's colour in Discord (its embeds' side bar); without one, a colour is chosen from its id. */
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb (for example #1f618d)').optional(),
});
export type SourceMeta = z.infer<typeof SourceMetaSchema>;

export interface SourceFile {
  /** Path relative to the corpus folder, for messages. */
  readonly file: string;
  readonly meta: SourceMeta;
  /** The body exactly as pasted. */
  readonly body: string;
}

const FurnitureSchema = z.object({
  dropLines: z.array(z.string()),
  headerLines: z.array(z.string()),
  dropFromLine: z.array(z.string()),
});
export const NAME_KINDS = ['person', 'place', 'org', 'media', 'term'] as const;
export type NameKind = (typeof NAME_KINDS)[number];
const AliasSchema = z.object({
  groups: z.array(z.object({ kind: z.enum(NAME_KINDS), names: z.array(z.string().min(1)).min(2) })),
});
const ConfusablesSchema = z.object({ map: z.record(z.string().length(1), z.string()) });
const WordListSchema = z.object({ words: z.array(z.string().min(1)) });
const FormsSchema = z.object({ forms: z.record(z.string().min(1), z.string().min(1)) });
const NamesSchema = z.object({ names: z.array(z.string().min(1)) });
const LanguagesSchema = z.object({ languages: z.record(z.string().min(1), z.array(z.string().min(1))) });
const RelatedSchema = z.object({
  groups: z.array(z.object({ strength: z.number().gt(0).max(1), words: z.array(z.string().min(1)).min(2) })),
});

export interface Furniture {
  readonly dropLines: readonly RegExp[];
  readonly headerLines: readonly RegExp[];
  readonly dropFromLine: readonly RegExp[];
}

export interface CorpusTables {
  readonly confusables: ReadonlyMap<string, string>;
  readonly furniture: Furniture;
  readonly abbreviations: ReadonlySet<string>;
  /** Groups of equivalent names or spellings; the first name of each group is the canonical one. */
  readonly aliasGroups: readonly { readonly kind: NameKind; readonly names: readonly string[] }[];
  readonly stopwords: ReadonlySet<string>;
  /** Irregular forms and their base form (wrote → write). */
  readonly irregular: ReadonlyMap<string, string>;
  /** Chat forms of words and the word meant (ppl → people). */
  readonly chat: ReadonlyMap<string, string>;
  /** Near-synonyms of the domain (round ~ talks), each group at a strength. */
  readonly related: readonly { readonly strength: number; readonly words: readonly string[] }[];
  /** Names English knows first as names (China, Putin), lower case: a question about one the sources never use is told so. */
  readonly names: ReadonlySet<string>;
  /** Function words of other languages, by language: a question in one is told the sources are English. */
  readonly languages: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface LoadedCorpus {
  readonly dir: string;
  readonly sources: readonly SourceFile[];
  readonly tables: CorpusTables;
  /** The raw bytes of every file read, by relative path: what a cache key is made of. */
  readonly files: ReadonlyMap<string, string>;
}

function readUtf8(path: string, name: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new CorpusError(name, `cannot be read (${code})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CorpusError(name, 'is not valid UTF-8 text; save it as UTF-8');
  }
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}

/** Splits `---` front matter (flat `key: value` lines) from the body. */
export function parseFrontMatter(text: string, name: string): { data: Record<string, string>; body: string } {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') throw new CorpusError(name, 'must start with a front matter block opened by a "---" line');
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new CorpusError(name, 'front matter is not closed by a "---" line');
  const data: Record<string, string> = {};
  for (const [i, line] of lines.slice(1, end).entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m || m[1] === undefined || m[2] === undefined) {
      throw new CorpusError(name, `front matter line ${i + 2} is not "key: value": ${JSON.stringify(line.slice(0, 60))}`);
    }
    if (m[1] in data) throw new CorpusError(name, 'is given twice in the front matter', m[1]);
    data[m[1]] = unquote(m[2]);
  }
  return { data, body: lines.slice(end + 1).join('\n') };
}

/** Parses one source file's text; `name` is used in error messages. */
export function parseSource(text: string, name: string): SourceFile {
  const { data, body } = parseFrontMatter(text, name);
  const parsed = SourceMetaSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    const missing = field !== undefined && !(field in data);
    throw new CorpusError(name, missing ? `is missing from the front matter: add a line "${field}: …" above the closing ---` : (issue?.message ?? 'is invalid'), field);
  }
  if (body.trim() === '') throw new CorpusError(name, 'has an empty body: paste the article below the front matter');
  return { file: name, meta: parsed.data, body };
}

/**
 * Where table `file` is read from: <dir>/tables/<file> when the corpus folder holds it, else the
 * code's (`fallback`). `name` is what messages call it.
 */
export function tablePath(dir: string, file: string, fallback: string = CODE_TABLES_DIR): { path: string; name: string } {
  const own = join(dir, 'tables', file);
  if (existsSync(own) || resolve(fallback) === resolve(dir, 'tables')) return { path: own, name: join('tables', file) };
  return { path: join(fallback, file), name: join(fallback, file) };
}

function readTable<T>(dir: string, file: string, schema: z.ZodType<T>, files: Map<string, string>, fallback: string): T {
  const { path, name } = tablePath(dir, file, fallback);
  const text = readUtf8(path, name);
  files.set(join('tables', file), text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CorpusError(name, `is not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorpusError(name, issue?.message ?? 'is invalid', issue?.path.join('.'));
  }
  return parsed.data;
}

function compile(patterns: readonly string[], name: string): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, 'iu');
    } catch (err) {
      throw new CorpusError(name, `has a bad pattern ${JSON.stringify(p)}: ${(err as Error).message}`);
    }
  });
}

/** The tables for the corpus in `dir` (each from <dir>/tables/ when there, else from `fallback`). */
export function loadTables(dir: string, files: Map<string, string> = new Map(), fallback: string = CODE_TABLES_DIR): CorpusTables {
  const read = <T>(file: string, schema: z.ZodType<T>): T => readTable(dir, file, schema, files, fallback);
  const furniture = read('furniture.json', FurnitureSchema);
  const furnitureName = tablePath(dir, 'furniture.json', fallback).name;
  return {
    confusables: new Map(Object.entries(read('confusables.json', ConfusablesSchema).map)),
    furniture: {
      dropLines: compile(furniture.dropLines, furnitureName),
      headerLines: compile(furniture.headerLines, furnitureName),
      dropFromLine: compile(furniture.dropFromLine, furnitureName),
    },
    abbreviations: new Set(read('abbreviations.json', WordListSchema).words.map((w) => w.toLowerCase())),
    aliasGroups: read('aliases.json', AliasSchema).groups,
    stopwords: new Set(read('stopwords.json', WordListSchema).words.map((w) => w.toLowerCase())),
    irregular: new Map(Object.entries(read('irregular.json', FormsSchema).forms)),
    chat: new Map(Object.entries(read('chat.json', FormsSchema).forms)),
    related: read('related.json', RelatedSchema).groups,
    names: new Set(read('names.json', NamesSchema).names),
    languages: new Map(Object.entries(read('languages.json', LanguagesSchema).languages).map(([l, w]) => [l, new Set(w)] as const)),
  };
}

/** The time a file was last changed, 0 when it cannot be read. */
function changed(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The error for two files with one id. The offender is the file changed last (the one just
 * added, whatever its name sorts as); the message names both.
 */
function duplicateId(id: string, sourceDir: string, first: string, second: string): CorpusError {
  const [older, newer] = changed(join(sourceDir, first)) > changed(join(sourceDir, second)) ? [second, first] : [first, second];
  const [oldName, newName] = [join('sources', older), join('sources', newer)];
  return new CorpusError(newName, `duplicates the id ${id} of ${oldName}: give ${newName} an id of its own`, 'id');
}

/** Reads every `*.md` in `<dir>/sources`, and the tables (see {@link loadTables}). */
export function loadCorpus(dir: string = DEFAULT_CORPUS_DIR): LoadedCorpus {
  const files = new Map<string, string>();
  const sourceDir = join(dir, 'sources');
  let names: string[];
  try {
    names = readdirSync(sourceDir).filter((n) => n.endsWith('.md')).sort();
  } catch {
    throw new CorpusError(relative(process.cwd(), sourceDir) || sourceDir, 'cannot be read: is this the corpus folder?');
  }
  if (names.length === 0) throw new CorpusError(join('sources'), 'holds no .md source files');
  const sources: SourceFile[] = [];
  const seen = new Map<string, string>();
  for (const n of names) {
    const name = join('sources', n);
    const text = readUtf8(join(sourceDir, n), name);
    files.set(name, text);
    const source = parseSource(text, name);
    const other = seen.get(source.meta.id);
    if (other !== undefined) throw duplicateId(source.meta.id, sourceDir, other, n);
    seen.set(source.meta.id, n);
    sources.push(source);
  }
  return { dir, sources, tables: loadTables(dir, files), files };
}
