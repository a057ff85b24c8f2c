/**
 * /compare topic:<text> [hide]: what each source says on a topic, side by side (one embed per
 * source), and where they differ. Autocomplete offers the engine's topics.
 */
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { LIMITS, truncate } from '../src/discord/limits.ts';
import { cleanQuery, compareReply, MAX_QUERY_CHARS } from '../src/discord/replies.ts';
import { respond } from '../src/discord/respond.ts';
import type { CommandContext } from '../src/discord/types.ts';

export const data = new SlashCommandBuilder()
  .setName('compare')
  .setDescription('Compare what the two sources say on a topic, differences flagged.')
  .addStringOption((o) =>
    o
      .setName('topic')
      .setDescription('A topic, e.g. "sanctions" or "next round"')
      .setRequired(true)
      .setMaxLength(Math.min(MAX_QUERY_CHARS, LIMITS.choiceValue))
      .setAutocomplete(true),
  )
  .addBooleanOption((o) => o.setName('hide').setDescription('Only you see the answer'));

export const help = {
  usage: '/compare topic:<text> [hide]',
  description: 'Each source on the topic side by side, with the names, dates and numbers they disagree on flagged.',
  example: '/compare topic: the next round of talks',
};

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const reply = compareReply(ctx.engine, interaction.options.getString('topic', true), {
    askerId: interaction.user.id,
    ephemeral: interaction.options.getBoolean('hide') ?? false,
  });
  await respond(interaction, reply, ctx.log);
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const needle = cleanQuery(interaction.options.getFocused()).toLowerCase();
  const topics = ctx.engine.topics().filter((t) => needle === '' || t.toLowerCase().includes(needle));
  await interaction.respond(
    topics.slice(0, LIMITS.choices).map((t) => ({ name: truncate(t, LIMITS.choiceName), value: truncate(t, LIMITS.choiceValue, '') })),
  );
}
