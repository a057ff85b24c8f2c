/**
 * The words users read in answers and notices, in one place, for every front end (Discord, the
 * console, the command line). Functions take what varies; nothing here knows a source by name.
 */

export const MESSAGES = {
  askEmpty: 'The question has no words to search for: ask about the talks in a few words.',
  askNotCovered: 'The sources do not cover this question.',
  /** No word of the question ties it to the sources, though they use some of its words. */
  askTooGeneral: 'Nothing in the question ties it to the sources: name a person, place or event of the talks.',
  /** Shown above closest passages when the engine is not confident they answer. */
  askLowConfidence: 'The sources may not answer this directly; the closest passages:',
  /** The same for a yes-or-no question, which is never answered as sure. */
  askYesNo: 'A yes-or-no question: judge the answer from the closest passages:',
  /** Which of the two heads passages the engine is not sure of. */
  askUnsure: (yesNo: boolean): string => (yesNo ? MESSAGES.askYesNo : MESSAGES.askLowConfidence),
  askNotEnglish: (language: string): string =>
    `This looks like ${language}; the sources are in English, so ask in English (for example: when did the talks start?).`,
  askUnmentioned: (names: readonly string[]): string => `The sources do not mention ${joinNames(names)}.`,
  /** Heading of the differences an /ask about where the sources disagree answers with. */
  askDifferences: 'Where the sources differ in names, titles, dates and figures (differences of view are not detected):',
  askNoDifferences: 'The sources do not contradict each other on the topics they share.',
  /** Heading of the gist of the texts ("tldr"), or of one named text. */
  askGist: (sources: readonly string[]): string =>
    sources.length === 1 ? `The gist of ${sources[0]}: how it opens and how it concludes.` : 'The gist: how each source opens and how it concludes.',
  /** When the texts asked about came out, from their front matter ("2025-04-14"). */
  askPublished: (sources: readonly { id: string; date: string }[]): string =>
    `${sources.map((s, i) => `${s.id}${i === 0 ? ' was published on' : ' on'} ${longDate(s.date)}`).join('; ')}. How ${sources.length === 1 ? 'it opens' : 'each opens'}:`,
  /** Heading of a speaker's quotations, for /ask "what did X say". */
  askQuotesOf: (speaker: string): string => `What ${speaker} is quoted as saying:`,
  quoteEmpty: 'Give a speaker or some words of a quotation.',
  quoteNone: 'No quotation by that speaker or with those words.',
  compareNone: 'Neither source covers this topic.',
  compareNoneOfMany: 'No source covers this topic.',
  compareNotCovered: (sources: readonly string[]): string => `Not covered by ${joinNames(sources, 'or')}.`,
  compareWeak: (source: string): string => `${source} only touches on this in passing.`,
  feedbackHelpful: 'Helpful',
  feedbackNotHelpful: 'Not helpful',
  feedbackThanks: 'Thanks: noted, so the owner of this bot knows which answers to improve.',
  /** How to ask in conversation, in the help. */
  mentionHelp: 'Mention me with a question in a channel, or send me one in a direct message: I reply as /ask does.',
  helpIntro: (sources: readonly string[]): string =>
    `I answer from ${sources.length === 1 ? 'one article' : `${sources.length} articles`} on the April 2025 US–Iran talks in Oman (${joinNames(sources)}), always naming the source.`,
} as const;

/** "China", "China and Russia", "China, Russia and Turkey" (or "… or Turkey"). */
export function joinNames(names: readonly string[], last: 'and' | 'or' = 'and'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2025-04-14" as "14 April 2025". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1] ?? ''} ${y}`;
}
