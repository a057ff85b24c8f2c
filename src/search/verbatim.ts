/**
 * A question that quotes a passage is about that passage: when it repeats at least
 * VERBATIM_MIN_CHARS characters of one of a passage's sentences word for word (case, quotation
 * marks, accents and white space aside; a trailing "…" or "..." ignored), that passage comes
 * first, whatever the ranking would say. Picking an /ask suggestion asks the first characters of
 * a sentence (see suggest.ts), so this is what makes the picked passage the first answer.
 *
 * The passages looked at are the ones sharing the most index terms with the question (a BM25
 * search, bounded like every search); among them, the one with the longest quoted run wins.
 */
import { fold } from '../corpus/normalize.ts';
import type { Span } from '../corpus/sentences.ts';
import { MESSAGES } from '../messages.ts';
import { ASK_TUNING, rank, type AskResponse } from './ask.ts';
import type { IndexedPassage, PassageIndex } from './index.ts';
import { planQuery } from './query.ts';
import type { Lexicon } from './related.ts';

/** The shortest run of a sentence a question must repeat to quote it. */
export const VERBATIM_MIN_CHARS = 24;
/** Passages looked at (those sharing the most terms with the question). */
const CANDIDATES = 20;
/** Characters of the question looked at: a quotation further on is not looked for. */
const MAX_QUESTION_CHARS = 600;

export interface VerbatimMatch {
  readonly passage: IndexedPassage;
  /** The quoted sentence, in the passage text. */
  readonly span: Span;
  /** Characters quoted (folded). */
  readonly length: number;
}

/** Text compared verbatim: folded, without quotation marks, single spaces. */
export function foldVerbatim(text: string): string {
  return fold(text)
    .replace(/["'`\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u2032\u2033\u00AB\u00BB\u02BC]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The longest run `a` and `b` share, if at least `min` characters. Any such run holds one of
 * `a`'s pieces of min/2 characters starting at a multiple of min/2; each piece found in `b` is
 * grown both ways.
 */
function longestRun(a: string, b: string, min: number): number {
  const step = Math.max(1, Math.floor(min / 2));
  let longest = 0;
  for (let k = 0; k + step <= a.length; k += step) {
    const piece = a.slice(k, k + step);
    for (let at = b.indexOf(piece); at !== -1; at = b.indexOf(piece, at + 1)) {
      let left = 0;
      while (k - left > 0 && at - left > 0 && a[k - left - 1] === b[at - left - 1]) left++;
      let right = step;
      while (k + right < a.length && at + right < b.length && a[k + right] === b[at + right]) right++;
      longest = Math.max(longest, left + right);
    }
  }
  return longest >= min ? longest : 0;
}

/** Each passage's sentences as compared, worked out once per passage. */
const folded = new WeakMap<IndexedPassage, readonly string[]>();
function foldedSentences(passage: IndexedPassage): readonly string[] {
  let sentences = folded.get(passage);
  if (!sentences) {
    sentences = passage.sentences.map((s) => foldVerbatim(passage.text.slice(s.start, s.end)));
    folded.set(passage, sentences);
  }
  return sentences;
}

/** The passage `question` quotes a sentence of, with that sentence, or undefined. */
export function verbatimMatch(question: string, index: PassageIndex): VerbatimMatch | undefined {
  const quoted = foldVerbatim(question.slice(0, MAX_QUESTION_CHARS)).replace(/(?:…|\.\.\.)$/, '').trimEnd();
  if (quoted.length < VERBATIM_MIN_CHARS) return undefined;
  const weights = new Map(index.analyzer.terms(question.slice(0, MAX_QUESTION_CHARS)).map((t) => [t, 1]));
  let best: VerbatimMatch | undefined;
  for (const { passage } of index.query(weights, CANDIDATES)) {
    foldedSentences(passage).forEach((sentence, k) => {
      const length = longestRun(quoted, sentence, VERBATIM_MIN_CHARS);
      const span = passage.sentences[k];
      if (span && length > (best?.length ?? 0)) best = { passage, span, length };
    });
  }
  return best;
}

/**
 * `response` with the quoted passage first (its quoted sentence in bold) and trusted, the other
 * answers after it as they were, at most `limit` in all. A passage the ranking left out is
 * matched against the question as any other would be; one that meets too little of it to be an
 * answer at all leaves `response` as it was.
 */
export function quotedFirst(response: AskResponse, match: VerbatimMatch, index: PassageIndex, lexicon: Lexicon, limit: number = ASK_TUNING.limit): AskResponse {
  const highlight = { text: match.passage.text.slice(match.span.start, match.span.end), span: match.span };
  const ranked =
    response.answers.find((a) => a.passage.id === match.passage.id) ??
    rank(planQuery(response.query, index, lexicon), index, 1, (p) => p.id === match.passage.id)[0];
  if (!ranked) return response;
  const { notice, ...rest } = response;
  const stillTrue = notice !== undefined && notice !== MESSAGES.askNotCovered && notice !== MESSAGES.askTooGeneral && notice !== MESSAGES.askEmpty;
  return {
    ...rest,
    ...(stillTrue ? { notice } : {}),
    answers: [{ ...ranked, highlight }, ...response.answers.filter((a) => a.passage.id !== match.passage.id)].slice(0, Math.max(1, limit)),
    confidence: 'high',
  };
}
