/**
 * The evaluation on questions typed as new users type them (test/eval/users.json): their own
 * words, casual, some misspelled, off-topic questions that share a word with the sources, and a
 * few not in English. Every passage that answers an in-scope question is labelled by a phrase of
 * its answering sentence.
 *
 * The set is split by a fixed rule before any tuning: a question's position in the file, even
 * positions the tuning half, odd positions the held-out half. New questions are appended, so the
 * halves never change; nothing is tuned on the held-out half and its misses are not printed
 * unless asked for (`npm run eval -- --held-out-misses`).
 */
import { readFileSync } from 'node:fs';
import { holds, type Hit } from './retrieval.ts';

export type UserQuestionType =
  | 'when' | 'who' | 'where' | 'howmuch' | 'why' | 'yesno' | 'what' | 'how' | 'say' | 'differ' | 'offtopic' | 'foreign';

export interface Label {
  readonly source: string;
  /** The passage id when the set was written (ids may move; the phrase decides). */
  readonly passage?: string;
  /** Verbatim words of the sentence that answers. */
  readonly phrase: string;
}

export interface UserQuestion {
  readonly q: string;
  readonly type: UserQuestionType;
  /** Every passage that answers (in-scope questions). */
  readonly answers?: readonly Label[];
  /** A name the sources never mention, when the question is about it. */
  readonly absent?: string;
}

/** What a front end shows for one question, as the evaluation reads it. */
export interface Reply {
  readonly hits: readonly Hit[];
  /** The engine's confidence in its first answer; undefined for a searcher that gives none. */
  readonly confidence?: 'high' | 'low';
  /** Names the reply says the sources do not mention. */
  readonly unmentioned?: readonly string[];
  /** Whether the reply says the question is not in the sources' language. */
  readonly notEnglish?: boolean;
}
export type Replier = (question: string) => Reply;

/** A run of questions written at one time: from its first position to the next batch's. */
export interface Batch {
  readonly from: number;
  readonly about: string;
}

interface UsersFile {
  readonly questions: UserQuestion[];
  readonly batches?: Batch[];
}

const usersFile = (): UsersFile => JSON.parse(readFileSync(new URL('./users.json', import.meta.url), 'utf8')) as UsersFile;

export function loadUserQuestions(): UserQuestion[] {
  return usersFile().questions;
}

/** Each batch of the set with its questions, each keeping its position (and so its half). */
export function loadBatches(): { batch: Batch; tuning: UserQuestion[]; heldOut: UserQuestion[] }[] {
  const { questions, batches = [{ from: 0, about: '' }] } = usersFile();
  return batches.map((batch, i) => {
    const to = batches[i + 1]?.from ?? questions.length;
    const positions = questions.map((q, at) => ({ q, at })).filter(({ at }) => at >= batch.from && at < to);
    return { batch, tuning: positions.filter(({ at }) => at % 2 === 0).map(({ q }) => q), heldOut: positions.filter(({ at }) => at % 2 === 1).map(({ q }) => q) };
  });
}

/** The fixed split: even positions tune, odd positions are held out. */
export function splitHalves(questions: readonly UserQuestion[]): { tuning: UserQuestion[]; heldOut: UserQuestion[] } {
  return { tuning: questions.filter((_, i) => i % 2 === 0), heldOut: questions.filter((_, i) => i % 2 === 1) };
}

export const inScope = (q: UserQuestion): boolean => q.type !== 'offtopic' && q.type !== 'foreign';

/** Whether a hit is one of the passages labelled as answering. */
export function answers(q: UserQuestion, hit: Hit | undefined): boolean {
  return hit !== undefined && (q.answers ?? []).some((l) => l.source === hit.source && holds(hit.text, l.phrase));
}

export interface UserScores {
  readonly questions: number;
  readonly inScope: number;
  /** First answer right. */
  readonly recallAt1: number;
  /** A right passage among the first three. */
  readonly recallAt3: number;
  /** Of the questions whose first passage is right, the share whose bold sentence holds the answer. */
  readonly highlightGivenRight: number;
  /** Off-topic questions that abstained or said the name is not mentioned, of all off-topic. */
  readonly offTopicHandled: number;
  readonly offTopic: number;
  /** In-scope questions that got no passage. */
  readonly inScopeRefused: number;
  /** In-scope questions told that a name they ask about is not mentioned (the set's in-scope questions ask about what the sources hold). */
  readonly inScopeUnmentioned: number;
  /** Questions not in English that were told the sources are in English, of all such. */
  readonly foreignHandled: number;
  readonly foreign: number;
  /** Of first answers marked high, the share that are right (NaN when none is high); an off-topic question answered at high confidence is a wrong one. */
  readonly highPrecision: number;
  /** Off-topic questions answered at high confidence. */
  readonly offTopicHigh: number;
  /** Share of in-scope questions whose first answer is marked high. */
  readonly highShare: number;
  readonly byType: Readonly<Record<string, { n: number; right: number }>>;
  readonly misses: readonly string[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function scoreUsers(reply: Replier, questions: readonly UserQuestion[]): UserScores {
  let n = 0, r1 = 0, r3 = 0, hl = 0, off = 0, offOk = 0, offHigh = 0, refused = 0, unmentioned = 0, foreign = 0, foreignOk = 0, high = 0, highRight = 0;
  const byType: Record<string, { n: number; right: number }> = {};
  const misses: string[] = [];
  for (const q of questions) {
    const r = reply(q.q);
    const top = r.hits[0];
    if (q.type === 'offtopic') {
      off++;
      const handled = r.hits.length === 0 || (r.unmentioned ?? []).length > 0;
      if (handled) offOk++;
      else if (r.confidence === 'high') offHigh++;
      else misses.push(`[offtopic] ${q.q}\n      top: ${top ? `${top.source}: ${top.text.slice(0, 90)}` : '(none)'}${r.confidence ? ` (${r.confidence})` : ''}`);
      continue;
    }
    if (q.type === 'foreign') {
      foreign++;
      if (r.notEnglish) foreignOk++;
      else misses.push(`[foreign] ${q.q}`);
      continue;
    }
    n++;
    const t = (byType[q.type] ??= { n: 0, right: 0 });
    t.n++;
    if (r.hits.length === 0) refused++;
    if ((r.unmentioned ?? []).length > 0) {
      unmentioned++;
      misses.push(`[${q.type}] told "${(r.unmentioned ?? []).join(', ')}" is not mentioned: ${q.q}`);
    }
    const rank = r.hits.findIndex((h) => answers(q, h)) + 1;
    const right = rank === 1;
    if (right) {
      r1++;
      t.right++;
      if ((q.answers ?? []).some((l) => l.source === top?.source && holds(top.highlight ?? top.text, l.phrase))) hl++;
    }
    if (rank >= 1 && rank <= 3) r3++;
    if (r.confidence === 'high') {
      high++;
      if (right) highRight++;
    }
    if (!right) {
      misses.push(`[${q.type}] rank=${rank} ${q.q}${r.confidence ? ` (${r.confidence})` : ''}\n      top: ${top ? `${top.source}: ${top.text.slice(0, 90)}` : '(none)'}`);
    }
  }
  return {
    questions: questions.length,
    inScope: n,
    recallAt1: round(r1 / n),
    recallAt3: round(r3 / n),
    highlightGivenRight: r1 === 0 ? 0 : round(hl / r1),
    offTopicHandled: offOk,
    offTopic: off,
    inScopeRefused: refused,
    inScopeUnmentioned: unmentioned,
    foreignHandled: foreignOk,
    foreign,
    highPrecision: high + offHigh === 0 ? Number.NaN : round(highRight / (high + offHigh)),
    offTopicHigh: offHigh,
    highShare: round(high / n),
    byType,
    misses,
  };
}

/** What an autocomplete offers for a partial question: each choice's passage, best first. */
export type Suggest = (partial: string) => readonly Hit[];

export interface AutocompleteScores {
  /** In-scope questions whose first five choices hold a passage that answers them. */
  readonly right: number;
  readonly inScope: number;
  readonly misses: readonly string[];
}

/** The first half of a question's words (rounded up): what a user has typed halfway through it. */
export function firstHalf(question: string): string {
  const words = question.trim().split(/\s+/);
  return words.slice(0, Math.ceil(words.length / 2)).join(' ');
}

/** For each in-scope question, its first half typed: whether any of the first five choices is a passage that answers it. */
export function scoreAutocomplete(suggest: Suggest, questions: readonly UserQuestion[]): AutocompleteScores {
  let right = 0;
  const misses: string[] = [];
  const scoped = questions.filter(inScope);
  for (const q of scoped) {
    const partial = firstHalf(q.q);
    const choices = suggest(partial).slice(0, 5);
    if (choices.some((c) => answers(q, c))) right++;
    else misses.push(`[${q.type}] "${partial}" (${q.q})\n      first: ${choices[0] ? `${choices[0].source}: ${choices[0].text.slice(0, 90)}` : '(none)'}`);
  }
  return { right, inScope: scoped.length, misses };
}

/** The figures of several runs side by side, as a Markdown table. */
export function usersTable(rows: ReadonlyArray<readonly [string, UserScores]>): string {
  const lines = ['| metric | ' + rows.map(([name]) => name).join(' | ') + ' |', '|---|' + rows.map(() => '---:|').join('')];
  const metric = (label: string, f: (s: UserScores) => string): void => {
    lines.push(`| ${label} | ` + rows.map(([, s]) => f(s)).join(' | ') + ' |');
  };
  metric('questions (in scope)', (s) => `${s.questions} (${s.inScope})`);
  metric('first answer right', (s) => s.recallAt1.toFixed(3));
  metric('right passage in first three', (s) => s.recallAt3.toFixed(3));
  metric('bold sentence answers, first right', (s) => s.highlightGivenRight.toFixed(3));
  metric('off-topic abstained or name unmentioned', (s) => `${s.offTopicHandled}/${s.offTopic}`);
  metric('in-scope refused', (s) => String(s.inScopeRefused));
  metric('in-scope told a name is not mentioned', (s) => String(s.inScopeUnmentioned));
  metric('not English, told so', (s) => `${s.foreignHandled}/${s.foreign}`);
  metric('high confidence: right (off-topic answered high count as wrong)', (s) => (Number.isNaN(s.highPrecision) ? '–' : s.highPrecision.toFixed(3)));
  metric('off-topic answered at high confidence', (s) => String(s.offTopicHigh));
  metric('high confidence: share of in-scope', (s) => s.highShare.toFixed(3));
  return lines.join('\n');
}
