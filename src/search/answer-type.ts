/**
 * What a question asks for, and which sentences hold that kind of thing. "When did the talks
 * take place?" wants a date, not the sentence that best repeats "take place"; "Who …" a person or
 * a body; "How much / how many …" a figure; "How long …" a span of time; "Where …" a place; "Why …" a reason.
 *
 * The question's form is read from its first words (English grammar, not data about the
 * sources); a sentence's kinds are read from its words: dates and relative times, figures, the
 * alias table's people, bodies and places, titles and roles, reason words.
 */
import type { Analyzer } from './analyzer.ts';

export type AnswerKind = 'date' | 'person' | 'number' | 'duration' | 'place' | 'reason';

export const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/** A date or a relative time ("April 12", "May 2024", "next week", "in 2020"); compare reads dates with it too. */
export const DATE = new RegExp(
  `\\b(?:${MONTH}\\s+\\d{1,2}(?:,\\s*\\d{4})?|\\d{1,2}\\s+${MONTH}(?:\\s+\\d{4})?|${MONTH}\\s+\\d{4}|(?:next|last|this|the following|previous)\\s+(?:week|month|year|round|day)|in\\s+\\d{4}|since\\s+\\d{4}|tomorrow|yesterday)\\b`,
  'g',
);
const DATE_WORDS = new RegExp(`\\b(?:${MONTH}|(?:19|20)\\d{2}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weeks?|months?|years?|decades?)\\b`);
const NUMBER_WORDS = /\b(?:\d+(?:[.,]\d+)?\s*(?:%|per\s*cent|percent)|\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|trillions?|half|double|twice|several|many|few)\b/i;
/** A span of time: a figure and its unit ("two and a half hours", "40 years", "a few days"). */
const DURATION = /\b(?:\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|half)(?:\s+(?:and\s+a\s+half|and|a|an|half|few))*\s+(?:hours?|minutes?|days?|weeks?|months?|years?|decades?)\b/i;
/** DATE for a yes-or-no test (a global regex keeps its place between calls). */
const HAS_DATE = new RegExp(DATE.source);
/** A four-digit year is a date, not a figure. */
const YEAR = /\b(?:19|20)\d{2}\b/g;
const ROLE = /\b(?:President|Minister|Envoy|Secretary|Leader|Ayatollah|Spokes(?:man|woman|person)|Ambassador|Commander|General|Chief|Director|diplomat|official|negotiator|mediator|envoy|minister|leader|president|spokes(?:man|woman|person)|analyst|researcher|scholar|expert|author|journalist|professor|fellow|commentator|observer)\b/;
const PLACE_WORDS = /\b(?:in|at|to|from)\s+(?:the\s+)?\p{Lu}\p{L}+/u;
const REASON = /\b(?:because|due to|as a result|in order to|so that|so as to|aim(?:s|ed)? to|seek(?:s|ing)? to|sought|motiv\w*|reasons?|driven by|out of|fear\w*|pressure\w*|desperat\w*|need(?:s|ed)? to|wants? to|to avoid|to secure|to ease|to preserve|to gain|given|amid|explain(?:s|ed)? why|considerations?|reflect(?:s|ed|ing)?|following|prompt(?:s|ed|ing)|trigger(?:s|ed)?|stem(?:s|med)? from|result(?:s|ed)? (?:in|from)|led to|leads? to)\b/i;

/** The kinds of answer a question accepts, best first; empty when its form says nothing. */
export function expectedKinds(question: string): readonly AnswerKind[] {
  // Chat writes "when's" and "whens" alike.
  const q = question.toLowerCase().replace(/[’']/g, "'").replace(/\b(when|where|who|why|how)'?s\b/g, '$1');
  if (/\b(?:when|what (?:date|day|time|year|month)|which (?:date|day|year|month)|how long ago|since when)\b/.test(q)) return ['date'];
  if (/\bhow long\b/.test(q)) return ['duration'];
  if (/\bhow (?:much|many|big|large|often)\b|\bwhat (?:percent|percentage|number|amount|share)\b/.test(q)) return ['number'];
  if (/\b(?:who|whom|whose)\b|\bwhich (?:person|official|minister|leader|envoy|guy|man|woman)\b/.test(q)) return ['person'];
  if (/\bwhere\b|\b(?:which|what) (?:country|countries|city|place|state)\b/.test(q)) return ['place'];
  if (/\bwhy\b|\bwhat for\b|\bhow come\b|\bwhat (?:made|makes|drove|drives|pushed|pushes)\b|\bmotiv/.test(q)) return ['reason'];
  return [];
}

/**
 * The question without the words of its form that name what it asks for, not what it is about:
 * "how long did they talk" is about the talking ("long-standing" is no answer), "what year was
 * Soleimani killed" about the killing (the kind of answer, a date, is read by expectedKinds).
 */
export function withoutFrame(question: string): string {
  return question.replace(/\bhow\s+long\b/gi, 'how').replace(/\b(what|which)\s+(?:year|month|day|date|time)\b/gi, '$1');
}

/**
 * Whether a question asks yes or no ("did Iran accept the UAE as mediator?", "so is the pmf
 * really disarming"): it opens, after a few words of chat, with an auxiliary verb.
 */
export function asksYesNo(question: string): boolean {
  // A few words set off by a comma ("hold on, was …") or chat words ("so did …") may come first.
  return /^\W*(?:(?:[\p{L}']+\s+){0,2}[\p{L}']+,\s*)?(?:(?:so|ok|okay|wait|yo|hey|and|but|also|lol|tldr|pls|hmm+|um+)\W+){0,3}(?:did|does|do|is|was|were|are|am|can|could|has|have|had|will|would|should|shall)(?:n['’]?t)?\b/iu.test(question);
}

/**
 * The kinds of answer a compare topic asks for: "next round", "timeline of the talks" want the
 * sentences that date things.
 */
export function topicKinds(topic: string): readonly AnswerKind[] {
  const kinds = expectedKinds(topic);
  if (kinds.length > 0) return kinds;
  return /\b(?:next|last|previous|upcoming|following|future|dates?|schedul\w*|timing|timeline)\b/i.test(topic) ? ['date'] : [];
}

/** The kinds of answer a sentence holds. */
export function kindsIn(sentence: string, analyzer: Analyzer): Set<AnswerKind> {
  const kinds = new Set<AnswerKind>();
  if (DATE_WORDS.test(sentence) || HAS_DATE.test(sentence)) kinds.add('date');
  if (NUMBER_WORDS.test(sentence.replace(YEAR, ''))) kinds.add('number');
  if (DURATION.test(sentence)) kinds.add('duration');
  if (ROLE.test(sentence)) kinds.add('person');
  if (PLACE_WORDS.test(sentence)) kinds.add('place');
  if (REASON.test(sentence)) kinds.add('reason');
  for (const t of analyzer.analyze(sentence)) {
    if (!t.alias) continue;
    const kind = analyzer.kinds.get(t.term);
    if (kind === 'person' || kind === 'org' || kind === 'media') kinds.add('person');
    if (kind === 'place') kinds.add('place');
  }
  return kinds;
}
