/**
 * From a page as pasted from the web to a corpus file: what the paste itself tells of the
 * article's title, author, date and publisher, and the front matter that heads the file.
 *
 * Only the page header (the lines before the first paragraph of prose) is read for the title,
 * the byline and the date, so that a date inside the article is never taken for its own; the
 * author may also come from an "About the author" note, the publisher from a copyright line.
 * These are proposals: add-source shows them, and its flags override them.
 */
import { MONTHS } from './clean.ts';
import { SourceMetaSchema, type CorpusTables, type SourceMeta } from './load.ts';
import { normalizeText } from './normalize.ts';

/** What a paste tells of its own front matter; a field it does not tell is absent. */
export interface FoundMeta {
  readonly title?: string;
  readonly author?: string;
  /** YYYY-MM-DD. */
  readonly date?: string;
  readonly publisher?: string;
}

/** A person's name: two to five words, the first and last capitalised ("Leila Haddad", "Maria del Carmen Ruiz"). */
const NAME = String.raw`\p{Lu}[\p{L}'.-]*(?:\s+(?:\p{Lu}[\p{L}'.-]*|al|bin|da|de|del|la|le|van|von)){0,3}\s+\p{Lu}[\p{L}'.-]*`;
const BY_LINE = new RegExp(String.raw`^(?:by|By|BY)\s+(${NAME})(?:\s*[,|·•–—-].*)?$`, 'u');
const NAME_THEN_DATE = new RegExp(String.raw`^(${NAME})\s*[,|·•–—-]\s*(.+)$`, 'u');
const ABOUT_AUTHOR = /^about the authors?:?$/i;
const NAME_IS = new RegExp(String.raw`^(${NAME})\s+(?:is|was)\b`, 'u');
const COPYRIGHT = /^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(.+?)[.,]?(?:\s+all rights reserved\.?)?$/i;
const MONTH_NAMES = MONTHS.split('|');
const DATES: readonly [RegExp, (m: RegExpExecArray) => [string, string, string]][] = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? '']],
  [new RegExp(`\\b(${MONTHS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'), (m) => [m[3] ?? '', month(m[1]), m[2] ?? '']],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTHS})\\.?,?\\s+(\\d{4})\\b`, 'i'), (m) => [m[3] ?? '', month(m[2]), m[1] ?? '']],
];

function month(name: string | undefined): string {
  return String(MONTH_NAMES.indexOf((name ?? '').toLowerCase()) + 1).padStart(2, '0');
}

const words = (line: string): number => line.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** The first full date in a line ("April 14, 2025", "29 April 2025", "2025-04-29") as YYYY-MM-DD, if a real one. */
export function findDate(line: string): string | undefined {
  for (const [re, parts] of DATES) {
    const m = re.exec(line);
    if (!m) continue;
    const [y, mo, d] = parts(m);
    const iso = `${y}-${mo}-${d.padStart(2, '0')}`;
    if (SourceMetaSchema.shape.date.safeParse(iso).success) return iso;
  }
  return undefined;
}

/** A line of running prose: the article has begun. */
function isProse(line: string): boolean {
  return words(line) >= 12 && /[.!?"')\]]$/.test(line);
}

/** The byline's author, and its date when it has one. */
function byline(line: string): { author: string; date?: string } | undefined {
  const by = BY_LINE.exec(line);
  if (by?.[1]) {
    const date = findDate(line);
    return date ? { author: by[1], date } : { author: by[1] };
  }
  const named = NAME_THEN_DATE.exec(line);
  const date = named?.[2] !== undefined ? findDate(named[2]) : undefined;
  return named?.[1] && date ? { author: named[1], date } : undefined;
}

/** Title, author, date and publisher as far as the paste tells them. */
export function findMeta(paste: string, tables: Pick<CorpusTables, 'confusables' | 'furniture'>): FoundMeta {
  const lines = paste
    .split(/\r?\n/)
    .map((l) => normalizeText(l, tables.confusables).trim())
    .filter((l) => l !== '');
  const start = lines.findIndex(isProse);
  const header = start < 0 ? lines : lines.slice(0, start);
  const isFurniture = (l: string): boolean => tables.furniture.dropLines.some((re) => re.test(l));

  let author: string | undefined;
  let date: string | undefined;
  const titles: string[] = [];
  for (const line of header) {
    const by = byline(line);
    if (by) {
      author ??= by.author;
      date ??= by.date;
      continue;
    }
    const dated = findDate(line);
    if (dated) {
      date ??= dated;
      continue;
    }
    const text = line.replace(/^[-–•*]\s+/, '');
    if (!isFurniture(line) && words(text) >= 3 && words(text) <= 30) titles.push(text);
  }
  if (author === undefined) {
    const about = lines.findIndex((l) => ABOUT_AUTHOR.test(l));
    author = about >= 0 ? NAME_IS.exec(lines[about + 1] ?? '')?.[1] : undefined;
  }
  const title = titles.reduce<string | undefined>((best, t) => (best === undefined || t.length > best.length ? t : best), undefined);
  const publisher = lines.map((l) => COPYRIGHT.exec(l)?.[1]?.trim()).find((p) => p !== undefined && p !== '');
  return {
    ...(title !== undefined ? { title } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(publisher !== undefined ? { publisher } : {}),
  };
}

/**
 * An id proposed from the publisher: an acronym it gives in brackets ("Gulf Policy Institute
 * (GPI)"), else the initials of its capitalised words ("The Harbour Ledger" → HL; "The" left out).
 */
export function idFromPublisher(publisher: string): string {
  const bracketed = /\(([A-Z][A-Z0-9]{1,15})\)/.exec(publisher)?.[1];
  if (bracketed) return bracketed;
  return publisher
    .split(/[\s,]+/)
    .filter((w) => /^\p{Lu}/u.test(w) && w !== 'The')
    .map((w) => w[0] ?? '')
    .join('')
    .normalize('NFKD')
    .replace(/[^A-Z]/g, '')
    .slice(0, 16);
}

/** The front matter block for `meta`, its text fields quoted (a title may hold a colon). */
export function frontMatter(meta: SourceMeta): string {
  const quoted = (v: string): string => `"${v}"`;
  return [
    '---',
    `id: ${meta.id}`,
    `publisher: ${quoted(meta.publisher)}`,
    `title: ${quoted(meta.title)}`,
    `author: ${quoted(meta.author)}`,
    `date: ${meta.date}`,
    ...(meta.url !== undefined ? [`url: ${meta.url}`] : []),
    '---',
    '',
  ].join('\n');
}
