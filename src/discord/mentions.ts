/**
 * Questions asked in conversation: a message that @mentions the bot, or any message in a DM to
 * it, is asked as /ask is (same reply, limits, escaping, paging buttons and per-user cooldown,
 * shared with /ask) and answered in a reply in the same channel; no thread is opened. The reply
 * may ping the asker and no one else. A mention with no question gets the help. Messages from
 * bots (the bot itself included) and guild messages that do not mention the bot are ignored.
 *
 * Every question ends in one log line, "message", with via (mention, dm), user, guild,
 * latencyMs and outcome: ok, help, cooldown, error (the engine threw; a short error was sent)
 * or failed (Discord refused the reply: no permission to write in that channel, say).
 */
import type { Message, MessageMentionOptions } from 'discord.js';
import { cooldownMessage, type Cooldowns } from './cooldown.ts';
import { oneLine } from './escape.ts';
import { logQuestion } from './feedback.ts';
import { DEFAULT_COOLDOWN_S, ERROR_MESSAGE } from './interactions.ts';
import { askReply, helpReply } from './replies.ts';
import { replyToMessage, type Reply } from './respond.ts';
import type { CommandContext } from './types.ts';

export type MessageOutcome = 'ok' | 'help' | 'cooldown' | 'error' | 'failed';

/**
 * The question a message asks the bot `botId`: its text without the bot's mentions, on one line.
 * Null when the message is not for the bot (in a guild, it does not mention it).
 */
export function questionIn(content: string, botId: string, inDm: boolean): string | null {
  const mention = new RegExp(`<@!?${botId}>`, 'g');
  const stripped = content.replace(mention, ' ');
  if (!inDm && stripped === content) return null;
  return oneLine(stripped).trim();
}

/** The asker, and no one else, may be pinged (by the reply itself). */
function askerOnly(userId: string): MessageMentionOptions {
  return { users: [userId], repliedUser: true };
}

export function createMessageHandler(ctx: CommandContext, cooldowns: Cooldowns): (message: Message) => Promise<void> {
  const { log } = ctx;
  const askCooldownMs = (ctx.commands.find((c) => c.data.name === 'ask')?.cooldown ?? DEFAULT_COOLDOWN_S) * 1000;

  const send = (message: Message, reply: Reply): Promise<boolean> => replyToMessage(message, { ...reply, allowedMentions: askerOnly(message.author.id) }, log);

  async function answer(message: Message, question: string): Promise<MessageOutcome> {
    if (question === '') return (await send(message, helpReply(ctx.engine, ctx.commands))) ? 'help' : 'failed';
    // The same key as /ask's, so a question by mention and one by /ask share one cooldown.
    const wait = cooldowns.take(`ask:${message.author.id}`, askCooldownMs);
    if (wait > 0) return (await send(message, { content: cooldownMessage(wait) })) ? 'cooldown' : 'failed';
    const reply = askReply(ctx.engine, question, { askerId: message.author.id });
    logQuestion(log, reply.asked);
    return (await send(message, reply)) ? 'ok' : 'failed';
  }

  return async (message) => {
    if (message.author.bot || message.system) return;
    const inDm = !message.inGuild();
    const question = questionIn(message.content, message.client.user.id, inDm);
    if (question === null) return;
    const started = performance.now();
    let outcome: MessageOutcome;
    let failure: unknown;
    try {
      outcome = await answer(message, question);
    } catch (err) {
      outcome = 'error';
      failure = err;
      await send(message, { content: ERROR_MESSAGE }).catch((e: unknown) => log.error(`message ${message.id}: could not send the error`, e));
    }
    const fields = {
      message: message.id,
      via: inDm ? 'dm' : 'mention',
      user: message.author.id,
      guild: message.guildId,
      latencyMs: Math.round(performance.now() - started),
      outcome,
    };
    if (outcome === 'error') log.error('message', failure, fields);
    else if (outcome === 'failed') log.warn('message', undefined, fields);
    else log.info('message', fields);
  };
}
