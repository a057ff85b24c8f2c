/**
 * The titles the text gives the people it names: the capitalised title words just before a
 * name ("U.S. Special Envoy for West Asia Stephen Whitcoff" → Special Envoy for West Asia).
 * compare sets one source's titles against another's; "what did Iran's foreign minister say"
 * finds its speaker by them.
 */
import type { Analyzer } from './analyzer.ts';

export interface Titled {
  /** The name as written. */
  readonly name: string;
  /** The title proper, from its first title word, or null when the words before the name are no title. */
  readonly title: string | null;
  /** The capitalised words before the name, whole ("Iranian Foreign Minister", "U.S. Special Envoy for West Asia"). */
  readonly before: string;
}

/** Words a title proper starts with ("Special Envoy", "Foreign Minister"). */
export const TITLE_STARTS = ['Special', 'Deputy', 'Foreign', 'Supreme', 'Prime', 'Secretary', 'Minister', 'Envoy', 'President', 'General', 'Chief', 'Ambassador', 'Spokes\\w+'] as const;
/** Words that qualify a post without saying whose it is ("the government spokeswoman", "Iran's top diplomat"). */
export const POST_QUALIFIERS: ReadonlySet<string> = new Set(['government', 'state', 'official', 'current', 'former', 'top', 'senior', 'acting', 'then', 'new', 'national', 'federal']);
const TITLE_START = new RegExp(`\\b(?:${TITLE_STARTS.join('|')})\\b`);
const BEFORE_NAME = new RegExp(`((?:(?:\\p{Lu}[\\p{L}.]*|for|to|the|of|${[...TITLE_STARTS, ...POST_QUALIFIERS].join('|').toLowerCase()}),?\\s+){1,7})$`, 'u');

/** Each person (alias term) the text names, with the title before each mention. */
export function titles(text: string, analyzer: Analyzer): Map<string, Titled[]> {
  const out = new Map<string, Titled[]>();
  for (const t of analyzer.analyze(text)) {
    if (!t.alias || analyzer.kinds.get(t.term) !== 'person') continue;
    // Capitalised words before the name, and a title written in lower case ("government spokeswoman").
    const before = BEFORE_NAME.exec(text.slice(0, t.start))?.[1]?.trim().replace(/,$/, '') ?? '';
    // The title proper starts at its first title word ("U.S. Special Envoy" → "Special Envoy").
    const start = before.search(TITLE_START);
    const title = start >= 0 ? before.slice(start) : '';
    const list = out.get(t.term) ?? [];
    list.push({ name: t.source, title: /\b(?:Envoy|Minister|President|Secretary|Leader|General|Spokes\w+)\b/.test(title) ? title : null, before });
    out.set(t.term, list);
  }
  return out;
}
