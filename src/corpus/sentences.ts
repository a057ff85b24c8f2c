/**
 * Sentence boundaries in cleaned prose.
 *
 * A sentence ends at . ! or ? (and any closing quote or bracket) before white space and a
 * capital, digit or opening quote, unless the period belongs to an abbreviation (Mr., Gen.),
 * an initial (S. Rajaratnam) or a dotted acronym followed by a word that does not start a
 * sentence (U.S. Secretary). Periods inside numbers (2.16) and hyphens (B-2) never end one, and
 * nor does anything inside an open double quotation, so a quoted statement stays whole.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

const CANDIDATE = /[.!?]+["')\]]*(?=\s+["'([]?[\p{Lu}\p{N}])/gu;
const DOTTED_ACRONYM = /^(?:\p{L}\.)+\p{L}?$/u;

export interface SentenceRules {
  /** Lower-case words, without their final period, that do not end a sentence (mr, gen, e.g). */
  readonly abbreviations: ReadonlySet<string>;
  /** Lower-case words that may start a sentence after a dotted acronym (the, but, this). */
  readonly starters: ReadonlySet<string>;
}

function endsSentence(text: string, at: number, mark: string, rules: SentenceRules): boolean {
  if (!mark.startsWith('.')) return true;
  const before = /(\S+)$/u.exec(text.slice(0, at))?.[1] ?? '';
  const word = before.replace(/^["'([]+/, '');
  const lower = word.toLowerCase();
  if (rules.abbreviations.has(lower)) return false;
  if (/^\p{Lu}$/u.test(word)) return false; // an initial
  if (DOTTED_ACRONYM.test(word)) {
    const next = /^[\s"'([]*([\p{L}\p{N}']+)/u.exec(text.slice(at + mark.length))?.[1] ?? '';
    return rules.starters.has(next.toLowerCase());
  }
  return true;
}

/** Splits `text` into sentence spans (trimmed, covering every non-space character). */
export function splitSentences(text: string, rules: SentenceRules): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let quoteOpen = false;
  let scanned = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const at = m.index;
    for (let i = scanned; i < at; i++) if (text[i] === '"') quoteOpen = !quoteOpen;
    scanned = at;
    const mark = m[0];
    // A closing quote inside the match ends the quotation.
    const quotesInMark = [...mark].filter((c) => c === '"').length;
    const openAfter = quotesInMark % 2 === 1 ? !quoteOpen : quoteOpen;
    if (openAfter || !endsSentence(text, at, mark, rules)) continue;
    const end = at + mark.length;
    spans.push({ start, end });
    for (let i = scanned; i < end; i++) if (text[i] === '"') quoteOpen = !quoteOpen;
    scanned = end;
    start = end;
  }
  spans.push({ start, end: text.length });
  return spans
    .map((s) => {
      let { start: a, end: b } = s;
      while (a < b && /\s/.test(text[a] ?? '')) a++;
      while (b > a && /\s/.test(text[b - 1] ?? '')) b--;
      return { start: a, end: b };
    })
    .filter((s) => s.end > s.start);
}
