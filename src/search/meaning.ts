/**
 * A second reader for confidence. The ranking reads a question by its words; this reads it by
 * their meaning: a sentence's meaning is the mean of its words' vectors (the word-vector table
 * the paraphrase bridge uses), each word weighted by its rarity in English, a / (a + p(word)),
 * so that "the", "did" and "about" say almost nothing (Arora et al.'s smooth inverse frequency).
 *
 * When the passage whose best sentence is closest in meaning to the question is the ranking's
 * own first answer, two readers that fail in different ways agree, and the answer can be
 * trusted more (see `ask`'s confidence). Only the ranking's candidates are read, so the cost is
 * bounded at any corpus size; each passage's sentences are read once.
 */
import { tokenize } from './analyzer.ts';
import type { IndexedPassage } from './index.ts';
import { cosine, toUnit, type WordVectors } from './vectors.ts';

export const MEANING = {
  /** a: a word whose share of running English is well above this weighs little. */
  smoothing: 0.001,
  /** Zipf: the word of frequency rank r (from 0) is about zipf / (r + 1) of running English. */
  zipf: 0.1,
} as const;

/** The meaning of a text: the rarity-weighted, unit-length mean of its words' vectors; undefined when it has none. */
export function meaningOf(text: string, words: WordVectors, stopwords: ReadonlySet<string>): Float32Array | undefined {
  const sum = new Float32Array(words.dims);
  let any = false;
  for (const t of tokenize(text)) {
    if (stopwords.has(t.folded)) continue;
    const share = MEANING.zipf / (words.rank(t.folded) + 1);
    if (words.addTo(t.folded, MEANING.smoothing / (MEANING.smoothing + share), sum)) any = true;
  }
  return any ? toUnit(sum) : undefined;
}

/** The meaning of each sentence of a passage, worked out once per passage. */
const sentenceMeanings = new WeakMap<IndexedPassage, readonly Float32Array[]>();

function meaningsOf(passage: IndexedPassage, words: WordVectors, stopwords: ReadonlySet<string>): readonly Float32Array[] {
  let found = sentenceMeanings.get(passage);
  if (!found) {
    found = passage.sentences.map((s) => meaningOf(passage.text.slice(s.start, s.end), words, stopwords)).filter((v): v is Float32Array => v !== undefined);
    sentenceMeanings.set(passage, found);
  }
  return found;
}

/** The passage among `candidates` whose sentence is closest in meaning to `question`; undefined when the question's words have no vectors. */
export function closestInMeaning(
  question: string,
  candidates: readonly IndexedPassage[],
  words: WordVectors,
  stopwords: ReadonlySet<string>,
): IndexedPassage | undefined {
  const q = meaningOf(question, words, stopwords);
  if (!q) return undefined;
  let best: IndexedPassage | undefined;
  let bestCosine = -Infinity;
  for (const passage of candidates) {
    for (const s of meaningsOf(passage, words, stopwords)) {
      const c = cosine(q, s);
      if (c > bestCosine) {
        bestCosine = c;
        best = passage;
      }
    }
  }
  return best;
}
