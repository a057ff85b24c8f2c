/**
 * compare(topic): each source's best passages on a topic, side by side, and the differences a
 * reader wants flagged.
 *
 * A side shows at most three passages that cover more than COMPARE_MIN_COVERAGE of the topic
 * (stricter than ask's floor: a topic is short, so half of it matched by chance is not
 * coverage); a side with none, but with passages that hold most of the topic's words the
 * sources use (COMPARE_TOUCH), shows those as weak; a side with neither is "not covered". Differences are
 * read from the two sides'
 * best sentences and passages:
 * - names: one person written differently (Whitcoff / Witkoff);
 * - titles: the role each gives the same person (Special Envoy for West Asia / to the Middle East);
 * - dates: the dates and relative times in each side's best dated sentence (the best-ranked of
 *   its passages' best sentences that gives one) that the other lacks (next week / May 3);
 * - numbers: figures of the same unit that differ.
 */
import type { SourceMeta } from '../corpus/load.ts';
import { MESSAGES } from '../messages.ts';
import type { Analyzer } from './analyzer.ts';
import { DATE, MONTH, topicKinds } from './answer-type.ts';
import { ASK_TUNING, rank } from './ask.ts';
import type { IndexedPassage, PassageIndex } from './index.ts';
import { planQuery, type QueryPlan } from './query.ts';
import { titles } from './titles.ts';
import { RELATED_STRENGTH, type Lexicon } from './related.ts';
import type { CompareResponse, CompareSide, Difference } from './types.ts';

/**
 * A side must cover more than this (0.6): the strength of WordNet's weakest links (near, down), so
 * a topic met only through such links is not covered. NEO on "air defence" met "air" by
 * "program" and "defence" by "action", 0.6 of each.
 */
export const COMPARE_MIN_COVERAGE = Math.max(RELATED_STRENGTH.near, RELATED_STRENGTH.down);
export const COMPARE_PER_SIDE = 3;
/**
 * A side's passage that meets more of the topic's own words than any other of that side covers
 * it from this share (0.5) on: "Israel had planned an attack" (Israel, and role only through a
 * relative: 0.59) is on "Israel's role"; passages that reach it only through relatives of both
 * words (Lebanon, Syria; use) need COMPARE_MIN_COVERAGE.
 */
export const COMPARE_OWN_FLOOR = 0.5;
/** A side that covers no passage of a topic touches on it when a passage holds this share of the weight of the topic's words the sources use. */
export const COMPARE_TOUCH = 0.6;
/**
 * Sources side by side, at most (each is an embed in Discord, which takes ten a message, one kept
 * for the differences). A corpus of this many sources or fewer shows every one, saying which do
 * not cover the topic; a larger archive shows the ones that cover it best and says nothing of
 * the rest.
 */
export const COMPARE_MAX_SIDES = 6;

const NUMBER = /\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:per\s*cent\s+|percent\s+|%\s*)?([a-z]+(?:-[a-z0-9]+)?)/gi;

/** How precise a date is: a day or week, a month, or a year. */
function precision(date: string): 'day' | 'month' | 'year' {
  if (/\b(?:month)\b/.test(date) || new RegExp(`^${MONTH}\\s+\\d{4}$`).test(date)) return 'month';
  if (/\byear\b|^(?:in|since)\s+\d{4}$/.test(date)) return 'year';
  return 'day';
}

/**
 * `topicTerms`: the topic's own terms; a sentence that gives several dates is read for the one
 * nearest to them ("… on April 12, with both sides agreeing to a second round next week": for
 * "next round", next week).
 */
export function differences(sides: readonly CompareSide[], analyzer: Analyzer, topicTerms: ReadonlySet<string> = new Set()): Difference[] {
  const [a, b] = sides;
  if (!a || !b || a.passages.length === 0 || b.passages.length === 0) return [];
  const out: Difference[] = [];
  const add = (kind: Difference['kind'], about: string, va: string, vb: string, note: string): void => {
    out.push({ kind, about, values: [{ source: a.source, value: va }, { source: b.source, value: vb }], note });
  };
  const textOf = (s: CompareSide): string => s.passages.map((p) => p.passage.text).join('\n');
  const ta = titles(textOf(a), analyzer);
  const tb = titles(textOf(b), analyzer);
  for (const [term, na] of ta) {
    const nb = tb.get(term);
    if (!nb) continue;
    const person = analyzer.canonical.get(term) ?? term;
    // Spellings of the surname, without a possessive: "Whitcoff" against "Witkoff".
    const surname = (n: string): string => (n.split(' ').pop() ?? n).replace(/'s$/, '');
    const spellA = new Set(na.map((x) => x.name.replace(/'s$/, '')));
    const spellB = new Set(nb.map((x) => x.name.replace(/'s$/, '')));
    const surA = new Set(na.map((x) => surname(x.name)));
    const surB = new Set(nb.map((x) => surname(x.name)));
    if (![...surA].some((x) => surB.has(x))) {
      add('name', person, [...spellA].join(', '), [...spellB].join(', '), `The same person is spelled differently: ${a.source} writes ${[...spellA].join(' / ')}, ${b.source} ${[...spellB].join(' / ')}.`);
    }
    const titleA = na.find((x) => x.title)?.title;
    const titleB = nb.find((x) => x.title)?.title;
    const contains = (x: string, y: string): boolean => x.toLowerCase().includes(y.toLowerCase());
    if (titleA && titleB && !contains(titleA, titleB) && !contains(titleB, titleA)) {
      add('title', person, titleA, titleB, `${a.source} calls ${person} "${titleA}", ${b.source} "${titleB}".`);
    }
  }
  const best = (s: CompareSide): string => s.passages[0]?.highlight.text ?? '';
  const dates = (t: string): string[] => [...new Set([...t.matchAll(DATE)].map((m) => m[0]))];
  // Each side's dates come from its best sentence that gives one: the best-ranked passage may
  // be about the topic without dating it ("next round": RSIS's dated sentence is its second).
  const nearest = (sentence: string, all: string[]): string[] => {
    // A date made of the topic's own words ("next round" for the topic "next round") dates nothing.
    const found = all.filter((d) => topicTerms.size === 0 || !analyzer.analyze(d).every((t) => topicTerms.has(t.term)));
    const at = analyzer.analyze(sentence).filter((t) => topicTerms.has(t.term)).map((t) => t.start);
    if (found.length <= 1 || at.length === 0) return found;
    const distance = (d: string): number => Math.min(...at.map((a) => Math.abs(sentence.indexOf(d) - a)));
    return [[...found].sort((x, y) => distance(x) - distance(y))[0] as string];
  };
  const dated = (s: CompareSide): string[] => {
    for (const p of s.passages) {
      const found = nearest(p.highlight.text, dates(p.highlight.text));
      if (found.length > 0) return found;
    }
    return [];
  };
  const da = dated(a);
  const db = dated(b);
  // Dates of one precision speak of comparable moments (next week / May 3); a year against a
  // month (in 2020 / October 2024) dates two different events, not a disagreement.
  const pa = new Set(da.map(precision));
  const pb = new Set(db.map(precision));
  const onlyA = da.filter((d) => !db.includes(d) && pb.has(precision(d)));
  const onlyB = db.filter((d) => !da.includes(d) && pa.has(precision(d)));
  if (onlyA.length > 0 && onlyB.length > 0) {
    add('date', 'dates given', onlyA.join(', '), onlyB.join(', '), `${a.source} says ${onlyA.join(', ')}; ${b.source} says ${onlyB.join(', ')}.`);
  }
  const numbers = (t: string): Map<string, string> =>
    new Map([...t.matchAll(NUMBER)].map((m) => [analyzer.term(m[2] ?? '') ?? m[2] ?? '', m[0]] as [string, string]));
  const na = numbers(best(a));
  const nb = numbers(best(b));
  for (const [unit, va] of na) {
    const vb = nb.get(unit);
    if (vb && vb !== va) {
      add('number', unit, va, vb, `${a.source}: ${va}; ${b.source}: ${vb}.`);
    }
  }
  return out;
}

/** The differences between every two of the sides that cover the topic. */
export function differencesAmong(sides: readonly CompareSide[], analyzer: Analyzer, topicTerms: ReadonlySet<string> = new Set()): Difference[] {
  const covering = sides.filter((s) => s.passages.length > 0);
  return covering.flatMap((a, i) => covering.slice(i + 1).flatMap((b) => differences([a, b], analyzer, topicTerms)));
}

/** Whether a passage holds any of `terms` (its text, heading or title). */
function holdsAny(index: PassageIndex, passage: IndexedPassage, terms: readonly string[]): boolean {
  const t = index.termIdsOf(passage);
  return terms.some((term) => {
    const id = index.termId(term);
    return id !== undefined && (t.ids.includes(id) || t.context.includes(id));
  });
}

/**
 * The sources a comparison shows: every source when there are at most COMPARE_MAX_SIDES (those
 * that say nothing are "not covered"), else — an archive — the COMPARE_MAX_SIDES sources whose
 * passages cover the topic best, found by one search over all passages rather than one per source.
 */
function sidesFor(plan: QueryPlan, index: PassageIndex, metas: readonly SourceMeta[]): readonly SourceMeta[] {
  if (metas.length <= COMPARE_MAX_SIDES) return metas;
  const byId = new Map(metas.map((m) => [m.id, m]));
  const chosen: SourceMeta[] = [];
  for (const answer of rank(plan, index, ASK_TUNING.candidates)) {
    const meta = byId.get(answer.passage.source);
    if (!meta || answer.coverage <= COMPARE_MIN_COVERAGE || chosen.includes(meta)) continue;
    chosen.push(meta);
    if (chosen.length === COMPARE_MAX_SIDES) break;
  }
  return chosen;
}

export function compare(topic: string, index: PassageIndex, lexicon: Lexicon, metas: readonly SourceMeta[]): CompareResponse {
  const query = topic.trim();
  const plan = planQuery(query, index, lexicon);
  // A topic is the sources' when it names what they name, or when they use any of its own words:
  // compare is asked about the sources, so "economy" is in scope wherever they discuss it.
  const inScope = plan.concepts.some((c) => c.anchor || c.candidates.some((x) => x.via !== 'related'));
  const shown = inScope ? sidesFor(plan, index, metas) : metas.length <= COMPARE_MAX_SIDES ? metas : [];
  const kinds = topicKinds(query);
  // The topic's words the sources use, as written ("relief" of "sanctions relief" they never
  // write): a side that holds most of their weight touches on the topic.
  const used = plan.concepts
    .map((c) => ({ weight: c.weight, terms: c.candidates.filter((x) => (x.via === 'exact' || x.via === 'alias' || x.via === 'fuzzy') && index.df(x.term) > 0).map((x) => x.term) }))
    .filter((x) => x.terms.length > 0);
  const usedWeight = used.reduce((sum, x) => sum + x.weight, 0);
  const touches = (p: IndexedPassage): boolean =>
    usedWeight > 0 && used.filter((x) => holdsAny(index, p, x.terms)).reduce((sum, x) => sum + x.weight, 0) / usedWeight >= COMPARE_TOUCH;
  const sides: CompareSide[] = shown.map((meta) => {
    const ranked = inScope ? rank(plan, index, COMPARE_PER_SIDE * 2, (p) => p.source === meta.id, kinds) : [];
    // The passages that meet most of the topic's own words stay whatever their relatives add: a
    // passage on Israel's plans is not dropped for ones that only name Israel's neighbours.
    const mostOwn = Math.max(0, ...ranked.map((r) => r.ownCoverage));
    const covering = ranked.filter((r) => r.coverage > COMPARE_MIN_COVERAGE || (mostOwn > 0 && r.ownCoverage >= mostOwn && r.coverage >= COMPARE_OWN_FLOOR));
    // A side that meets part of the topic with its own words is weak, not absent: "not covered"
    // is a claim about a source, made only when it holds none of the topic's words.
    const touching = covering.length > 0 ? [] : rank(plan, index, COMPARE_PER_SIDE, (p) => p.source === meta.id && touches(p), kinds);
    const passages = (covering.length > 0 ? covering : touching).slice(0, COMPARE_PER_SIDE).map((r) => ({ passage: r.passage, highlight: r.highlight, score: r.score }));
    return { source: meta.id, meta, passages, ...(touching.length > 0 ? { weak: true } : {}) };
  });
  const missing = sides.filter((s) => s.passages.length === 0).map((s) => s.source);
  if (missing.length === sides.length) {
    // Two sources side by side say "not covered" each; more say it once.
    return { query, sides: metas.length === 2 ? sides : [], differences: [], notice: metas.length === 2 ? MESSAGES.compareNone : MESSAGES.compareNoneOfMany };
  }
  const weak = sides.filter((s) => s.weak).map((s) => MESSAGES.compareWeak(s.source));
  const notice = [...(missing.length > 0 ? [MESSAGES.compareNotCovered(missing)] : []), ...weak].join(' ') || undefined;
  const topicTerms = new Set(plan.concepts.flatMap((c) => c.candidates.filter((x) => x.via !== 'related').map((x) => x.term)));
  // A side that only touches on the topic gives no values to set against the others.
  const found = differencesAmong(sides.filter((s) => !s.weak), index.analyzer, topicTerms);
  return { query, sides, differences: found, ...(notice ? { notice } : {}) };
}
