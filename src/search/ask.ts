/**
 * ask(question): the passages that answer a question, best first, each with its best sentence,
 * the question's words it matched and a score, or no passage at all when the sources do not
 * cover the question.
 *
 * Ranking is MiniSearch's BM25 over the planned terms, scaled by coverage: the share of the
 * question's weight (its words' IDF) that the passage matches, plus a share of the best
 * coverage by one sentence (with its heading), so concepts met together count for more. A passage that covers less than
 * MIN_COVERAGE of the question is no answer; when none is left, the question is out of scope.
 */
import { highlight, type Highlight } from './highlight.ts';
import type { IndexedPassage, PassageIndex, TermSet } from './index.ts';
import { coverage, planQuery, windowCoverage, type QueryPlan } from './query.ts';
import type { Lexicon } from './related.ts';

export interface Answer {
  readonly passage: IndexedPassage;
  readonly score: number;
  /** Share of the question's weight this passage covers, 0 to 1. */
  readonly coverage: number;
  readonly highlight: Highlight;
  /** The question's words this passage matched ("negotiator → envoy" for a related match). */
  readonly matched: readonly string[];
}

export interface AskResponse {
  readonly query: string;
  readonly answers: readonly Answer[];
  /** Why there is no answer, when there is none. */
  readonly notice?: string;
}

export const ASK_TUNING = {
  minCoverage: 0.3,
  /** Score = coverage + windowShare × sentence coverage + bm25Share × BM25 / best BM25. */
  bm25Share: 0.3,
  candidates: 30,
  /** Sentence coverage: the best coverage by `window` consecutive sentences. */
  windowShare: 0.2,
  window: 1,
  limit: 5,
} as const;

export function matchedWords(plan: QueryPlan, terms: TermSet): string[] {
  const out: string[] = [];
  for (const c of plan.concepts) {
    const hit = c.candidates.filter((cand) => terms.has(cand.term)).sort((a, b) => b.strength - a.strength)[0];
    if (hit) out.push(hit.via === 'exact' || hit.via === 'alias' ? c.word : `${c.word} → ${hit.term}`);
  }
  return out;
}

export function rank(plan: QueryPlan, index: PassageIndex, limit: number, filter?: (p: IndexedPassage) => boolean): Answer[] {
  const T = ASK_TUNING;
  const hits = index.query(plan.weights, filter ? T.candidates * 4 : T.candidates).filter((h) => !filter || filter(h.passage));
  const best = hits[0]?.score ?? 1;
  return hits
    .map((h) => {
      const terms = index.termsOf(h.passage);
      const cov = coverage(plan, terms);
      const near = T.windowShare > 0 ? windowCoverage(plan, index.sentenceTermsOf(h.passage), T.window) : 0;
      return { h, terms, cov, score: cov + T.windowShare * near + (T.bm25Share * h.score) / best };
    })
    .filter((r) => r.cov >= T.minCoverage)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ h, terms, cov, score }) => ({
      passage: h.passage,
      score: Math.round(score * 1000) / 1000,
      coverage: Math.round(cov * 1000) / 1000,
      highlight: highlight(h.passage.text, h.passage.sentences, plan, index.sentenceTermsOf(h.passage)),
      matched: matchedWords(plan, terms),
    }));
}

export function ask(question: string, index: PassageIndex, lexicon: Lexicon, limit: number = ASK_TUNING.limit): AskResponse {
  const query = question.trim();
  const plan = planQuery(query, index, lexicon);
  if (plan.concepts.length === 0) {
    return { query, answers: [], notice: 'The question has no words to search for: ask about the talks in a few words.' };
  }
  const answers = plan.concepts.some((c) => c.anchor) ? rank(plan, index, limit) : [];
  if (answers.length === 0) {
    return { query, answers, notice: 'The sources do not cover this question.' };
  }
  return { query, answers };
}
