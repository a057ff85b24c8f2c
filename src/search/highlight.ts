/**
 * The highlight: the one sentence of a passage that best answers the question, scored by the
 * weight of the question's concepts it holds (a concept met through a related word counts at
 * that word's strength). Ties go to the earlier sentence.
 */
import type { Span } from '../corpus/sentences.ts';
import type { Analyzer } from './analyzer.ts';
import type { QueryPlan } from './query.ts';

export interface Highlight {
  readonly text: string;
  /** Offsets in the passage text. */
  readonly span: Span;
}

export function sentenceScore(plan: QueryPlan, terms: ReadonlySet<string>): number {
  let score = 0;
  for (const c of plan.concepts) {
    let best = 0;
    for (const cand of c.candidates) if (terms.has(cand.term) && cand.strength > best) best = cand.strength;
    score += c.weight * best;
  }
  return score;
}

export function highlight(text: string, sentences: readonly Span[], plan: QueryPlan, analyzer: Analyzer): Highlight {
  let best: Span = sentences[0] ?? { start: 0, end: text.length };
  let bestScore = -1;
  for (const s of sentences) {
    const score = sentenceScore(plan, new Set(analyzer.terms(text.slice(s.start, s.end))));
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return { text: text.slice(best.start, best.end), span: best };
}
