/**
 * Matching a question's plan against a passage's stored term ids: how much of the question the
 * passage meets, which sentence meets the most, and which words were met.
 *
 * The plan is compiled once per question into a map from term id to the concepts that term
 * stands for; a passage is then one pass over its ids (about sixty), whatever the number of
 * candidate terms — instead of looking each candidate up in each passage and each sentence.
 * The per-concept arrays are the compiled plan's, reused for every candidate, and the matched
 * words are spelled out only for the passages shown.
 */
import type { PassageIndex, PassageTerms } from './index.ts';
import type { Concept, QueryPlan } from './query.ts';

/** One way a passage term can be read as a concept of the question, and how strongly. */
interface TermReading {
  readonly concept: number;
  readonly strength: number;
  readonly term: string;
  /** A relative or a close spelling, shown as "negotiator → envoy". */
  readonly shown: boolean;
  /** The question's own word: exact, alias or close spelling, not a relative. */
  readonly own: boolean;
}

export interface CompiledPlan {
  readonly plan: QueryPlan;
  readonly byId: ReadonlyMap<number, readonly TermReading[]>;
  readonly total: number;
  /** Scratch space for {@link matchPassage}, one slot per concept, reused passage after passage. */
  readonly scratch: {
    readonly context: Float64Array;
    readonly all: Float64Array;
    readonly here: Float64Array;
    readonly own: Float64Array;
    readonly ownHere: Float64Array;
    readonly terms: (TermReading | undefined)[];
  };
}

export interface PassageMatch {
  /** Share of the question's weight the passage meets anywhere, 0 to 1. */
  readonly coverage: number;
  /** The same, counting only the question's own words (exact, alias, close spelling). */
  readonly ownCoverage: number;
  /** Share of the question's weight the passage does not meet, nor meets only weakly (below WEAK_MATCH). */
  readonly missed: number;
  /** Share met by its best sentence (with the heading and title), 0 to 1. */
  readonly sentenceCoverage: number;
  /** The same with the question's own words only. */
  readonly sentenceOwnCoverage: number;
  /** Index of that sentence (the first of equals, `bonus` added to each sentence's share). */
  readonly bestSentence: number;
  /** Share met by the heading and title alone, 0 to 1. */
  readonly contextCoverage: number;
}

/** A concept met below this strength (a loose relative) counts as missed. */
export const WEAK_MATCH = 0.5;

export function compilePlan(plan: QueryPlan, index: PassageIndex): CompiledPlan {
  const byId = new Map<number, TermReading[]>();
  plan.concepts.forEach((c, concept) => {
    for (const cand of c.candidates) {
      const id = index.termId(cand.term);
      if (id === undefined) continue;
      const list = byId.get(id) ?? [];
      list.push({ concept, strength: cand.strength, term: cand.term, shown: cand.via !== 'exact' && cand.via !== 'alias', own: cand.via !== 'related' });
      byId.set(id, list);
    }
  });
  const n = plan.concepts.length;
  const scratch = { context: new Float64Array(n), all: new Float64Array(n), here: new Float64Array(n), own: new Float64Array(n), ownHere: new Float64Array(n), terms: new Array<TermReading | undefined>(n) };
  return { plan, byId, total: plan.concepts.reduce((sum, c) => sum + c.weight, 0), scratch };
}

/**
 * Raises `best[concept]` with every reading of the ids in ids[from..to); with `terms`, remembers
 * the term; with `ownOnly`, counts only the question's own words.
 */
function markMet(compiled: CompiledPlan, ids: Int32Array, from: number, to: number, best: Float64Array, terms?: (TermReading | undefined)[], ownOnly = false): void {
  for (let i = from; i < to; i++) {
    const stands = compiled.byId.get(ids[i] as number);
    if (!stands) continue;
    for (const s of stands) {
      if (ownOnly && !s.own) continue;
      if (s.strength > (best[s.concept] as number)) {
        best[s.concept] = s.strength;
        if (terms) terms[s.concept] = s;
      }
    }
  }
}

function weighted(compiled: CompiledPlan, best: Float64Array): number {
  const concepts = compiled.plan.concepts;
  let sum = 0;
  for (let k = 0; k < concepts.length; k++) sum += (concepts[k] as Concept).weight * (best[k] as number);
  return sum;
}

/**
 * How `compiled` meets a passage. A sentence is judged as the passage is: its own words' share
 * plus `related` of what relatives add, plus `bonus(k)` when given (a sentence holding what the
 * question asks for, say a date); the best sentence is the first of the highest.
 */
export function matchPassage(compiled: CompiledPlan, t: PassageTerms, related: number, bonus?: (sentence: number) => number): PassageMatch {
  const { context, all, here, own, ownHere } = compiled.scratch;
  const total = compiled.total || 1;
  context.fill(0);
  markMet(compiled, t.context, 0, t.context.length, context);
  own.fill(0);
  markMet(compiled, t.context, 0, t.context.length, own, undefined, true);
  let bestSentence = 0;
  let bestRanked = -Infinity;
  let bestAll = 0;
  let bestOwn = 0;
  for (let k = 0; k + 1 < t.bounds.length; k++) {
    here.set(context);
    markMet(compiled, t.ids, t.bounds[k] as number, t.bounds[k + 1] as number, here);
    ownHere.set(own);
    markMet(compiled, t.ids, t.bounds[k] as number, t.bounds[k + 1] as number, ownHere, undefined, true);
    const w = weighted(compiled, here) / total;
    const o = weighted(compiled, ownHere) / total;
    const ranked = o + related * (w - o) + (bonus ? bonus(k) : 0);
    if (ranked > bestRanked) {
      bestRanked = ranked;
      bestSentence = k;
      bestAll = w;
      bestOwn = o;
    }
  }
  all.set(context);
  markMet(compiled, t.ids, 0, t.ids.length, all);
  markMet(compiled, t.ids, 0, t.ids.length, own, undefined, true);
  let missed = 0;
  const concepts = compiled.plan.concepts;
  for (let k = 0; k < concepts.length; k++) if ((all[k] as number) < WEAK_MATCH) missed += (concepts[k] as Concept).weight;
  return {
    coverage: weighted(compiled, all) / total,
    ownCoverage: weighted(compiled, own) / total,
    missed: missed / total,
    sentenceCoverage: bestAll,
    sentenceOwnCoverage: bestOwn,
    bestSentence,
    contextCoverage: weighted(compiled, context) / total,
  };
}

/** The question's words a passage met, in the question's order ("negotiator → envoy" for a related match). */
export function matchedWords(compiled: CompiledPlan, t: PassageTerms): string[] {
  const { all, terms } = compiled.scratch;
  all.fill(0);
  terms.fill(undefined);
  markMet(compiled, t.context, 0, t.context.length, all, terms);
  markMet(compiled, t.ids, 0, t.ids.length, all, terms);
  const matched: string[] = [];
  compiled.plan.concepts.forEach((c, k) => {
    const s = terms[k];
    if (s) matched.push(s.shown ? `${c.word} → ${s.term}` : c.word);
  });
  return matched;
}
