/**
 * "What did <speaker> say (about <topic>)": the speaker's own words. The answer is the passages
 * that hold the speaker's quotations or report their words ("X said", "according to X"), ranked
 * by the topic when the question gives one, with the quotations themselves beside them. A
 * question whose speaker the sources never quote nor report falls back to an ordinary ask.
 */
import { MESSAGES } from '../messages.ts';
import { ASK_TUNING, confidenceOf, rank, type Answer, type AskResponse } from './ask.ts';
import type { IndexedPassage, PassageIndex } from './index.ts';
import { tokenize } from './analyzer.ts';
import { planQuery } from './query.ts';
import type { QuoteIndex } from './quotes.ts';
import type { Lexicon } from './related.ts';
import { POST_QUALIFIERS, titles, TITLE_STARTS } from './titles.ts';
import type { Quotation, QuoteHit } from './types.ts';

/** Words that report speech, for passages that give someone's words without quotation marks. */
const REPORTING = /\b(?:said|says|say|told|tells|tell|telling|stated|(?<!united\s)states|wrote|writes|noted|notes|explained|declared|described|characteri[sz]ed|warned|announced|added|insisted|argued|claimed|emphasi[sz]ed|stressed|called|speaking|according to)\b/i;
/** Words in quotation marks. */
const QUOTED = /"[^"]*"|“[^”]*”/g;
/** Passages looked at for a speaker's name, at most. */
const MAX_NAMED = 200;

/** Words of a title ("Iran's foreign minister", "the supreme leader"): a speaker named by the post they hold. */
const TITLE_WORDS = new RegExp(`^(?:${[...TITLE_STARTS, 'Leader'].join('|')})$`, 'i');

/** A spokesman, a spokeswoman and a spokesperson hold one post. */
const SPOKES = ['spokesman', 'spokeswoman', 'spokesperson'];
const samePost = (word: string): string => (SPOKES.includes(word) ? 'spokesperson' : word);

/**
 * The person the text gives the title `who` names: every title word of it before their name
 * ("Iranian Foreign Minister Abbas Araghchi" for "Iran's foreign minister"), and the rest of
 * `who` too when it says more ("Iran's": Iranian), most often so titled first. Only the
 * passages that hold the title words are read.
 */
export function speakerByTitle(who: string, index: PassageIndex): string | undefined {
  const analyzer = index.analyzer;
  const words = tokenize(who).map((t) => t.folded);
  const wanted = words.filter((w) => TITLE_WORDS.test(w)).map(samePost);
  if (wanted.length === 0) return undefined;
  // "us" before a post is the country ("the us envoy"), not the pronoun.
  const rest = words.filter((w) => !TITLE_WORDS.test(w) && (!analyzer.stopwords.has(w) || w === 'us') && w.length >= 2 && !POST_QUALIFIERS.has(analyzer.chatForm(w)));
  const weights = new Map(wanted.flatMap((w) => (w === 'spokesperson' ? SPOKES : [w])).flatMap((w) => { const t = analyzer.term(w); return t ? [[t, 1] as [string, number]] : []; }));
  // Each person so titled: how often, whether a title of theirs holds the question's other words,
  // and whether any of their titles says whose post it is ("Iranian Foreign Minister").
  const found = new Map<string, { count: number; qualified: boolean; owned: boolean }>();
  for (const hit of index.query(weights, MAX_NAMED)) {
    for (const [term, mentions] of titles(hit.passage.text, analyzer)) {
      const seen = found.get(term) ?? { count: 0, qualified: false, owned: false };
      found.set(term, seen);
      for (const m of mentions) {
        const held = m.before.toLowerCase().split(/[\s,]+/).map(samePost);
        if (!wanted.every((w) => held.includes(w))) continue;
        // Whose post it is, read from the mentions that give this post ("Indeed, Trump …" says nothing).
        seen.owned ||= m.before.split(/[\s,]+/).some((w) => /^\p{Lu}/u.test(w) && !TITLE_WORDS.test(w) && !analyzer.stopwords.has(w.toLowerCase()) && !POST_QUALIFIERS.has(w.toLowerCase()));
        seen.count++;
        // "Iran's" (or "irans") is met by "Iranian", "American" by "U.S.": a held word that
        // begins with it, or the same name.
        const heldTerms = new Set(analyzer.terms(m.before));
        seen.qualified ||= rest.some((r) => heldTerms.has(analyzer.term(r) ?? '') || held.some((h) => h.replace(/\./g, '').startsWith(r.replace(/\./g, '').replace(/(?<=..)s$/, ''))));
      }
    }
  }
  // A holder of another country's post is not the one asked for ("the Omani foreign minister" is
  // not Araghchi, whom the text calls Iranian); one whose post the text never gives a country may
  // be any country's ("Iran's spokeswoman": the government spokeswoman).
  const fits = [...found].filter(([, f]) => f.count > 0 && (rest.length === 0 || f.qualified || !f.owned));
  // One whose post the text gives the country asked for comes before one it gives none.
  return fits.sort((a, b) => Number(b[1].qualified) - Number(a[1].qualified) || b[1].count - a[1].count)[0]?.[0];
}

/**
 * The alias term of the speaker that `who` names: a person by name, with a misspelling allowed
 * ("shermen"), or by the title the text gives them ("the supreme leader"), else a body or place
 * ("Tehran").
 */
export function speakerTerm(who: string, index: PassageIndex): string | undefined {
  const analyzer = index.analyzer;
  const aliases = analyzer.analyze(who).filter((t) => t.alias && analyzer.kinds.get(t.term) !== 'term');
  const person = aliases.find((t) => analyzer.kinds.get(t.term) === 'person');
  if (person) return person.term;
  const titled = speakerByTitle(who, index);
  if (titled) return titled;
  // A first name the sources never write alone ("what did steve say"), when it is one person's.
  for (const t of analyzer.analyze(who)) {
    const people = (analyzer.nameParts.get(t.folded) ?? []).filter((p) => index.df(p) > 0);
    if (!t.alias && index.df(t.term) === 0 && people.length === 1) return people[0];
  }
  const named = aliases[0];
  if (named) return named.term;
  for (const t of analyzer.analyze(who)) {
    if (t.folded.length < 4 || !/^\p{L}+$/u.test(t.folded)) continue;
    const close = index.fuzzy(t.folded, t.folded.length >= 8 ? 2 : 1).find((f) => analyzer.canonical.has(f.term) && analyzer.kinds.get(f.term) !== 'term');
    if (close) return close.term;
  }
  return undefined;
}

/**
 * The answer with its bold sentence where the speaker speaks: the one holding their quotation (a
 * statement before a scare quote), else one that reports them; else as ranked.
 */
function withSpeakingSentence(answer: Answer, theirs: readonly Quotation[], reports: (sentence: string) => boolean): Answer {
  const p = answer.passage;
  const held = theirs.filter((q) => q.passageId === p.id).sort((a, b) => Number(a.kind === 'term') - Number(b.kind === 'term'));
  const at = held[0] ? held[0].start - p.start : -1;
  const span = p.sentences.find((s) => at >= s.start && at < s.end) ?? p.sentences.find((s) => reports(p.text.slice(s.start, s.end)));
  return span ? { ...answer, highlight: { text: p.text.slice(span.start, span.end), span } } : answer;
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
  // Passages holding something they said, not only a word or two they used ("sole focus").
  const stating = new Set(theirs.filter((q) => q.kind === 'statement').map((q) => q.passageId));
  const reporting = new Set<string>();
  // A passage reports their words when one of its sentences names them, outside what it quotes,
  // and reports speech: "the statement noted …" beside "Araghchi and Whitcoff held a brief
  // meeting" reports someone else, as does Sherman "telling U.S. media that 'Whitcoff faces …'".
  const reports = (s: string): boolean => REPORTING.test(s) && index.analyzer.terms(s.replace(QUOTED, ' ')).includes(term);
  for (const hit of index.query(new Map([[term, 1]]), MAX_NAMED)) {
    if (hit.passage.sentences.some((s) => reports(hit.passage.text.slice(s.start, s.end)))) reporting.add(hit.passage.id);
  }
  if (holding.size === 0 && reporting.size === 0) return undefined;
  const plan = planQuery(about ? `${name} ${about}` : name, index, lexicon);
  const accept = (p: IndexedPassage): boolean => holding.has(p.id) || reporting.has(p.id);
  const ranked = rank(plan, index, Math.max(limit, holding.size + reporting.size), accept);
  // With no topic, the passages that quote the speaker (a statement before a scare quote) come
  // before those that only report them;
  // with one, a passage that quotes them counts as much more as a sentence that holds the kind
  // of answer asked for ("about the talks" meets nearly every passage alike).
  const quoting = (a: Answer): number => a.score + (holding.has(a.passage.id) ? ASK_TUNING.kindShare : 0);
  const ordered = about
    ? [...ranked].sort((a, b) => quoting(b) - quoting(a))
    : [...ranked.filter((a) => stating.has(a.passage.id)), ...ranked.filter((a) => holding.has(a.passage.id) && !stating.has(a.passage.id)), ...ranked.filter((a) => !holding.has(a.passage.id))];
  // With a topic, the sentence that meets it is the one to read; without, the one where they speak.
  const answers = ordered.slice(0, limit).map((a) => (about ? a : withSpeakingSentence(a, theirs, reports)));
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
    // A passage that reports their words ("Bagheri announced that …") answers as a quotation does.
    confidence: first !== undefined ? confidenceOf(ordered) : 'low',
    intent: 'said',
    speaker: name,
    quotes: shown,
  };
}
