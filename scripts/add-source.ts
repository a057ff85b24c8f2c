/**
 * npm run add-source -- <pasted.txt> [--id ID] [--publisher …] [--title …] [--author …]
 *   [--date YYYY-MM-DD] [--url …] [--dir <corpusDir>] [--force] [--dry-run]
 *
 * Turns a page as pasted from the web (menus, share buttons, related links, its text twice and
 * all) into a corpus file: the front matter, then the paste unchanged, as the loader expects.
 * Title, author, date and publisher are taken from the paste where it tells them (paste.ts);
 * flags override; the id defaults to the publisher's initials. Before writing, it prints what
 * the cleaner will keep (headings, passages, quotations with their speakers) and drop (site
 * furniture, title and byline, the page's end, repeated text), through the very code that
 * loads the corpus. It refuses an id another file holds, naming both files, and never
 * overwrites a file without --force. The folder is --dir, else CORPUS_DIR, else corpus/.
 *
 * Exit 0 when written (or shown, with --dry-run), 1 when refused, 2 on a bad argument.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadCorpusDir } from '../src/config.ts';
import { chunkDocument, type Document } from '../src/corpus/chunk.ts';
import { cleanSource, type Dropped, type DropReason } from '../src/corpus/clean.ts';
import { oversizeWarnings } from '../src/corpus/limits.ts';
import { CorpusError, loadTables, parseFrontMatter, parseSource, SourceMetaSchema, type SourceMeta } from '../src/corpus/load.ts';
import { findMeta, frontMatter, idFromPublisher } from '../src/corpus/paste.ts';
import { sentenceRules } from '../src/corpus/pipeline.ts';
import { Analyzer } from '../src/search/analyzer.ts';
import { QuotationExtractor } from '../src/search/quotations.ts';
import type { Quotation } from '../src/search/types.ts';

const USAGE = `usage: npm run add-source -- <pasted.txt> [--id ID] [--publisher "…"] [--title "…"] [--author "…"]
         [--date YYYY-MM-DD] [--url URL] [--dir <corpusDir>] [--force] [--dry-run]`;

const FIELDS = ['id', 'publisher', 'title', 'author', 'date', 'url'] as const;
type Field = (typeof FIELDS)[number];

export interface AddOptions {
  /** Front matter given as flags; they override what the paste tells. */
  readonly given: Partial<Record<Field, string>>;
  /** The corpus folder (its sources/ receives the file). */
  readonly dir: string;
  readonly force?: boolean;
}

/** What add-source would write, and what the cleaner makes of it. */
export interface Plan {
  readonly meta: SourceMeta;
  /** Where each field came from. */
  readonly origin: Readonly<Record<Field, 'flag' | 'paste' | 'publisher' | 'none'>>;
  /** `sources/<id>.md`, and its full path. */
  readonly name: string;
  readonly path: string;
  /** The file's text: front matter, then the paste as it is. */
  readonly text: string;
  readonly document: Document;
  readonly dropped: readonly Dropped[];
  readonly quotations: readonly Quotation[];
  readonly warnings: readonly string[];
}

/** A refusal: one line saying what is wrong and what to do. */
export class AddSourceError extends Error {}

/** Each source file's id, by name (`sources/x.md`); files without a readable id are skipped. */
function idsInCorpus(dir: string): Map<string, string> {
  const sourceDir = join(dir, 'sources');
  const ids = new Map<string, string>();
  const names = existsSync(sourceDir) ? readdirSync(sourceDir).filter((n) => n.endsWith('.md')) : [];
  for (const n of names.sort()) {
    try {
      const id = parseFrontMatter(readFileSync(join(sourceDir, n), 'utf8'), n).data.id;
      if (id !== undefined) ids.set(join('sources', n), id);
    } catch {
      // A broken file is check-corpus's to report; it holds no id to compare.
    }
  }
  return ids;
}

/** Works out the file for `paste` and what cleaning keeps and drops; throws an AddSourceError to refuse. */
export function planSource(paste: string, options: AddOptions): Plan {
  const tables = loadTables(options.dir);
  const found = findMeta(paste, tables);
  const origin: Record<Field, 'flag' | 'paste' | 'publisher' | 'none'> = { id: 'none', publisher: 'none', title: 'none', author: 'none', date: 'none', url: 'none' };
  const values: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) {
    const given = options.given[f];
    const fromPaste = f === 'id' || f === 'url' ? undefined : found[f];
    if (given !== undefined) [values[f], origin[f]] = [given, 'flag'];
    else if (fromPaste !== undefined) [values[f], origin[f]] = [fromPaste, 'paste'];
  }
  if (values.id === undefined && values.publisher !== undefined) [values.id, origin.id] = [idFromPublisher(values.publisher), 'publisher'];
  const missing = FIELDS.filter((f) => f !== 'url' && values[f] === undefined);
  if (missing.length > 0) {
    throw new AddSourceError(`the paste does not tell the ${missing.join(', ')}: give ${missing.map((f) => `--${f} ${f === 'date' ? 'YYYY-MM-DD' : f === 'id' ? 'ID' : '"…"'}`).join(' ')}`);
  }
  const parsed = SourceMetaSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'id');
    const from = origin[field as Field] === 'flag' ? `--${field}` : `the ${field} ${origin[field as Field] === 'publisher' ? 'made from the publisher' : 'found in the paste'}`;
    throw new AddSourceError(`${from} ${JSON.stringify(values[field as Field])} ${issue?.message ?? 'is invalid'}: give --${field}`);
  }
  const meta = parsed.data;
  const name = join('sources', `${meta.id.toLowerCase()}.md`);
  const path = join(options.dir, name);
  for (const [other, id] of idsInCorpus(options.dir)) {
    if (id === meta.id && other !== name) throw new AddSourceError(`the id ${meta.id} is taken by ${other}; ${name} would duplicate it: give another --id`);
  }
  if (existsSync(path) && options.force !== true) throw new AddSourceError(`${name} exists: give another --id, or --force to replace it`);

  const text = frontMatter(meta) + paste.replace(/^\uFEFF/, '').replace(/\s*$/, '\n');
  const source = parseSource(text, name);
  const dropped: Dropped[] = [];
  const document = chunkDocument(cleanSource(source, tables, dropped), sentenceRules(tables));
  if (document.passages.length === 0) throw new AddSourceError(`${name} would have no text left once cleaned: is this the article's page?`);
  const quotations = new QuotationExtractor(new Analyzer(tables)).extract(document);
  return { meta, origin, name, path, text, document, dropped, quotations, warnings: oversizeWarnings([document]) };
}

const ORIGIN = { flag: 'given', paste: 'found in the paste', publisher: "the publisher's initials", none: '' } as const;
const REASONS: Record<DropReason, string> = {
  furniture: 'site furniture (menus, share buttons, sign-in)',
  'page header': 'page header (breadcrumbs, date lines)',
  title: 'the title',
  byline: 'the byline',
  'page end': 'the end of the page (related links and after)',
  repeat: 'repeated text (the paste holds it twice)',
  'pull quote': 'pull quotes (a sentence already in a paragraph)',
};

const clip = (s: string, n = 90): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What the plan keeps and drops, for the terminal. */
export function planReport(plan: Plan): string {
  const out: string[] = ['Front matter:'];
  for (const f of FIELDS) {
    const v = plan.meta[f];
    if (v !== undefined) out.push(`  ${`${f}:`.padEnd(11)}${v}   (${ORIGIN[plan.origin[f]]})`);
  }
  const passages = plan.document.passages;
  const headings = [...new Set(passages.map((p) => p.heading).filter((h): h is string => h !== null))];
  const statements = plan.quotations.filter((q) => q.kind === 'statement');
  out.push('', `Kept: ${headings.length} headings, ${passages.length} passages, ${statements.length} quotations (and ${plan.quotations.length - statements.length} quoted terms)`);
  out.push(`  headings: ${headings.length > 0 ? headings.join(' · ') : '(none)'}`);
  out.push('  passages:');
  passages.forEach((p, k) => out.push(`    ${String(k + 1).padStart(3)}. ${clip(`${p.heading !== null ? `[${p.heading}] ` : ''}${p.text}`)}`));
  out.push('  quotations:');
  for (const q of statements) out.push(`    "${clip(q.text, 70)}" — ${q.speaker ?? '(no speaker found)'}${q.role !== null ? `, ${q.role}` : ''}`);
  if (statements.length === 0) out.push('    (none)');
  out.push('', `Dropped: ${plan.dropped.length} lines`);
  for (const reason of Object.keys(REASONS) as DropReason[]) {
    const lines = plan.dropped.filter((d) => d.reason === reason);
    if (lines.length === 0) continue;
    out.push(`  ${REASONS[reason]}: ${lines.length}`);
    for (const d of lines) out.push(`    - ${clip(d.text, 80)}`);
  }
  for (const w of plan.warnings) out.push('', `Warning: ${w}`);
  return out.join('\n');
}

interface Args extends AddOptions {
  readonly file: string;
  readonly dryRun: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args | undefined {
  const given: Partial<Record<Field, string>> = {};
  let file: string | undefined;
  let dir: string | undefined;
  let force = false;
  let dryRun = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] ?? '';
    if (a === '--help' || a === '-h') return undefined;
    if (a === '--force') force = true;
    else if (a === '--dry-run') dryRun = true;
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = a.slice(2, eq < 0 ? undefined : eq);
      const value = eq < 0 ? argv[++k] : a.slice(eq + 1);
      if (value === undefined || value.trim() === '' || /[\r\n]/.test(value)) throw new UsageError(`${a} needs a value on one line`);
      if (key === 'dir') dir = resolve(value);
      else if ((FIELDS as readonly string[]).includes(key)) given[key as Field] = value.trim();
      else throw new UsageError(`unknown option ${JSON.stringify(a)}`);
    } else if (file === undefined) file = a;
    else throw new UsageError(`one pasted file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(a)})`);
  }
  if (file === undefined) throw new UsageError('give the file holding the pasted page');
  return { file, given, dir: dir ?? loadCorpusDir(), force, dryRun };
}

function main(): void {
  let args: Args | undefined;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
    else console.error(`add-source: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  if (args === undefined) {
    console.log(USAGE);
    return;
  }
  let paste: string;
  try {
    paste = readFileSync(args.file, 'utf8');
  } catch (err) {
    console.error(`add-source: ${args.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    process.exit(1);
  }
  try {
    const plan = planSource(paste, args);
    console.log(planReport(plan));
    if (args.dryRun) {
      console.log(`\nNot written (--dry-run): ${plan.path}`);
      return;
    }
    mkdirSync(dirname(plan.path), { recursive: true });
    writeFileSync(plan.path, plan.text);
    console.log(`\nWrote ${plan.path} (id ${plan.meta.id}). The running bot picks it up at its next start; npm run check-corpus checks the whole archive.`);
  } catch (err) {
    if (!(err instanceof AddSourceError || err instanceof CorpusError)) throw err;
    console.error(`add-source: ${err.message}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
