/**
 * "Where do the sources differ?": the differences compare finds (a name spelled two ways, a
 * title, a date, a figure), over one topic when the question gives one, else over the topics
 * compare offers, each difference once. The passages shown are each side's best on the topic
 * where the difference was found.
 */
import { MESSAGES } from '../messages.ts';
import { ASK_TUNING, rank, type Answer, type AskResponse } from './ask.ts';
import type { PassageIndex } from './index.ts';
import { planQuery } from './query.ts';
import type { Lexicon } from './related.ts';
import type { CompareResponse, Difference } from './types.ts';

export interface FoundDifference {
  readonly topic: string;
  readonly difference: Difference;
}

/**
 * Every difference compare finds over `topics`, in topic order, each once: a person's name or
 * title once per person (topics show them with more or fewer of the spellings), anything else
 * once per note.
 */
export function differencesOver(topics: readonly string[], compare: (topic: string) => CompareResponse): FoundDifference[] {
  const seen = new Set<string>();
  const out: FoundDifference[] = [];
  for (const topic of topics) {
    for (const difference of compare(topic).differences) {
      const key = difference.kind === 'name' || difference.kind === 'title' ? `${difference.kind}\n${difference.about}` : difference.note;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ topic, difference });
    }
  }
  return out;
}

export function askDifferences(
  query: string,
  about: string,
  everywhere: () => readonly FoundDifference[],
  compare: (topic: string) => CompareResponse,
  index: PassageIndex,
  lexicon: Lexicon,
  limit: number = ASK_TUNING.limit,
): AskResponse {
  const found = about ? compare(about).differences.map((difference) => ({ topic: about, difference })) : everywhere();
  if (found.length === 0) return { query, answers: [], notice: MESSAGES.askNoDifferences, confidence: 'low', intent: 'differences', differences: [] };
  const answers: Answer[] = [];
  for (const { topic, difference } of found) {
    const plan = planQuery(topic, index, lexicon);
    for (const { source, value } of difference.values) {
      // The passage that shows the difference: one holding the value as written, its fullest
      // form first ("Stephen Whitcoff" before "Whitcoff"), else the source's best on the topic.
      const forms = value.split(', ').sort((a, b) => b.length - a.length);
      const holding = forms.map((f) => rank(plan, index, 1, (p) => p.source === source && p.text.includes(f))[0]).find((a) => a !== undefined);
      const best = holding ?? rank(plan, index, 1, (p) => p.source === source)[0];
      if (best && !answers.some((a) => a.passage.id === best.passage.id)) answers.push(best);
    }
  }
  return {
    query,
    answers: answers.slice(0, limit),
    notice: MESSAGES.askDifferences,
    // What compare finds are differences of names, titles, dates and figures; whether they are
    // the disagreement the reader means, it cannot tell.
    confidence: 'low',
    intent: 'differences',
    differences: found.map((f) => f.difference),
  };
}
