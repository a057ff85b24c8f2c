/**
 * "Helpful" / "Not helpful" buttons under an answer, stateless like the paging buttons: the
 * vote and the passages shown are in the custom id, the question is read back from the
 * message's "**Question:** …" line.
 *
 *   vote:<y|n>:<passage id>,<passage id>,…      (as many ids as fit in 100 characters)
 *
 * A press is logged as one "feedback" event, and every question asked as one "question" event;
 * `npm run report` reads them. Neither holds the user or any text but the question:
 *
 *   {"msg":"feedback","question":"who mediated the talks?","vote":"not-helpful","passages":["NEO-2"],"sources":["NEO"]}
 *   {"msg":"question","question":"what is the capital of france?","outcome":"unanswered","passages":[]}
 */
// discord.js's enums as types only: see paging.ts.
import type { APIActionRowComponent, APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { Logger } from '../log.ts';
import { MESSAGES } from '../messages.ts';
import { LIMITS } from './limits.ts';
import { queryFromContent } from './paging.ts';

export const VOTE_PREFIX = 'vote';
export type Vote = 'helpful' | 'not-helpful';

/** How a question went: answered, answered with the closest passages only, or not answered. */
export type QuestionOutcome = 'answered' | 'unsure' | 'unanswered';

export interface VoteState {
  readonly vote: Vote;
  readonly passageIds: readonly string[];
}

export function voteCustomId(vote: Vote, passageIds: readonly string[]): string {
  let id = `${VOTE_PREFIX}:${vote === 'helpful' ? 'y' : 'n'}:`;
  for (const [k, p] of passageIds.entries()) {
    const next = `${id}${k === 0 ? '' : ','}${p}`;
    if (next.length > LIMITS.customId) break;
    id = next;
  }
  return id;
}

export function parseVoteCustomId(customId: string): VoteState | null {
  const m = /^vote:([yn]):([A-Za-z0-9_,-]*)$/.exec(customId);
  if (!m) return null;
  return { vote: m[1] === 'y' ? 'helpful' : 'not-helpful', passageIds: (m[2] ?? '').split(',').filter((p) => p !== '') };
}

/** The row of the two buttons, for an answer showing `passageIds`. */
export function feedbackButtons(passageIds: readonly string[]): APIActionRowComponent<APIButtonComponent> {
  const button = (vote: Vote, label: string, style: ButtonStyle.Success | ButtonStyle.Secondary): APIButtonComponent => ({
    type: 2 satisfies ComponentType.Button,
    style,
    label,
    custom_id: voteCustomId(vote, passageIds),
  });
  return {
    type: 1 satisfies ComponentType.ActionRow,
    components: [button('helpful', MESSAGES.feedbackHelpful, 3 satisfies ButtonStyle.Success), button('not-helpful', MESSAGES.feedbackNotHelpful, 2 satisfies ButtonStyle.Secondary)],
  };
}

/** The sources of passage ids ("NEO-2" → "NEO"), once each, in order. */
export function sourcesOf(passageIds: readonly string[], sourceOf: (passageId: string) => string | undefined): string[] {
  return [...new Set(passageIds.map(sourceOf).filter((s): s is string => s !== undefined))];
}

/** Logs a press; the question is read from the message the buttons sit on (null when it cannot be). */
export function logVote(log: Logger, state: VoteState, messageContent: string, sourceOf: (passageId: string) => string | undefined): void {
  log.info('feedback', {
    question: queryFromContent(messageContent),
    vote: state.vote,
    passages: state.passageIds,
    sources: sourcesOf(state.passageIds, sourceOf),
  });
}

export interface AskedQuestion {
  readonly question: string;
  readonly outcome: QuestionOutcome;
  readonly passages: readonly string[];
}

export function logQuestion(log: Logger, asked: AskedQuestion): void {
  log.info('question', { question: asked.question, outcome: asked.outcome, passages: asked.passages });
}
