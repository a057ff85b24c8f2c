/**
 * Routes each interaction to its command: slash and message commands to `execute` (after the
 * cooldown), autocomplete to `autocomplete`, paging buttons to `page` (the asker only). Any
 * error ends in a short ephemeral message; the handler itself never throws.
 */
import { ApplicationCommandType, type Interaction } from 'discord.js';
import { cooldownMessage, Cooldowns } from './cooldown.ts';
import { commandType } from './loader.ts';
import { parsePageCustomId, resolvePageQuery } from './paging.ts';
import { replyError, respond } from './respond.ts';
import type { Command, CommandContext } from './types.ts';

export const DEFAULT_COOLDOWN_S = 3;
export const ERROR_MESSAGE = 'Sorry, something went wrong while answering. Please try again in a moment.';

export function createInteractionHandler(ctx: CommandContext, cooldowns: Cooldowns = new Cooldowns()): (i: Interaction) => Promise<void> {
  const byKey = new Map<string, Command>();
  for (const c of ctx.commands) byKey.set(`${commandType(c.data.toJSON())}:${c.data.name}`, c);
  const { log } = ctx;

  return async (i) => {
    try {
      if (i.isAutocomplete()) {
        const command = byKey.get(`${ApplicationCommandType.ChatInput}:${i.commandName}`);
        if (command?.autocomplete) await command.autocomplete(i, ctx);
        else await i.respond([]);
        return;
      }
      if (i.isChatInputCommand() || i.isMessageContextMenuCommand()) {
        const command = byKey.get(`${i.commandType}:${i.commandName}`);
        log.debug(`interaction ${i.id}: ${i.commandName} by ${i.user.id}`);
        if (!command) {
          await replyError(i, `I don't know the command "${i.commandName}": it may be out of date. Try /help.`, log);
          return;
        }
        const wait = cooldowns.take(`${i.commandName}:${i.user.id}`, (command.cooldown ?? DEFAULT_COOLDOWN_S) * 1000);
        if (wait > 0) {
          await respond(i, { content: cooldownMessage(wait), ephemeral: true }, log);
          return;
        }
        await command.execute(i, ctx);
        return;
      }
      if (i.isButton()) {
        const state = parsePageCustomId(i.customId);
        const command = state ? byKey.get(`${ApplicationCommandType.ChatInput}:${state.command}`) : undefined;
        if (!state || !command?.page) {
          await replyError(i, 'This button no longer works: run the command again.', log);
          return;
        }
        if (i.user.id !== state.userId) {
          await respond(i, { content: `Only <@${state.userId}> can turn these pages: run /${state.command} to get your own.`, ephemeral: true }, log);
          return;
        }
        const query = resolvePageQuery(state, i.message.content);
        if (query === null) {
          await respond(i, { content: `These pages can no longer be turned: run /${state.command} again.`, ephemeral: true }, log);
          return;
        }
        await command.page(i, { command: state.command, userId: state.userId, page: state.page, query }, ctx);
      }
    } catch (err) {
      log.error(`interaction ${i.id} failed`, err);
      await replyError(i, ERROR_MESSAGE, log);
    }
  };
}
