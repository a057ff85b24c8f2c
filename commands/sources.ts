/**
 * /sources: the articles the bot answers from, with publisher, author, date, title and how many
 * passages and quotations each holds.
 */
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { fitEmbeds } from '../src/discord/limits.ts';
import { sourceSummaryEmbed } from '../src/discord/render.ts';
import { respond } from '../src/discord/respond.ts';
import type { CommandContext } from '../src/discord/types.ts';

export const data = new SlashCommandBuilder().setName('sources').setDescription('The articles the bot answers from.');

export const help = {
  usage: '/sources',
  description: 'Each source with its publisher, author, date and title, and how many passages and quotations it holds.',
  example: '/sources',
};

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const sources = ctx.engine.sources();
  await respond(
    interaction,
    { content: `I answer from ${sources.length} source${sources.length === 1 ? '' : 's'}:`, embeds: fitEmbeds(sources.map(sourceSummaryEmbed)) },
    ctx.log,
  );
}
