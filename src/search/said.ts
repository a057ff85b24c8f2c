/**
 * "What did <speaker> say (about <topic>)": the speaker's own words. The answer is the passages
 * that hold the speaker's quotations or report their words ("X said", "according to X"), ranked
 * by the topic when the question gives one, with the quotations themselves beside them. A
 * question whose speaker the sources never quote nor report falls back to an ordinary ask.
 */
import { MESSAGES } from '../messages.ts';
import { ASK_TUNING, confidenceOf, rank, type AskResponse } from './ask.ts';
import type { IndexedPassage, PassageIndex } from './index.ts';
import { planQuery } from './query.ts';
import type { QuoteIndex } from './quotes.ts';
import type { Lexicon } from './related.ts';
import type { QuoteHit } from './types.ts';

/** Words that report speech, for passages that give someone's words without quotation marks. */
const REPORTING = /\b(?:said|says|say|told|tells|tell|telling|stated|states|wrote|writes|noted|notes|explained|declared|described|characteri[sz]ed|warned|announced|added|insisted|argued|claimed|emphasi[sz]ed|stressed|called|speaking|according to)\b/i;
/** Passages looked at for a speaker's name, at most. */
const MAX_NAMED = 200;

/** The alias term of the speaker that `who` names, with a misspelling of a name allowed ("shermen"). */
export function speakerTerm(who: string, index: PassageIndex): string | undefined {
  const analyzer = index.analyzer;
  const named = analyzer.analyze(who).find((t) => t.alias && analyzer.kinds.get(t.term) !== 'term');
  if (named) return named.term;
  for (const t of analyzer.analyze(who)) {
    if (t.folded.length < 4 || !/^\p{L}+$/u.test(t.folded)) continue;
    const close = index.fuzzy(t.folded, t.folded.length >= 8 ? 2 : 1).find((f) => analyzer.canonical.has(f.term) && analyzer.kinds.get(f.term) !== 'term');
    if (close) return close.term;
  }
  return undefined;
}

export function askSaid(
  query: string,
  who: string,
  about: string,
  index: PassageIndex,
  lexicon: Lexicon,
  quotes: QuoteIndex,
  limit: number = ASK_TUNING.limit,
): AskResponse | undefined {
  const term = speakerTerm(who, index);
  const name = term === undefined ? undefined : index.analyzer.canonical.get(term);
  if (term === undefined || name === undefined) return undefined;
  const theirs = quotes.quotations.filter((q) => q.speaker === name);
  const holding = new Set(theirs.map((q) => q.passageId));
  const reporting = new Set<string>();
  for (const hit of index.query(new Map([[term, 1]]), MAX_NAMED)) {
    if (REPORTING.test(hit.passage.text)) reporting.add(hit.passage.id);
  }
  if (holding.size === 0 && reporting.size === 0) return undefined;
  const plan = planQuery(about ? `${name} ${about}` : name, index, lexicon);
  const accept = (p: IndexedPassage): boolean => holding.has(p.id) || reporting.has(p.id);
  const ranked = rank(plan, index, Math.max(limit, holding.size + reporting.size), accept);
  // With no topic, the passages that quote the speaker come before those that only report them.
  const ordered = about ? ranked : [...ranked.filter((a) => holding.has(a.passage.id)), ...ranked.filter((a) => !holding.has(a.passage.id))];
  const answers = ordered.slice(0, limit);
  if (answers.length === 0) return undefined;
  const order = new Map(answers.map((a, i) => [a.passage.id, i]));
  const shown: QuoteHit[] = theirs
    .filter((q) => order.has(q.passageId))
    .sort((a, b) => (order.get(a.passageId) ?? 0) - (order.get(b.passageId) ?? 0))
    .flatMap((quotation) => {
      const meta = answers.find((a) => a.passage.id === quotation.passageId)?.passage.meta;
      return meta ? [{ quotation, meta, score: 1 }] : [];
    });
  const first = answers[0];
  return {
    query,
    answers,
    notice: MESSAGES.askQuotesOf(name),
    confidence: first !== undefined && holding.has(first.passage.id) ? confidenceOf(ordered) : 'low',
    intent: 'said',
    speaker: name,
    quotes: shown,
  };
}
