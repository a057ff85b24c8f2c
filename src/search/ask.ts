/**
 * ask(question): the passages that answer a question, best first, each with its best sentence,
 * the question's words it matched and a score, or no passage at all when the sources do not
 * cover the question.
 *
 * MiniSearch's BM25 over the planned terms finds candidates. They are ranked by coverage — the
 * share of the question's weight (its words' IDF) a passage meets, a related word counting at its
 * strength — plus `sentenceShare` of the coverage by its best sentence (concepts met together
 * say more) and `bm25Share` of its BM25 score relative to the best. A passage covering less than
 * `minCoverage` is no answer; when none is left, the question is out of scope. A section's first
 * passage gets `leadShare` when its heading and title alone meet the whole question.
 */
import type { Span } from '../corpus/sentences.ts';
import type { IndexedPassage, PassageIndex } from './index.ts';
import { compilePlan, matchedWords, matchPassage } from './match.ts';
import { planQuery, type QueryPlan } from './query.ts';
import type { Lexicon } from './related.ts';

/** The one sentence of a passage that best answers the question. */
export interface Highlight {
  readonly text: string;
  /** Offsets in the passage text. */
  readonly span: Span;
}

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
  sentenceShare: 0.2,
  bm25Share: 0.3,
  /**
   * When a passage's heading and title alone meet the whole question, every passage of that
   * section ties on coverage and only BM25 (at most bm25Share) would order them; the account
   * begins at the section's first passage, which gets as much, so it comes first (compare
   * "outcome of the first day": NEO's "First-Day Outcomes" opens with the answer).
   */
  leadShare: 0.3,
  candidates: 30,
  limit: 5,
} as const;

/** Coverage this close to 1 is all of the question (sums of weights are not exact). */
const FULL = 1 - 1e-9;

export function rank(plan: QueryPlan, index: PassageIndex, limit: number, filter?: (p: IndexedPassage) => boolean): Answer[] {
  const T = ASK_TUNING;
  const compiled = compilePlan(plan, index);
  const hits = index.query(plan.weights, T.candidates, filter);
  const best = hits[0]?.score ?? 1;
  return hits
    .map((h) => {
      const m = matchPassage(compiled, index.termIdsOf(h.passage));
      const lead = m.contextCoverage >= FULL && index.opensSection(h.passage) ? T.leadShare : 0;
      return { h, m, score: m.coverage + T.sentenceShare * m.sentenceCoverage + (T.bm25Share * h.score) / best + lead };
    })
    .filter((r) => r.m.coverage >= T.minCoverage)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ h, m, score }) => {
      const span = h.passage.sentences[m.bestSentence] ?? { start: 0, end: h.passage.text.length };
      return {
        passage: h.passage,
        score: Math.round(score * 1000) / 1000,
        coverage: Math.round(m.coverage * 1000) / 1000,
        highlight: { text: h.passage.text.slice(span.start, span.end), span },
        matched: matchedWords(compiled, index.termIdsOf(h.passage)),
      };
    });
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
