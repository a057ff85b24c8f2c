/**
 * The highlight: the one sentence of a passage that best answers the question, scored by the
 * weight of the question's concepts it holds (a concept met through a related word counts at
 * that word's strength). Ties go to the earlier sentence.
 */
import type { Span } from '../corpus/sentences.ts';
import type { TermSet } from './index.ts';
import type { QueryPlan } from './query.ts';

export interface Highlight {
  readonly text: string;
  /** Offsets in the passage text. */
  readonly span: Span;
}

export function sentenceScore(plan: QueryPlan, terms: TermSet): number {
  let score = 0;
  for (const c of plan.concepts) {
    let best = 0;
    for (const cand of c.candidates) if (terms.has(cand.term) && cand.strength > best) best = cand.strength;
    score += c.weight * best;
  }
  return score;
}

/** The best of `sentences`, whose terms are `terms` (one set per sentence, in the same order). */
export function highlight(text: string, sentences: readonly Span[], plan: QueryPlan, terms: readonly TermSet[]): Highlight {
  let best: Span = sentences[0] ?? { start: 0, end: text.length };
  let bestScore = -1;
  for (const [i, s] of sentences.entries()) {
    const set = terms[i];
    const score = set ? sentenceScore(plan, set) : 0;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return { text: text.slice(best.start, best.end), span: best };
}
