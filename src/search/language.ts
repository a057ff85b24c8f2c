/**
 * Whether a question is written in English. The sources are English, so a question in another
 * language finds nothing and deserves to be told why rather than "not covered".
 *
 * A question is taken for another language when most of its letters are of another script
 * (Cyrillic, Arabic, Persian, Chinese …), or when it holds more function words of one other
 * language (corpus/tables/languages.json; a word that is also an English stop word does not
 * count) than English stop words, two at least, or one where there is no English stop word at
 * all; an inverted question mark is Spanish.
 */
import { tokenize } from './analyzer.ts';

export interface LanguageGuess {
  /** The language's name, or "another language" for a script without a list. */
  readonly language: string;
}

const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

export function otherLanguage(
  question: string,
  englishStopwords: ReadonlySet<string>,
  languages: ReadonlyMap<string, ReadonlySet<string>>,
): LanguageGuess | undefined {
  const letters = [...question].filter((c) => LETTER.test(c));
  if (letters.length === 0) return undefined;
  const latin = letters.filter((c) => LATIN.test(c)).length;
  if (latin < letters.length / 2) return { language: 'another language' };
  if (/[¿¡]/.test(question)) return { language: 'Spanish' };
  const words = tokenize(question).map((t) => t.surface.toLowerCase());
  const english = words.filter((w) => englishStopwords.has(w)).length;
  let best: { language: string; count: number } | undefined;
  for (const [language, functionWords] of languages) {
    const count = words.filter((w) => functionWords.has(w) && !englishStopwords.has(w)).length;
    if (count > (best?.count ?? 0)) best = { language, count };
  }
  if (!best) return undefined;
  return (best.count >= 2 && best.count > english) || (best.count >= 1 && english === 0) ? { language: best.language } : undefined;
}
