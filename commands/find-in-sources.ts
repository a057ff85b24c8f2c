/**
 * "Find in sources" (message context menu: right-click a message → Apps): runs /ask on the
 * message's text, so a claim in the chat can be checked against the sources.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from 'discord.js';
import { oneLine } from '../src/discord/escape.ts';
import { logQuestion } from '../src/discord/feedback.ts';
import { askReply } from '../src/discord/replies.ts';
import { respond } from '../src/discord/respond.ts';
import type { CommandContext } from '../src/discord/types.ts';

export const data = new ContextMenuCommandBuilder().setName('Find in sources').setType(ApplicationCommandType.Message);

export const help = {
  usage: 'Find in sources (right-click a message → Apps)',
  description: "Looks the message's text up in the sources, like /ask.",
};

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<void> {
  const message = interaction.targetMessage;
  const text = oneLine(message.content || message.embeds.map((e) => `${e.title ?? ''} ${e.description ?? ''}`).join(' '));
  if (text === '') {
    await respond(interaction, { content: 'That message has no text to look up.', ephemeral: true }, ctx.log);
    return;
  }
  const reply = askReply(ctx.engine, text, { askerId: interaction.user.id });
  logQuestion(ctx.log, reply.asked);
  await respond(interaction, reply, ctx.log);
}
