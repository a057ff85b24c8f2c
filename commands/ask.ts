/**
 * /ask question:<text> [hide] [target]: the passages that best answer the question, three to a
 * page, each with its best sentence in bold and its source named. Autocomplete offers, as the
 * question is typed, the sources' sentences that match it; picking one asks it, and its passage
 * comes first (the engine puts a passage a question quotes first).
 */
import { SlashCommandBuilder, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { LIMITS, truncate } from '../src/discord/limits.ts';
import { logQuestion } from '../src/discord/feedback.ts';
import type { PageRequest } from '../src/discord/paging.ts';
import { askReply, cleanQuery, MAX_QUERY_CHARS } from '../src/discord/replies.ts';
import { respond, updateMessage } from '../src/discord/respond.ts';
import type { CommandContext } from '../src/discord/types.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about the April 2025 US–Iran talks in Oman; the answer quotes the sources.')
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('Your question, e.g. "Who mediated the talks?"')
      .setRequired(true)
      .setMinLength(2)
      .setMaxLength(MAX_QUERY_CHARS)
      .setAutocomplete(true),
  )
  .addBooleanOption((o) => o.setName('hide').setDescription('Only you see the answer'))
  .addUserOption((o) => o.setName('target').setDescription('Address the answer to this person (they get a mention)'));

export const help = {
  usage: '/ask question:<text> [hide] [target]',
  description: 'The passages that best answer your question, best sentence in bold, with the source named. "More results" turns the page.',
  example: '/ask question: Who mediated the talks?',
};

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const target = interaction.options.getUser('target');
  const reply = askReply(ctx.engine, interaction.options.getString('question', true), {
    askerId: interaction.user.id,
    ephemeral: interaction.options.getBoolean('hide') ?? false,
    ...(target ? { targetId: target.id } : {}),
  });
  logQuestion(ctx.log, reply.asked);
  await respond(interaction, reply, ctx.log);
}

/** Offered before anything is typed (or one character). */
export const EXAMPLE_QUESTIONS = ['Who mediated the talks?', 'When is the next round?', 'Why did Iran agree to negotiate?', 'What did Araghchi say?'] as const;

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const typed = cleanQuery(interaction.options.getFocused());
  const choices =
    typed.trim().length < 2
      ? EXAMPLE_QUESTIONS.map((q) => ({ name: q, value: q }))
      : ctx.engine.suggest(typed, LIMITS.choices).map((s) => ({ name: truncate(s.name, LIMITS.choiceName), value: truncate(s.value, LIMITS.choiceValue, '') }));
  await interaction.respond(choices.slice(0, LIMITS.choices));
}

export async function page(interaction: ButtonInteraction, state: PageRequest, ctx: CommandContext): Promise<void> {
  const { embeds, components } = askReply(ctx.engine, state.query, { askerId: state.userId, page: state.page });
  await updateMessage(interaction, { embeds: embeds ?? [], components: components ?? [] }, ctx.log);
}
