/**
 * Unicode normalisation of text pasted from web pages.
 *
 * The result is still readable prose: NFKC, straight quotes and apostrophes (guillemets become
 * double quotes), spaced em dashes ("Korea—after" → "Korea — after"), Latin letters in place of
 * Cyrillic or Greek look-alikes inside Latin words, no zero-width characters, single spaces.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const GLUING_DASH = /\s*[\u2014\u2015]\s*/g;
const EN_DASH_SPACED = /\s+\u2013\s+/g;
const HORIZONTAL_SPACE = /[^\S\n]+/g;
const LATIN = /\p{Script=Latin}/u;
const MIXED_WORD = /[\p{L}\p{M}]+/gu;

/** Replaces look-alike letters in words that also contain Latin letters. */
export function fixConfusables(text: string, confusables: ReadonlyMap<string, string>): string {
  return text.replace(MIXED_WORD, (word) => {
    if (!LATIN.test(word)) return word;
    let out = '';
    for (const ch of word) out += confusables.get(ch) ?? ch;
    return out;
  });
}

/** Normalises one line or paragraph of pasted text (newlines are kept). */
export function normalizeText(text: string, confusables: ReadonlyMap<string, string>): string {
  const nfkc = text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(GLUING_DASH, ' — ')
    .replace(EN_DASH_SPACED, ' – ')
    .replace(HORIZONTAL_SPACE, ' ');
  return fixConfusables(nfkc, confusables);
}

/** Lower case without accents: the folding the index and the comparisons share. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}
