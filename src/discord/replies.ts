/**
 * The messages the commands send, built from engine answers: content (the query line, a
 * mention when the answer is addressed to someone), embeds fitted to Discord's limits and
 * paging buttons. Shared by /ask, "Find in sources", questions asked by @mention or DM and their
 * page buttons, and by /quote, /compare and /help.
 */
import type { MessageMentionOptions } from 'discord.js';
import type { AskResponse } from '../search/ask.ts';
import { oneLine } from './escape.ts';
import { MESSAGES } from '../messages.ts';
import { fitEmbeds, LIMITS, truncate } from './limits.ts';
import { pageButtons, pageOf, queryLine } from './paging.ts';
import { feedbackButtons, type AskedQuestion, type QuestionOutcome } from './feedback.ts';
import { commandType } from './loader.ts';
import { answerEmbed, compareEmbeds, differencesEmbed, helpEmbed, quoteEmbed, quotesListEmbed } from './render.ts';
import type { Reply } from './respond.ts';
import type { BotEngine, Command, CommandHelp } from './types.ts';

/** Longest query the bot takes (the slash options' max_length; message text is cut to it). */
export const MAX_QUERY_CHARS = 300;
export const ASK_PAGE_SIZE = 3;
export const QUOTE_PAGE_SIZE = 4;
export const MAX_PAGES = 5;

export interface ReplyOptions {
  /** The user who asked: the only one who may turn pages. */
  readonly askerId: string;
  readonly page?: number;
  /** Address the answer to this user (the message's only allowed mention). */
  readonly targetId?: string;
  readonly ephemeral?: boolean;
}

/** A query as the bot uses it: one line, at most MAX_QUERY_CHARS (cut at a word, no ellipsis). */
export function cleanQuery(text: string): string {
  // trimEnd: a cut that drops a lone trailing backslash can leave a space at the end, which the
  // query line trims, and a hashed page button would then no longer match its message.
  return truncate(oneLine(text), MAX_QUERY_CHARS, '').trimEnd();
}

function header(label: string, query: string, opts: ReplyOptions): { content: string; allowedMentions: MessageMentionOptions } {
  const lines = [queryLine(label, query)];
  if (opts.targetId) lines.unshift(`<@${opts.targetId}>, this answer is for you.`);
  return { content: lines.join('\n'), allowedMentions: opts.targetId ? { users: [opts.targetId] } : { parse: [] } };
}

function withNotice(content: string, notice: string | undefined): string {
  return notice ? `${content}\n${notice}` : content;
}

/** An /ask answer, and what was asked for the "question" log event. */
export interface AskReply extends Reply {
  readonly asked: AskedQuestion;
}

/** Not answered: no passage, a name the sources never mention, another language; unsure: only the closest passages. */
function outcomeOf(response: AskResponse): QuestionOutcome {
  if (response.answers.length === 0 || (response.unmentioned ?? []).length > 0 || response.language !== undefined) return 'unanswered';
  return response.confidence === 'low' && !response.intent ? 'unsure' : 'answered';
}

export function askReply(engine: BotEngine, question: string, opts: ReplyOptions): AskReply {
  const query = cleanQuery(question);
  const response = engine.ask(query, ASK_PAGE_SIZE * MAX_PAGES);
  const head = header('Question', query, opts);
  const ephemeral = opts.ephemeral ?? false;
  const outcome = outcomeOf(response);
  if (response.answers.length === 0) {
    return { ...head, content: withNotice(head.content, response.notice ?? MESSAGES.askNotCovered), ephemeral, asked: { question: query, outcome, passages: [] } };
  }
  const page = pageOf(response.answers, opts.page ?? 0, ASK_PAGE_SIZE);
  const shown = page.items.map((a) => a.passage.id);
  // What the reader should know before the passages: a name the sources never mention, that
  // the closest passages may not answer, where the sources differ, what a speaker said.
  const notices = [
    response.unmentioned || response.intent === 'gist' || response.intent === 'published' ? response.notice : undefined,
    response.confidence === 'low' && !response.intent ? MESSAGES.askUnsure(response.yesNo ?? false) : undefined,
  ];
  const first = page.page === 0;
  const lead =
    first && response.intent === 'differences' && (response.differences ?? []).length > 0
      ? [differencesEmbed({ differences: response.differences ?? [] })]
      : first && response.intent === 'said' && response.speaker && (response.quotes ?? []).length > 0
        ? [quotesListEmbed(response.speaker, response.quotes ?? [])]
        : [];
  return {
    ...head,
    content: truncate(notices.reduce<string>((c, n) => withNotice(c, n), head.content), LIMITS.content),
    embeds: fitEmbeds([...lead, ...page.items.map((a, k) => answerEmbed(a, page.first + k, page.total))]),
    components: [...pageButtons('ask', opts.askerId, query, page.page, page.pageCount), feedbackButtons(shown)],
    ephemeral,
    asked: { question: query, outcome, passages: shown },
  };
}

export function quoteReply(engine: BotEngine, text: string, opts: ReplyOptions): Reply {
  const query = cleanQuery(text);
  const response = engine.quote(query, QUOTE_PAGE_SIZE * MAX_PAGES);
  const head = header('Quotations', query, opts);
  const ephemeral = opts.ephemeral ?? false;
  if (response.quotes.length === 0) {
    return { ...head, content: withNotice(head.content, response.notice ?? MESSAGES.quoteNone), ephemeral };
  }
  const page = pageOf(response.quotes, opts.page ?? 0, QUOTE_PAGE_SIZE);
  const heading = (passageId: string): string | null | undefined => engine.index.get(passageId)?.heading;
  return {
    ...head,
    embeds: fitEmbeds(page.items.map((h, k) => quoteEmbed(h, heading(h.quotation.passageId), page.first + k, page.total))),
    components: pageButtons('quote', opts.askerId, query, page.page, page.pageCount),
    ephemeral,
  };
}

export function compareReply(engine: BotEngine, topic: string, opts: Omit<ReplyOptions, 'page'>): Reply {
  const query = cleanQuery(topic);
  const response = engine.compare(query);
  const head = header('Topic', query, opts);
  const covered = response.sides.some((s) => s.passages.length > 0);
  return {
    ...head,
    content: withNotice(head.content, response.notice ?? (covered ? undefined : MESSAGES.compareNone)),
    embeds: covered ? compareEmbeds(response) : [],
    ephemeral: opts.ephemeral ?? false,
  };
}

/** How to ask by @mention or DM, listed after the commands in the help. */
export const MENTION_HELP: CommandHelp = {
  usage: '@mention me, or DM me',
  description: MESSAGES.mentionHelp,
  example: '@TalksBot who mediated the talks?',
};

/** Every command with what it does (slash commands first, then the right-click ones), then how to ask by mention. */
export function helpReply(engine: Pick<BotEngine, 'sources'>, commands: readonly Command[]): Reply {
  const ordered = [...commands].sort((a, b) => commandType(a.data.toJSON()) - commandType(b.data.toJSON()));
  const entries = ordered.map((c) => {
    const json = c.data.toJSON();
    return c.help ?? { usage: c.data.name, description: 'description' in json && json.description ? json.description : c.data.name };
  });
  const sources = engine.sources().map((s) => s.meta.id);
  return { embeds: [helpEmbed([...entries, MENTION_HELP], sources)], ephemeral: true };
}
