/**
 * Routes each interaction to its command: slash and message commands to `execute` (after the
 * cooldown), autocomplete to `autocomplete`, paging buttons to `page` (the asker only), feedback
 * buttons to their log event (anyone may vote; feedback.ts). Any
 * error ends in a short ephemeral message; the handler itself never throws.
 *
 * Every interaction ends in exactly one log line, "interaction", with what it was (kind,
 * command), who (user, guild), how long it took (latencyMs: from receipt to answered; ageMs:
 * from Discord's creation of it) and how it ended (outcome):
 *
 *   ok            answered
 *   cooldown      told to wait
 *   denied        a page button pressed by someone else than the asker
 *   stale         a page button that no longer works
 *   unknown       a command the bot does not have (out-of-date registration)
 *   error         the command threw; the user got the short error message (err holds the stack)
 *   expired       Discord no longer knew the interaction (10062 / 10015: the 3 s window passed)
 *   acknowledged  Discord said it was already answered (40060)
 *   unanswered    the handler ended without answering (a bug in a command)
 */
import { ApplicationCommandType, type Interaction } from 'discord.js';
import { cooldownMessage, Cooldowns } from './cooldown.ts';
import { logVote, parseVoteCustomId } from './feedback.ts';
import { MESSAGES } from '../messages.ts';
import { commandType } from './loader.ts';
import { parsePageCustomId, resolvePageQuery } from './paging.ts';
import { goneCode, replyError, respond } from './respond.ts';
import type { Command, CommandContext } from './types.ts';

export const DEFAULT_COOLDOWN_S = 3;
export const ERROR_MESSAGE = 'Sorry, something went wrong while answering. Please try again in a moment.';

export function createInteractionHandler(ctx: CommandContext, cooldowns: Cooldowns = new Cooldowns()): (i: Interaction) => Promise<void> {
  const byKey = new Map<string, Command>();
  for (const c of ctx.commands) byKey.set(`${commandType(c.data.toJSON())}:${c.data.name}`, c);
  const { log } = ctx;

  return async (i) => {
    const started = performance.now();
    let outcome: Outcome = 'ok';
    let failure: unknown;
    try {
      outcome = await route(i);
    } catch (err) {
      outcome = 'error';
      failure = err;
      await replyError(i, ERROR_MESSAGE, log);
    }
    const code = goneCode(i);
    if (code !== undefined) outcome = code === 40060 ? 'acknowledged' : 'expired';
    else if (outcome !== 'error' && !answered(i)) outcome = 'unanswered';
    const fields = {
      interaction: i.id,
      kind: kindOf(i),
      command: commandOf(i),
      user: i.user.id,
      guild: i.guildId,
      latencyMs: Math.round(performance.now() - started),
      ageMs: Date.now() - i.createdTimestamp,
      outcome,
      ...(code !== undefined ? { code } : {}),
    };
    if (outcome === 'error') log.error('interaction', failure, fields);
    else if (outcome === 'expired' || outcome === 'acknowledged' || outcome === 'unanswered') log.warn('interaction', failure, fields);
    else log.info('interaction', fields);
  };

  async function route(i: Interaction): Promise<Outcome> {
    if (i.isAutocomplete()) {
      const command = byKey.get(`${ApplicationCommandType.ChatInput}:${i.commandName}`);
      if (command?.autocomplete) await command.autocomplete(i, ctx);
      else await i.respond([]);
      return 'ok';
    }
    if (i.isChatInputCommand() || i.isMessageContextMenuCommand()) {
      const command = byKey.get(`${i.commandType}:${i.commandName}`);
      if (!command) {
        await replyError(i, `I don't know the command "${i.commandName}": it may be out of date. Try /help.`, log);
        return 'unknown';
      }
      const wait = cooldowns.take(`${i.commandName}:${i.user.id}`, (command.cooldown ?? DEFAULT_COOLDOWN_S) * 1000);
      if (wait > 0) {
        await respond(i, { content: cooldownMessage(wait), ephemeral: true }, log);
        return 'cooldown';
      }
      await command.execute(i, ctx);
      return 'ok';
    }
    if (i.isButton() && parseVoteCustomId(i.customId)) {
      const vote = parseVoteCustomId(i.customId);
      if (vote) logVote(log, vote, i.message.content, (id) => ctx.engine.index.get(id)?.source);
      await respond(i, { content: MESSAGES.feedbackThanks, ephemeral: true }, log);
      return 'ok';
    }
    if (i.isButton()) {
      const state = parsePageCustomId(i.customId);
      const command = state ? byKey.get(`${ApplicationCommandType.ChatInput}:${state.command}`) : undefined;
      if (!state || !command?.page) {
        await replyError(i, 'This button no longer works: run the command again.', log);
        return 'stale';
      }
      if (i.user.id !== state.userId) {
        await respond(i, { content: `Only <@${state.userId}> can turn these pages: run /${state.command} to get your own.`, ephemeral: true }, log);
        return 'denied';
      }
      const query = resolvePageQuery(state, i.message.content);
      if (query === null) {
        await respond(i, { content: `These pages can no longer be turned: run /${state.command} again.`, ephemeral: true }, log);
        return 'stale';
      }
      await command.page(i, { command: state.command, userId: state.userId, page: state.page, query }, ctx);
      return 'ok';
    }
    return 'ok';
  }
}

export type Outcome = 'ok' | 'cooldown' | 'denied' | 'stale' | 'unknown' | 'error' | 'expired' | 'acknowledged' | 'unanswered';

function kindOf(i: Interaction): string {
  if (i.isAutocomplete()) return 'autocomplete';
  if (i.isChatInputCommand()) return 'command';
  if (i.isContextMenuCommand()) return 'menu';
  if (i.isButton()) return 'button';
  return 'other';
}

function commandOf(i: Interaction): string | null {
  if (i.isCommand() || i.isAutocomplete()) return i.commandName;
  if (i.isButton()) return parsePageCustomId(i.customId)?.command ?? (parseVoteCustomId(i.customId) ? 'feedback' : i.customId.slice(0, 40));
  return null;
}

/** Whether anything was sent in answer (an autocomplete's choices, a reply, a defer or an update). */
function answered(i: Interaction): boolean {
  if (i.isAutocomplete()) return i.responded;
  if (i.isRepliable()) return i.replied || i.deferred;
  return true;
}
