/**
 * Suggestions while a question is typed (the /ask autocomplete): the best-matching sentences of
 * the passages that match the words typed so far, best first.
 *
 * A small MiniSearch holds the passages, each under its index terms (stems and alias groups, as
 * the passage index has them) and under its words as written (folded), so that the word still
 * being typed is found by prefix ("negot" → "negotiations") and a misspelled word by a close
 * spelling ("econmy" → "economy"); the passage's heading and source (id, publisher, title)
 * count a little too. Within a matching passage, a sentence is as good as the share of the
 * matched words it holds.
 *
 * Question words are stop words and match nothing, but they say what is asked: a sentence that
 * holds it ("when" → a date; see answer-type.ts) counts more. Sentences that share many terms
 * with the rest of the sources (the main line of the story, not an aside) come first among
 * equals; they are also what is offered while nothing typed matches ("when did the").
 *
 * Each suggestion's value is the sentence's first characters (at most 100): asked as a question,
 * it quotes that sentence verbatim, which puts its passage first (see verbatim.ts).
 */
import MiniSearch, { type Query } from 'minisearch';
import type { AnalyzedTerm, Analyzer } from './analyzer.ts';
import { expectedKinds, kindsIn, withoutFrame, type AnswerKind } from './answer-type.ts';
import type { IndexedPassage } from './index.ts';

/** Discord's limits on autocomplete choices: how many, and the characters of a name or a value. */
export const SUGGEST_LIMITS = { choices: 25, chars: 100 } as const;

export type SuggestTuning = { readonly [K in keyof typeof SUGGEST_TUNING]: number };

export const SUGGEST_TUNING = {
  /** A word of this many letters or more is also looked up by close spelling, within this fraction of its length. */
  fuzzyFrom: 5,
  fuzzy: 0.2,
  /** The passage's heading and source, against its text. */
  contextBoost: 0.3,
  /** Scores add up from the passage's match (its search score over the best one's, 0 to 1) and these shares: */
  /** times the share of the passage's matched words the sentence holds; */
  sentenceShare: 0.5,
  /** when the sentence holds what the question word asks for (a date for "when"); */
  kindShare: 0.2,
  /** times the sentence's centrality (0 to 1). */
  centralShare: 0.2,
  /** Longest input looked at; the rest is ignored. */
  maxChars: 300,
} as const;

export interface Suggestion {
  /** "NEO: the sentence…", at most 100 characters. */
  readonly name: string;
  /** The sentence's first characters (at most 100), to be asked as the question. */
  readonly value: string;
  readonly passage: IndexedPassage;
  /** The sentence, whole. */
  readonly sentence: string;
}

interface Sentence {
  readonly passage: IndexedPassage;
  readonly text: string;
  /** What it is indexed under (see {@link indexTerms}). */
  readonly terms: ReadonlySet<string>;
  readonly kinds: ReadonlySet<AnswerKind>;
  /** 0 to 1: how much the sentence shares its terms with the other sentences (1 for the most). */
  readonly centrality: number;
}

/** `text` cut at a word to at most `max` characters, ending with "…" when cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > max / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}

const splitOnSpace = (s: string): string[] => s.split(' ').filter((t) => t.length > 0);

/** What text is indexed under: each of its terms, and each of its words as written (folded). */
const indexTerms = (analyzed: readonly AnalyzedTerm[]): string[] => analyzed.flatMap((t) => [t.term, ...splitOnSpace(t.folded)]);

export class Suggester {
  /** The sentences of each passage, by the passage's position in `passages`. */
  private readonly byPassage: readonly (readonly Sentence[])[];
  private readonly search: MiniSearch<{ id: number; text: string; context: string }>;

  constructor(
    private readonly passages: readonly IndexedPassage[],
    private readonly analyzer: Analyzer,
    private readonly tuning: SuggestTuning = SUGGEST_TUNING,
  ) {
    const found = passages.map((passage) =>
      passage.sentences.map((span) => {
        const text = passage.text.slice(span.start, span.end).trim();
        const analyzed = analyzer.analyze(text);
        return { passage, text, terms: new Set(indexTerms(analyzed)), stems: new Set(analyzed.map((t) => t.term)) };
      }),
    );
    // Centrality: for each of its terms, the sentences holding it, summed, over the root of its
    // number of terms (the cosine of the sentence with the sum of all sentences, up to a constant).
    const holding = new Map<string, number>();
    for (const s of found.flat()) for (const t of s.stems) holding.set(t, (holding.get(t) ?? 0) + 1);
    const central = (terms: ReadonlySet<string>): number => [...terms].reduce((n, t) => n + (holding.get(t) ?? 0), 0) / Math.sqrt(Math.max(1, terms.size));
    const most = Math.max(1e-9, ...found.flat().map((s) => central(s.stems)));
    this.byPassage = found.map((sentences) =>
      sentences.map(({ passage, text, terms, stems }) => ({ passage, text, terms, kinds: kindsIn(text, analyzer), centrality: central(stems) / most })),
    );

    // The terms and words are worked out here (tokenize), so MiniSearch keeps them as they are.
    this.search = new MiniSearch({
      fields: ['text', 'context'],
      tokenize: (text) => indexTerms(analyzer.analyze(text)),
      processTerm: (term) => term,
      searchOptions: { tokenize: splitOnSpace, processTerm: (term) => term },
    });
    this.search.addAll(passages.map((p, id) => ({ id, text: p.text, context: [p.heading ?? '', p.meta.id, p.meta.publisher, p.meta.title].join('. ') })));
  }

  /** The search for what has been typed: per word, its term or the word as written (the last one by prefix while it is being typed). */
  private query(text: string): Query | undefined {
    const T = this.tuning;
    const asked = withoutFrame(text);
    const terms = this.analyzer.analyze(asked);
    if (terms.length === 0) return undefined;
    // The last word is still being typed unless a space or a mark follows it.
    const typing = terms.at(-1)?.end === asked.length;
    const fuzzy = (w: string): number | false => (w.length >= T.fuzzyFrom ? T.fuzzy : false);
    return {
      combineWith: 'OR',
      queries: terms.map((t, i) => ({
        combineWith: 'OR',
        queries: [
          { queries: [t.term], fuzzy },
          { queries: [splitOnSpace(t.folded).join(' ')], fuzzy, prefix: typing && i === terms.length - 1 },
        ],
      })),
    };
  }

  /**
   * Up to `limit` (at most 25) suggestions for what has been typed so far, best first; only from
   * the source `from` when given (the question names it).
   */
  suggest(typed: string, limit: number = SUGGEST_LIMITS.choices, from?: string): Suggestion[] {
    const T = this.tuning;
    const text = typed.slice(0, T.maxChars);
    const wanted = expectedKinds(text);
    const query = this.query(text);
    const inSource = (id: number): boolean => from === undefined || this.passages[id]?.source === from;
    const results = query ? this.search.search(query, { boost: { text: 1, context: T.contextBoost }, filter: (r) => inSource(Number(r.id)) }) : [];
    const best = results[0]?.score ?? 1;

    // A sentence's own score: its share of the words its passage matched, what it holds, how central it is.
    const extra = (s: Sentence): number => (wanted.some((k) => s.kinds.has(k)) ? T.kindShare : 0) + T.centralShare * s.centrality;
    const own = (s: Sentence, matched: readonly string[]): number =>
      (matched.length === 0 ? 0 : (T.sentenceShare * matched.filter((t) => s.terms.has(t)).length) / matched.length) + extra(s);
    const group = (id: number, score: number, matched: readonly string[]): { score: number; sentences: Sentence[] } => {
      const sentences = (this.byPassage[id] ?? []).map((s) => ({ s, own: own(s, matched) })).sort((a, b) => b.own - a.own);
      return { score: score + (sentences[0]?.own ?? 0), sentences: sentences.map((x) => x.s) };
    };
    // The matching passages by their score (over the best one's) and their best sentence's; the
    // others after them (all of them while nothing typed matches), by their best sentence's.
    const groups = results.map((r) => group(Number(r.id), r.score / best, r.terms));
    const matching = new Set(results.map((r) => Number(r.id)));
    const floor = results.length > 0 ? -10 : 0;
    this.passages.forEach((_, id) => {
      if (!matching.has(id) && inSource(id)) groups.push(group(id, floor, []));
    });
    groups.sort((a, b) => b.score - a.score);

    // Each passage's best sentence first, then the passages' other sentences.
    const firsts = groups.flatMap((g) => g.sentences.slice(0, 1));
    const rest = groups.flatMap((g) => g.sentences.slice(1));
    return [...firsts, ...rest].slice(0, Math.max(0, Math.min(limit, SUGGEST_LIMITS.choices))).map((s) => ({
      name: cutAtWord(`${s.passage.source}: ${s.text}`, SUGGEST_LIMITS.chars),
      value: cutAtWord(s.text, SUGGEST_LIMITS.chars),
      passage: s.passage,
      sentence: s.text,
    }));
  }
}
