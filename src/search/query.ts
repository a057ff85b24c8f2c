/**
 * Query planning: a question becomes a list of concepts, one per content word, each with the
 * index terms that may stand for it and how much a match on each counts:
 *
 * - the word's own term (or its alias group's), strength 1;
 * - for a word the corpus does not hold and English does not know either (a misspelled name:
 *   "Khamenai", "Witkof"), its close spellings (four letters or more, one edit, two from eight
 *   letters), strength 0.8; a real word the sources do not use ("currency", "react") is no
 *   misspelling of one they do ("current", "reach");
 * - related corpus terms from the paraphrase bridge, at their strength (searched with
 *   strength × relatedWeight, so a word's own term always outranks its relatives).
 *
 * A word's weight is its IDF times its {@link rarity} in English; a word WordNet knows only as a
 * verb, adjective or adverb ("react", "send", "next", "previous") weighs `weakWord` of that: it
 * seldom names what a question is about, and in "the next round" the round matters more than
 * which one.
 *
 * Long questions are bounded: only the MAX_CONCEPTS rarest words count, and fuzzy look-ups stop
 * after MAX_FUZZY words, so a 6,000-character question costs about what a short one does.
 */
import type { AnalyzedTerm } from './analyzer.ts';
import { withoutFrame } from './answer-type.ts';
import type { PassageIndex } from './index.ts';
import type { Lexicon } from './related.ts';

export interface Candidate {
  readonly term: string;
  /** How much a match on this term covers the word, 0 to 1. */
  readonly strength: number;
  /** The term's weight in the search. */
  readonly boost: number;
  /**
   * negation: the word with or without a negation prefix (direct / indirect); family: the word
   * in another form that WordNet relates to it (economy / economic). Only 'related' is not the
   * question's own word.
   */
  readonly via: 'exact' | 'alias' | 'fuzzy' | 'negation' | 'family' | 'related';
}

export interface Concept {
  /** The word as the question wrote it. */
  readonly word: string;
  /**
   * Whether the word ties the question to the sources: it names something they name (an alias
   * group: a person, place or body), or the sources use it — it is not among the commonRank
   * most frequent English words — at least keyRatio times as often as English would lead one to
   * expect (see {@link expectedPassages}). That bar rises with the corpus: over an archive of
   * general text, a common word no longer ties "the weather in London" to it.
   */
  readonly anchor: boolean;
  readonly term: string;
  /** Inverse document frequency of the word: how much it tells passages apart. */
  readonly weight: number;
  readonly candidates: readonly Candidate[];
}

export interface QueryPlan {
  readonly concepts: readonly Concept[];
  /** Index term → boost, for the search. */
  readonly weights: ReadonlyMap<string, number>;
}

export const PLAN_LIMITS = {
  maxConcepts: 24,
  maxFuzzy: 4,
  maxRelatedPerWord: 12,
  fuzzyStrength: 0.8,
  /** A word of this many letters or more that nothing is one edit from may be a name two edits away. */
  nameFuzzyFrom: 6,
  /** A word of a person's name this common in English or more (by frequency rank) is no name alone ("president", "joe" stay words). */
  namePartRank: 1000,
  negationStrength: 0.8,
  familyStrength: 0.9,
  relatedWeight: 0.6,
  weakWord: 0.3,
  commonRank: 250,
  /** A word anchors in this many times the passages English would give it, or more. */
  keyRatio: 2,
  /** Zipf: the word of frequency rank r (from 1) is about zipf / r of running English. */
  zipf: 0.1,
  /** Words of a passage, about (52 on the seed corpus, 58 on the generated ones). */
  wordsPerPassage: 55,
  vectorNeighbours: 40,
  /**
   * A question word among the queryMinRank most frequent English words has no vector
   * neighbours (the corpus side keeps vectors.MIN_RANK): "team", "money", "people" still bridge.
   */
  queryMinRank: 100,
  /** Vector neighbours below this cosine are no bridge; above it, strength = ((cos − min) / (1 − min)) ^ cosinePower. */
  minCosine: 0.4,
  cosinePower: 1,
  /** English frequency rank from which a word weighs its full IDF; see {@link rarity}. */
  rareRank: 20_000,
  minRarity: 0.3,
  /** How many of a word's terms the search looks for (coverage counts them all). */
  searchedPerWord: 8,
} as const;

/**
 * How many of `passages` passages would hold the English word of frequency rank `rank` (from 0)
 * if they were ordinary English: each holds it with chance about wordsPerPassage × zipf / (rank + 1).
 */
export function expectedPassages(rank: number, passages: number): number {
  const L = PLAN_LIMITS;
  return passages * Math.min(1, (L.wordsPerPassage * L.zipf) / (rank + 1));
}

/**
 * How much a word's frequency in English lets it name what a question is about, from
 * `minRarity` (the commonest words: want, make, time) to 1 (rank `rareRank` and beyond, and
 * words English does not know): log(rank + 1) / log(rareRank + 1). In "who did Washington want
 * as mediator" the mediator says more than the wanting, though the sources use both as often.
 */
export function rarity(rank: number): number {
  const L = PLAN_LIMITS;
  if (!Number.isFinite(rank)) return 1;
  return Math.min(1, Math.max(L.minRarity, Math.log(rank + 1) / Math.log(L.rareRank + 1)));
}

/** The word with each letter left out in turn. */
function deletions(word: string): string[] {
  return Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1));
}

/** No stop word is longer than this, less one letter: a longer word is no mistyped one. */
const MAX_STOPWORD_TYPO = 12;
/** Each stop word and its one-letter deletions, worked out once per stop-word list. */
const nearStopwordForms = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/**
 * Whether `word` (four letters or more) is one edit from a stop word: a letter added, left out,
 * changed, or two neighbours swapped ("thier"). Compared by deletions (a symmetric-delete
 * look-up), so a word costs a few set look-ups however long the stop-word list.
 */
function nearStopword(word: string, stopwords: ReadonlySet<string>): boolean {
  if (word.length < 4 || word.length > MAX_STOPWORD_TYPO) return false;
  let forms = nearStopwordForms.get(stopwords);
  if (!forms) {
    forms = new Set([...stopwords].flatMap((s) => [s, ...deletions(s)]));
    nearStopwordForms.set(stopwords, forms);
  }
  const known = forms;
  return known.has(word) || deletions(word).some((d) => known.has(d));
}

/**
 * Whether two stems are one word in two forms: the shorter, five letters at least, begins the
 * longer, which has at most two letters more (economi / econom; not comment / commentari, nor
 * defend / defenc).
 */
export function sameFamily(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.length - short.length <= 2 && long.startsWith(short);
}

/**
 * A stem with its final consonant doubled or undoubled, for the consonants Porter2 undoubles
 * ("bluf" ↔ "bluff"); undefined for other stems.
 */
export function otherDoubling(term: string): string | undefined {
  if (!/^\p{Ll}{3,}$/u.test(term)) return undefined;
  const last = term.at(-1) ?? '';
  if (!'bdfgmnprt'.includes(last)) return undefined;
  return term.at(-2) === last ? term.slice(0, -1) : term + last;
}

const NEGATION_PREFIXES = ['dis', 'un', 'in', 'im', 'ir', 'il', 'non', 'mis'] as const;

/** A term with a negation prefix added and, if it has one, taken away (stems of four letters or more). */
export function negationForms(term: string): string[] {
  const forms: string[] = [];
  for (const p of NEGATION_PREFIXES) {
    if (term.length >= 4) forms.push(p + term);
    if (term.startsWith(p) && term.length - p.length >= 4) forms.push(term.slice(p.length));
  }
  return forms;
}

function fuzzyDistance(word: string): number {
  // "b2" for "B-2": letters and digits, one edit.
  if (/^(?=.*\p{L})(?=.*\p{N})[\p{L}\p{N}]{2,8}$/u.test(word)) return 1;
  if (!/^\p{L}+$/u.test(word) || word.length < 4 || word.length > 24) return 0;
  return word.length >= 8 ? 2 : 1;
}

export function planQuery(question: string, index: PassageIndex, lexicon: Lexicon): QueryPlan {
  const L = PLAN_LIMITS;
  const seen = new Set<string>();
  const stopwords = index.analyzer.stopwords;
  const known = (t: AnalyzedTerm): boolean => index.df(t.term) > 0 || t.alias || (lexicon.words?.rank(t.folded) ?? Infinity) !== Infinity;
  const words = index.analyzer
    // "How long", "what year": what is asked for, not a word of the subject (answer-type.ts).
    .analyze(withoutFrame(question))
    // A word nobody writes that is one letter from a stop word, and from no word of the sources,
    // is that stop word mistyped ("wher", "thier"; "agre" is "agree", not "are").
    .filter((t) => known(t) || !nearStopword(t.folded, stopwords) || index.fuzzy(t.folded, 1).some((f) => index.df(f.term) > 0))
    .filter((t) => !seen.has(t.term) && seen.add(t.term));
  // The rarest words say the most; a long question keeps only those.
  const kept = words
    // A chat form is as common as the word it stands for ("ppl" is "people").
    .map((t, i) => ({ t, i, w: index.idf(t.term) * (lexicon.nonNouns.has(t.term) ? L.weakWord : 1) * (t.alias ? 1 : rarity(lexicon.words?.rank(index.analyzer.chatForm(t.folded)) ?? Infinity)) }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, L.maxConcepts)
    .sort((a, b) => a.i - b.i);

  let fuzzyLeft = L.maxFuzzy;
  const concepts: Concept[] = kept.map(({ t, w }) => {
    // How common the word is in English (Infinity: a word English does not know).
    const rank = lexicon.words?.rank(index.analyzer.chatForm(t.folded)) ?? Infinity;
    const candidates: Candidate[] = [];
    const people = index.analyzer.nameParts.get(t.folded) ?? [];
    const doubled = t.alias ? undefined : otherDoubling(t.term);
    if (index.df(t.term) > 0) {
      candidates.push({ term: t.term, strength: 1, boost: 1, via: t.alias ? 'alias' : 'exact' });
    } else if (doubled !== undefined && index.df(doubled) > 0) {
      // The stemmer undoubles a final consonant before a suffix only: "bluffing" → "bluf", "bluff" → "bluff".
      candidates.push({ term: doubled, strength: 1, boost: 1, via: 'family' });
    } else if (!t.alias && rank >= L.namePartRank && people.some((p) => index.df(p) > 0)) {
      // A word of a person's name that the sources never write alone ("who is abbas") is that person.
      for (const p of people) if (index.df(p) > 0) candidates.push({ term: p, strength: 1, boost: 1, via: 'alias' });
    } else if (!t.alias && fuzzyLeft > 0 && rank === Infinity) {
      const word = t.folded;
      const distance = fuzzyDistance(word);
      if (distance > 0) {
        fuzzyLeft--;
        // A word English does not know that is close to a name is that name misspelled
        // ("qani": Qaani, not "many").
        const close = index.fuzzy(word, distance).filter((f) => index.df(f.term) > 0);
        // Names are misspelled worse than words: with nothing that close, a name two edits away ("whitkof": Whitcoff).
        const names =
          close.length === 0 && word.length >= L.nameFuzzyFrom
            ? index.fuzzy(word, 2).filter((f) => index.df(f.term) > 0 && index.analyzer.canonical.has(f.term))
            : close.filter((f) => index.analyzer.canonical.has(f.term));
        for (const f of (names.length > 0 ? names : close).slice(0, 3)) {
          candidates.push({ term: f.term, strength: L.fuzzyStrength, boost: L.fuzzyStrength, via: 'fuzzy' });
        }
      }
    }
    // The same word with or without a negation prefix answers the question either way: "were the
    // talks direct?" is decided by "indirect talks", "did Iran stop trusting" by "distrust".
    if (!t.alias && /^\p{L}+$/u.test(t.term)) {
      for (const form of negationForms(t.term)) {
        if (index.df(form) > 0 && !candidates.some((c) => c.term === form)) {
          candidates.push({ term: form, strength: L.negationStrength, boost: L.negationStrength, via: 'negation' });
        }
      }
    }
    for (const r of (lexicon.related.get(t.term) ?? []).slice(0, L.maxRelatedPerWord)) {
      if (index.df(r.term) > 0 && !candidates.some((c) => c.term === r.term)) {
        // A relative that is the same word in another form (economy, economic: the stems
        // economi and econom) is the question's own word.
        if (sameFamily(t.term, r.term)) candidates.push({ term: r.term, strength: L.familyStrength, boost: L.familyStrength, via: 'family' });
        else candidates.push({ term: r.term, strength: r.strength, boost: r.strength * L.relatedWeight, via: 'related' });
      }
    }
    if (lexicon.vectors && /^\p{L}+$/u.test(t.folded) && !t.alias) {
      for (const n of lexicon.vectors.neighbours(t.folded, L.vectorNeighbours, L.minCosine, L.queryMinRank)) {
        const existing = candidates.find((c) => c.term === n.term);
        if (existing) continue;
        const strength = Math.round(((n.cosine - L.minCosine) / (1 - L.minCosine)) ** L.cosinePower * 1000) / 1000;
        candidates.push({ term: n.term, strength, boost: strength * L.relatedWeight, via: 'related' });
      }
    }
    const anchor = candidates.some(
      (c) =>
        (c.via !== 'related' && index.analyzer.canonical.has(c.term)) ||
        // A name the sources hold, however common in the news ("iraq"), ties the question to them.
        // So does a name they hold in another form ("russia": the Russian Academy).
        ((c.via === 'exact' || c.via === 'family') && (lexicon.names?.has(t.folded) ?? false)) ||
        (c.via === 'exact' && rank >= L.commonRank && index.df(c.term) >= Math.max(1, L.keyRatio * expectedPassages(rank, index.size))),
    );
    return { word: t.source, term: t.term, weight: w, anchor, candidates };
  });

  const weights = new Map<string, number>();
  for (const c of concepts) {
    const searched = [...c.candidates].sort((a, b) => b.boost - a.boost).slice(0, L.searchedPerWord);
    for (const cand of searched) weights.set(cand.term, Math.max(weights.get(cand.term) ?? 0, cand.boost));
  }
  return { concepts, weights };
}
