/**
 * Names a question asks about that the sources never mention: "What does China think of the
 * talks?" deserves "The sources do not mention China." before any closest passage, not a
 * passage about Iran that happens to share a word.
 *
 * A name is a run of up to three question words that English knows first as a name
 * (corpus/tables/names.json, from WordNet: China, Saudi Arabia, Putin), or a word the asker
 * capitalised in mid-sentence that is not a common English word ("Netanyahu"); either takes the
 * capitalised words right after it ("Kim Jong Un", "Mona Lisa" are one name each).
 *
 * "Not mentioned" is a claim about the sources, so a name counts as mentioned when any of its
 * words is: a term some passage holds, or a word the question's plan already read as the
 * sources' own by alias or close spelling ("Viktor" in "Viktor Mikhin", "Arakchi" for
 * Araghchi, "Steve" before a misspelled "Witkof").
 */
import { tokenize, type Analyzer, type Token } from './analyzer.ts';
import type { PassageIndex } from './index.ts';

const MAX_NAME_WORDS = 3;

/**
 * @param known The question's words (folded) that the plan met in the sources with their own
 *   words: exact, alias (every word of it), close spelling.
 */
export function unmentionedNames(
  question: string,
  index: PassageIndex,
  names: ReadonlySet<string>,
  isCommonWord: (folded: string) => boolean,
  known: ReadonlySet<string> = new Set(),
): string[] {
  const analyzer: Analyzer = index.analyzer;
  const tokens = tokenize(question);
  const mentioned = (run: readonly Token[]): boolean =>
    run.some((t) => known.has(t.folded)) || analyzer.terms(question.slice(run[0]?.start ?? 0, run.at(-1)?.end ?? 0)).some((t) => index.df(t) > 0);
  const capitalised = (t: Token | undefined): boolean => t !== undefined && /^\p{Lu}/u.test(t.surface) && !analyzer.stopwords.has(t.folded);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let run: Token[] = [];
    for (let n = Math.min(MAX_NAME_WORDS, tokens.length - i); n >= 1 && run.length === 0; n--) {
      const words = tokens.slice(i, i + n);
      const folded = words.map((t) => t.folded).join(' ');
      if (names.has(folded) && !(n === 1 && analyzer.stopwords.has(folded))) run = words;
    }
    const first = tokens[i];
    if (run.length === 0 && first && i > 0 && /^\p{Lu}\p{Ll}+$/u.test(first.surface) && !isCommonWord(first.folded) && !analyzer.stopwords.has(first.folded)) run = [first];
    while (run.length > 0 && run.length < MAX_NAME_WORDS && capitalised(tokens[i + run.length])) run.push(tokens[i + run.length] as Token);
    if (run.length > 0 && !mentioned(run)) out.push(run.map((t) => shown(t.surface)).join(' '));
    i += Math.max(1, run.length);
  }
  return [...new Set(out)];
}

/** A word as a name is shown: capitalised, without a possessive. */
function shown(word: string): string {
  const bare = word.replace(/['’]s$/u, '');
  return bare === bare.toLowerCase() ? bare.charAt(0).toUpperCase() + bare.slice(1) : bare;
}
