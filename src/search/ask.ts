/**
 * ask(question): the passages that answer a question, best first, each with its best sentence,
 * the question's words it matched and a score, and how far the first answer can be trusted; or
 * no passage at all when the sources do not cover the question.
 *
 * MiniSearch's BM25 over the planned terms finds candidates. They are ranked by the question's
 * own words first: the share of the question's weight (its words' IDF) a passage meets with
 * them (exact, alias, close spelling), then `relatedShare` of what relatives (WordNet, word
 * vectors) add (more where no passage meets much with own words), `sentenceShare` of the coverage by its best sentence (concepts met together say
 * more), `kindShare` when that sentence holds what the question asks for (a date for "when", a
 * person for "who"; see answer-type.ts) and `bm25Share` of its BM25 score relative to the best.
 * A passage covering less than `minCoverage` is no answer; when none is left, the question is
 * out of scope. A section's first passage gets `leadShare` when its heading and title alone
 * meet the whole question.
 *
 * Before any of that: a question not in English is told the sources are English, and the names
 * it asks about that the sources never mention are named in the reply.
 */
import type { Span } from '../corpus/sentences.ts';
import { MESSAGES } from '../messages.ts';
import { tokenize } from './analyzer.ts';
import { asksYesNo, expectedKinds, kindsIn, type AnswerKind } from './answer-type.ts';
import { speaksOfTheSubject, withoutName } from './intent.ts';
import type { IndexedPassage, PassageIndex } from './index.ts';
import { otherLanguage } from './language.ts';
import { compilePlan, matchedWords, matchPassage } from './match.ts';
import { closestInMeaning } from './meaning.ts';
import { planQuery, type QueryPlan } from './query.ts';
import type { Lexicon } from './related.ts';
import type { Difference, QuoteHit } from './types.ts';
import { unmentionedNames } from './unmentioned.ts';

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
  /** The same with the question's own words only (no relatives), 0 to 1. */
  readonly ownCoverage: number;
  /** Share of the question's weight this passage does not meet, or meets only through a loose relative, 0 to 1. */
  readonly missed: number;
  readonly highlight: Highlight;
  /** The question's words this passage matched ("negotiator → envoy" for a related match). */
  readonly matched: readonly string[];
  /** Whether the bold sentence holds what the question asks for (a date for "when"); undefined when it asks for nothing in particular. */
  readonly kindMet?: boolean;
}

/** How far the first answer can be trusted: high when its evidence is strong, low otherwise. */
export type Confidence = 'high' | 'low';

export interface AskResponse {
  readonly query: string;
  readonly answers: readonly Answer[];
  /** Why there is no answer, or what the reader should know before the answers. */
  readonly notice?: string;
  /** How far the first answer can be trusted (low when there is none). */
  readonly confidence: Confidence;
  /** Names the question asks about that the sources never mention. */
  readonly unmentioned?: readonly string[];
  /** The language the question seems to be in, when it is not English. */
  readonly language?: string;
  /** What the question asked for, when not passages on a topic: a speaker's words, where the sources differ, the gist of the texts, or when they came out. */
  readonly intent?: 'said' | 'differences' | 'gist' | 'published';
  /** For 'said': the speaker, and their quotations in the passages shown. */
  readonly speaker?: string;
  readonly quotes?: readonly QuoteHit[];
  /** For 'differences': what the sources give differently, each naming both. */
  readonly differences?: readonly Difference[];
  /** The question asks yes or no: never answered as sure, its passages are shown for the reader to judge by. */
  readonly yesNo?: true;
}

export const ASK_TUNING = {
  minCoverage: 0.3,
  /** What relatives (WordNet, word vectors) add on top of the question's own words counts this much. */
  relatedShare: 0.3,
  /**
   * … and this much where own words fail: when no candidate meets ownFailsBelow of the question with
   * them ("how much time did the negotiators spend apart": the answer holds "separate" and
   * "hours", relatives of "apart" and "time"). The best sentence is still chosen by own words first.
   */
  ownFailsBelow: 0.4,
  relatedShareWhereOwnFails: 0.6,
  sentenceShare: 0.4,
  /** A best sentence that holds what the question asks for (a date for "when"). */
  kindShare: 0.3,
  bm25Share: 0.3,
  /**
   * When a passage's heading and title alone meet the whole question, every passage of that
   * section ties on coverage and only BM25 (at most bm25Share) would order them; the account
   * begins at the section's first passage, which gets as much, so it comes first (compare
   * "outcome of the first day": NEO's "First-Day Outcomes" opens with the answer).
   */
  leadShare: 0.3,
  /**
   * A first answer is trusted (high) when the question's own words cover this much of it, it
   * misses at most highMissed of it, its score is highMargin above the second's and, when the
   * question asks for something in particular, its bold sentence holds it (see confidenceOf).
   */
  highOwnCoverage: 0.7,
  highMissed: 0.25,
  highMargin: 0.2,
  /**
   * Or, with a second reader that agrees (see meaning.ts: the candidate whose sentence is closest
   * in meaning is the first answer), when the question's own words meet this much of it and it
   * stands this far above the second.
   */
  agreedOwnCoverage: 0.5,
  agreedMargin: 0.1,
  /** No answer when the best passage meets less than this with the question's own words … */
  thinOwnCoverage: 0.15,
  /** … and misses at least this much of it (unmet, or met only through a loose relative). */
  thinMissed: 0.75,
  /** A capitalised word of the question this common in English (by frequency rank) is no name. */
  commonWordRank: 1000,
  candidates: 30,
  limit: 5,
} as const;

/** Coverage this close to 1 is all of the question (sums of weights are not exact). */
const FULL = 1 - 1e-9;

/** The answer kinds of each sentence of a passage, worked out once per passage. */
const sentenceKinds = new WeakMap<IndexedPassage, readonly ReadonlySet<AnswerKind>[]>();
function kindsOf(passage: IndexedPassage, index: PassageIndex): readonly ReadonlySet<AnswerKind>[] {
  let kinds = sentenceKinds.get(passage);
  if (!kinds) {
    kinds = passage.sentences.map((s) => kindsIn(passage.text.slice(s.start, s.end), index.analyzer));
    sentenceKinds.set(passage, kinds);
  }
  return kinds;
}

/** Whether every one of `wanted` is among `terms`. */
function holdsAll(terms: readonly string[], wanted: readonly string[]): boolean {
  const held = new Set(terms);
  return wanted.length > 0 && wanted.every((t) => held.has(t));
}

/**
 * The passages that best meet `plan`, best first. `wanted` are the kinds of answer the question
 * asks for (none: any sentence will do).
 */
export function rank(
  plan: QueryPlan,
  index: PassageIndex,
  limit: number,
  filter?: (p: IndexedPassage) => boolean,
  wanted: readonly AnswerKind[] = [],
): Answer[] {
  return rankedAll(plan, index, limit, filter, wanted).answers;
}

/** {@link rank}'s answers, and every candidate that passed, best first (their passages only: the second reader of confidence looks among them). */
function rankedAll(
  plan: QueryPlan,
  index: PassageIndex,
  limit: number,
  filter?: (p: IndexedPassage) => boolean,
  wanted: readonly AnswerKind[] = [],
): { answers: Answer[]; candidates: IndexedPassage[] } {
  const T = ASK_TUNING;
  const compiled = compilePlan(plan, index);
  const hits = index.query(plan.weights, T.candidates, filter);
  const best = hits[0]?.score ?? 1;
  const matched = hits.map((h) => {
    const kinds = wanted.length > 0 ? kindsOf(h.passage, index) : [];
    const holds = (k: number): boolean => wanted.some((w) => kinds[k]?.has(w) ?? false);
    const m = matchPassage(compiled, index.termIdsOf(h.passage), T.relatedShare, wanted.length > 0 ? (k) => (holds(k) ? T.kindShare : 0) : undefined);
    return { h, m, holds };
  });
  // Where no passage meets much of the question with its own words, relatives decide more.
  const ownFails = Math.max(0, ...matched.map((x) => x.m.ownCoverage)) < T.ownFailsBelow;
  const related = ownFails ? T.relatedShareWhereOwnFails : T.relatedShare;
  const passed = matched
    .map(({ h, m, holds }) => {
      const kindMet = wanted.length > 0 ? holds(m.bestSentence) : undefined;
      const lead = m.contextCoverage >= FULL && index.opensSection(h.passage) ? T.leadShare : 0;
      const score =
        m.ownCoverage +
        related * (m.coverage - m.ownCoverage) +
        T.sentenceShare * (m.sentenceOwnCoverage + related * (m.sentenceCoverage - m.sentenceOwnCoverage)) +
        (kindMet ? T.kindShare : 0) +
        (T.bm25Share * h.score) / best +
        lead;
      return { h, m, score, kindMet };
    })
    .filter((r) => r.m.coverage >= T.minCoverage)
    .sort((a, b) => b.score - a.score);
  const answers = passed.slice(0, limit).map(({ h, m, score, kindMet }) => {
    const span = h.passage.sentences[m.bestSentence] ?? { start: 0, end: h.passage.text.length };
    return {
      passage: h.passage,
      score: Math.round(score * 1000) / 1000,
      coverage: Math.round(m.coverage * 1000) / 1000,
      ownCoverage: Math.round(m.ownCoverage * 1000) / 1000,
      missed: Math.round(m.missed * 1000) / 1000,
      highlight: { text: h.passage.text.slice(span.start, span.end), span },
      matched: matchedWords(compiled, index.termIdsOf(h.passage)),
      ...(kindMet === undefined ? {} : { kindMet }),
    };
  });
  return { answers, candidates: passed.map((r) => r.h.passage) };
}

/**
 * High when the first answer meets most of the question with its own words, misses little of it,
 * holds what the question asks for, and stands clear of the second (several passages that meet
 * the question equally well leave the reader to choose), for a question of more than one plain
 * word (`plan`, when given). When a second reader agrees on it (`agreed`, asked only then; see
 * secondReaderAgrees), half the question met with its own words and half the margin are enough.
 */
export function confidenceOf(answers: readonly Answer[], unmentioned: readonly string[] = [], plan?: QueryPlan, agreed: () => boolean = () => false): Confidence {
  const T = ASK_TUNING;
  const [first, second] = answers;
  if (!first || unmentioned.length > 0) return 'low';
  // One plain word ("what was on the table") says too little to be sure which passage is meant;
  // one name ("whats the AOR") does not.
  const [only, ...more] = plan?.concepts ?? [];
  if (only && more.length === 0 && !only.candidates.some((c) => c.via === 'alias')) return 'low';
  const margin = first.score - (second?.score ?? 0);
  if (first.ownCoverage >= T.highOwnCoverage && first.missed <= T.highMissed && first.kindMet !== false && margin >= T.highMargin) return 'high';
  // The second reader weighs what the question asks for by itself: its agreement stands in for
  // the answer kind, which is read from a few words ("because", a date) and misses many reasons.
  return first.ownCoverage >= T.agreedOwnCoverage && margin >= T.agreedMargin && agreed() ? 'high' : 'low';
}

/**
 * Whether a second reader agrees on the first answer: among the ranked candidates (the first
 * among them), the one whose sentence is closest in meaning to the question (meaning.ts).
 */
function secondReaderAgrees(question: string, candidates: readonly IndexedPassage[], index: PassageIndex, lexicon: Lexicon): boolean {
  const first = candidates[0];
  return first !== undefined && lexicon.words !== undefined && closestInMeaning(question, candidates, lexicon.words, index.analyzer.stopwords) === first;
}

/**
 * @param from The id of the one source the question names ("what does NEO think of …"): only its
 *   passages answer, and a question about a source the corpus holds is never "not covered".
 * @param author The author of that source, when the question asks who wrote it: sought as well,
 *   so the author's note comes first.
 */
export function ask(question: string, index: PassageIndex, lexicon: Lexicon, limit: number = ASK_TUNING.limit, from?: string, author?: string): AskResponse {
  const query = question.trim();
  const foreign = lexicon.languages ? otherLanguage(query, index.analyzer.stopwords, lexicon.languages) : undefined;
  if (foreign) {
    return { query, answers: [], notice: MESSAGES.askNotEnglish(foreign.language), confidence: 'low', language: foreign.language };
  }
  // Every passage searched is the named source's, so its name meets nothing of the question ("does
  // RSIS think the talks will work" is about the talks); a question of the name alone keeps it.
  const topic = from !== undefined && author === undefined ? withoutName(query, from) : '';
  const topicPlan = topic ? planQuery(topic, index, lexicon) : undefined;
  const plan = topicPlan && topicPlan.concepts.length > 0 ? topicPlan : planQuery(author ? `${query} ${author}` : query, index, lexicon);
  if (plan.concepts.length === 0) {
    return { query, answers: [], notice: MESSAGES.askEmpty, confidence: 'low' };
  }
  const words = lexicon.words;
  const common = (w: string): boolean => (words?.rank(w) ?? Infinity) < ASK_TUNING.commonWordRank;
  // The question's words the sources hold as they are, by alias or by close spelling, and the words
  // of the names so met ("mohammad" beside a misspelled "bageri"): never "not mentioned".
  const met = plan.concepts.filter((c) => c.candidates.some((x) => x.via !== 'related'));
  const metNames = met.flatMap((c) => c.candidates.flatMap((x) => (x.via === 'related' ? [] : [index.analyzer.canonical.get(x.term) ?? ''])));
  const known = new Set([...met.map((c) => c.word), ...metNames].flatMap((w) => tokenize(w).map((t) => t.folded)));
  const unmentioned = lexicon.names ? unmentionedNames(query, index, lexicon.names, common, known) : [];
  // Two at least, whatever `limit`: confidence looks at how far the first stands from the second.
  const inSource = from === undefined ? undefined : (p: IndexedPassage): boolean => p.source === from;
  // A question about a source the corpus holds is tied to it, whatever its other words.
  // So is one about an unnamed "it" ("how did it go"): the subject of the texts.
  const tied = from !== undefined || plan.concepts.some((c) => c.anchor) || speaksOfTheSubject(query);
  const { answers: ranked, candidates } =
    tied ? rankedAll(plan, index, Math.max(limit, 2), inSource, expectedKinds(query)) : { answers: [], candidates: [] };
  // Thin evidence: the best passage meets almost none of the question with its own words and
  // misses most of it even counting close relatives ("tips to negotiate a higher salary").
  const first = ranked[0];
  const thin = from === undefined && first !== undefined && first.ownCoverage < ASK_TUNING.thinOwnCoverage && first.missed >= ASK_TUNING.thinMissed;
  const answers = thin ? [] : ranked.slice(0, limit);
  const named = unmentioned.length > 0 ? { unmentioned, notice: MESSAGES.askUnmentioned(unmentioned) } : {};
  if (answers.length === 0) {
    // Nothing ties the question to the sources, but they hold some of its words ("whats next"):
    // that shows no more than that the question is too general, not that they do not cover it.
    const general = ranked.length === 0 && met.length > 0 && from === undefined && !plan.concepts.some((c) => c.anchor);
    return { query, answers, notice: general ? MESSAGES.askTooGeneral : MESSAGES.askNotCovered, confidence: 'low', ...named };
  }
  // A passage that meets only the source's name ("what does RSIS conclude": the author's note
  // names RSIS) has not met the question.
  const onlyTheName = from !== undefined && !(answers[0]?.matched ?? []).some((m) => !m.includes('→') && m.toLowerCase() !== from.toLowerCase());
  // "Who wrote it" is answered, surely, by the passage naming the source's author.
  const namesAuthor = author !== undefined && answers[0] !== undefined && holdsAll(index.analyzer.terms(answers[0].passage.text), index.analyzer.terms(author));
  // A yes or no is decided by what a passage says of it, which its words do not show: a passage
  // can meet every word and say the opposite ("agreeing to Oman's mediation after pushing for the
  // UAE" for "did Iran accept the UAE"). The closest passages are shown, never as sure.
  const yesNo = asksYesNo(query);
  const confidence = namesAuthor ? 'high' : onlyTheName || yesNo ? 'low' : confidenceOf(ranked, unmentioned, plan, () => secondReaderAgrees(query, candidates, index, lexicon));
  return { query, answers, confidence, ...named, ...(yesNo ? { yesNo: true as const } : {}) };
}
