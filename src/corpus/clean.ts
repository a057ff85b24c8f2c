/**
 * Cleaning a pasted article: normalise the text, drop the site furniture around it, drop the
 * blocks that a paste repeats, and tell headings from paragraphs.
 *
 * The result is a list of blocks and the cleaned text they make when joined by blank lines;
 * every block knows its character offsets in that text, so a citation can point at it.
 */
import type { CorpusTables, SourceFile, SourceMeta } from './load.ts';
import { fold, normalizeText } from './normalize.ts';

export type BlockKind = 'heading' | 'paragraph';

/** Why cleaning left a line of the paste out of the article. */
export type DropReason = 'furniture' | 'page header' | 'page end' | 'title' | 'byline' | 'repeat' | 'pull quote';

/** A line (or block) cleaning left out, and why: what add-source shows before writing a file. */
export interface Dropped {
  readonly text: string;
  readonly reason: DropReason;
}

export interface Block {
  readonly kind: BlockKind;
  readonly text: string;
  /** Offsets in {@link CleanDocument.text}. */
  readonly start: number;
  readonly end: number;
}

export interface CleanDocument {
  readonly meta: SourceMeta;
  readonly file: string;
  readonly blocks: readonly Block[];
  /** The blocks joined by blank lines. */
  readonly text: string;
}

const BLOCK_SEPARATOR = '\n\n';
export const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const DATE_ONLY = new RegExp(`^[\\s,.|–—-]*(?:(?:\\d{1,4}|${MONTHS})[\\s,.]*)+$`, 'i');
const EMPHASIS = /(^|[\s("])\*([^*\n]+)\*(?=$|[\s).,;:!?"'])/g;
const SENTENCE_END = /[.!?,;]["')\]]*$/;

/** A signature for comparing blocks: folded words only. */
export function signature(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** "Jane Doe, April 14, 2025", "By Jane Doe", "By Doe | 20 April 2025". */
function isByline(line: string, meta: SourceMeta): boolean {
  const l = fold(line);
  const by = /^by\s+/.exec(l);
  const rest = by ? l.slice(by[0].length) : l;
  for (const name of [meta.author, ...meta.author.split(/\s+/).slice(-1)]) {
    const n = fold(name);
    if (rest.startsWith(n) && (DATE_ONLY.test(rest.slice(n.length)) || (by !== null && rest.length === n.length))) return true;
  }
  return false;
}

function isTitle(line: string, meta: SourceMeta): boolean {
  return signature(line) === signature(meta.title);
}

/** A short title-case line with no sentence punctuation at its end ("Buying Time", "SYNOPSIS"). */
export function isHeading(line: string, stopwords: ReadonlySet<string>): boolean {
  if (line.length > 80 || SENTENCE_END.test(line)) return false;
  const words = line.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0 || words.length > 10) return false;
  if (!/^\p{Lu}/u.test(words[0] ?? '')) return false;
  const content = words.filter((w) => !stopwords.has(fold(w).replace(/[^\p{L}]/gu, '')) && /\p{L}{3}/u.test(w));
  if (content.length === 0) return false;
  const capitalised = content.filter((w) => /^["'(]?\p{Lu}/u.test(w)).length;
  return capitalised / content.length >= 0.8;
}

function headingText(line: string): string {
  if (/\p{Ll}/u.test(line)) return line;
  return line.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_m, sp: string, ch: string) => sp + ch.toUpperCase());
}

interface Draft {
  kind: BlockKind;
  text: string;
  sig: string;
}

/** Lines of the article proper, normalised, with furniture, title and byline gone (into `dropped`, when given). */
export function articleLines(source: SourceFile, tables: CorpusTables, dropped?: Dropped[]): string[] {
  const { furniture, confusables } = tables;
  const lines = source.body
    .split(/\r?\n/)
    .map((l) => normalizeText(l, confusables).replace(EMPHASIS, '$1$2').trim());
  const cut = lines.findIndex((l) => furniture.dropFromLine.some((re) => re.test(l)));
  const kept = cut >= 0 ? lines.slice(0, cut) : lines;
  if (cut >= 0) dropped?.push(...lines.slice(cut).filter((l) => l !== '').map((text) => ({ text, reason: 'page end' as const })));
  const out: string[] = [];
  let inHeader = true;
  const drop = (text: string, reason: DropReason): void => void dropped?.push({ text, reason });
  for (const line of kept) {
    if (line === '') continue;
    if (furniture.dropLines.some((re) => re.test(line))) drop(line, 'furniture');
    else if (isTitle(line, source.meta)) drop(line, 'title');
    else if (isByline(line, source.meta)) drop(line, 'byline');
    else if (inHeader && furniture.headerLines.some((re) => re.test(line))) drop(line, 'page header');
    else {
      inHeader = false;
      out.push(line);
    }
  }
  return out;
}

/**
 * Drops repeated blocks: a block equal to an earlier one (a page that holds its text twice),
 * and a paragraph whose words all stand, in order, inside another paragraph (a pull quote).
 */
export function dropRepeats(drafts: readonly Draft[], dropped?: Dropped[]): Draft[] {
  const seen = new Set<string>();
  const unique = drafts.filter((d) => {
    const key = `${d.kind}:${d.sig}`;
    if (seen.has(key)) {
      dropped?.push({ text: d.text, reason: 'repeat' });
      return false;
    }
    seen.add(key);
    return true;
  });
  return unique.filter((d, i) => {
    const pullQuote =
      d.kind === 'paragraph' &&
      d.sig.split(' ').length >= 6 &&
      unique.some((o, j) => j !== i && o.kind === 'paragraph' && o.sig.length > d.sig.length && ` ${o.sig} `.includes(` ${d.sig} `));
    if (pullQuote) dropped?.push({ text: d.text, reason: 'pull quote' });
    return !pullQuote;
  });
}

/** The article's blocks; what cleaning left out goes into `dropped`, when given, with the reason. */
export function cleanSource(source: SourceFile, tables: CorpusTables, dropped?: Dropped[]): CleanDocument {
  const drafts: Draft[] = articleLines(source, tables, dropped).map((line) => {
    const kind: BlockKind = isHeading(line, tables.stopwords) ? 'heading' : 'paragraph';
    const text = kind === 'heading' ? headingText(line) : line;
    return { kind, text, sig: signature(text) };
  });
  // A heading with nothing under it (the last line, or two in a row) is not a heading.
  const classified = drafts.map((d, i) =>
    d.kind === 'heading' && drafts[i + 1]?.kind !== 'paragraph' ? { ...d, kind: 'paragraph' as const } : d,
  );
  const blocks: Block[] = [];
  let offset = 0;
  for (const d of dropRepeats(classified, dropped)) {
    if (blocks.length > 0) offset += BLOCK_SEPARATOR.length;
    blocks.push({ kind: d.kind, text: d.text, start: offset, end: offset + d.text.length });
    offset += d.text.length;
  }
  return { meta: source.meta, file: source.file, blocks, text: blocks.map((b) => b.text).join(BLOCK_SEPARATOR) };
}
