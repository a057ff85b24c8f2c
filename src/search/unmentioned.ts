/**
 * Names a question asks about that the sources never mention: "What does China think of the
 * talks?" deserves "The sources do not mention China." before any closest passage, not a
 * passage about Iran that happens to share a word.
 *
 * A name is a run of up to three question words that English knows first as a name
 * (corpus/tables/names.json, from WordNet: China, Saudi Arabia, Putin), or a word the asker
 * capitalised in mid-sentence that is not a common English word ("Netanyahu"). It is
 * unmentioned when no passage holds any of its terms.
 */
import { tokenize, type Analyzer } from './analyzer.ts';
import type { PassageIndex } from './index.ts';

const MAX_NAME_WORDS = 3;

export function unmentionedNames(
  question: string,
  index: PassageIndex,
  names: ReadonlySet<string>,
  isCommonWord: (folded: string) => boolean,
): string[] {
  const analyzer: Analyzer = index.analyzer;
  const tokens = tokenize(question);
  const mentioned = (text: string): boolean => analyzer.terms(text).some((t) => index.df(t) > 0);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let taken = 0;
    for (let n = Math.min(MAX_NAME_WORDS, tokens.length - i); n >= 1; n--) {
      const run = tokens.slice(i, i + n);
      const folded = run.map((t) => t.folded).join(' ');
      const written = question.slice(run[0]?.start ?? 0, run[n - 1]?.end ?? 0);
      const first = run[0];
      const capitalisedUnknown =
        n === 1 && first !== undefined && i > 0 && /^\p{Lu}\p{Ll}+$/u.test(first.surface) && !isCommonWord(first.folded) && !analyzer.stopwords.has(first.folded);
      const isName = (names.has(folded) && !(n === 1 && analyzer.stopwords.has(folded))) || capitalisedUnknown;
      if (!isName) continue;
      taken = n;
      if (!mentioned(written)) out.push(run.map((t) => (t.surface === t.surface.toLowerCase() ? capitalise(t.surface) : t.surface)).join(' '));
      break;
    }
    i += Math.max(1, taken);
  }
  return [...new Set(out)];
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
