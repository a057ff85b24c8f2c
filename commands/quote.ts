/**
 * /quote query:<speaker or words> [hide]: quotations by a speaker or containing the words, four
 * to a page. Autocomplete offers the speakers first, then matching quotations.
 */
import {
  SlashCommandBuilder,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { LIMITS, truncate } from '../src/discord/limits.ts';
import type { PageRequest } from '../src/discord/paging.ts';
import { cleanQuery, MAX_QUERY_CHARS, quoteReply } from '../src/discord/replies.ts';
import { respond, updateMessage } from '../src/discord/respond.ts';
import type { CommandContext } from '../src/discord/types.ts';

export const data = new SlashCommandBuilder()
  .setName('quote')
  .setDescription('Find what someone said in the sources, by speaker or by words.')
  .addStringOption((o) =>
    o
      .setName('query')
      .setDescription('A speaker (e.g. Araghchi) or words from the quotation')
      .setRequired(true)
      .setMaxLength(Math.min(MAX_QUERY_CHARS, LIMITS.choiceValue))
      .setAutocomplete(true),
  )
  .addBooleanOption((o) => o.setName('hide').setDescription('Only you see the answer'));

export const help = {
  usage: '/quote query:<speaker or words> [hide]',
  description: 'Quotations by a speaker, or containing your words, with who said them and where. Start typing to pick a speaker.',
  example: '/quote query: Araghchi',
};

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const reply = quoteReply(ctx.engine, interaction.options.getString('query', true), {
    askerId: interaction.user.id,
    ephemeral: interaction.options.getBoolean('hide') ?? false,
  });
  await respond(interaction, reply, ctx.log);
}

export async function page(interaction: ButtonInteraction, state: PageRequest, ctx: CommandContext): Promise<void> {
  const { embeds, components } = quoteReply(ctx.engine, state.query, { askerId: state.userId, page: state.page });
  await updateMessage(interaction, { embeds: embeds ?? [], components: components ?? [] }, ctx.log);
}

const choice = (name: string, value: string): ApplicationCommandOptionChoiceData<string> => ({
  name: truncate(name, LIMITS.choiceName),
  value: truncate(value, LIMITS.choiceValue, ''),
});

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  // Capped like a query, not trusting the option's max_length for a half-typed value: the
  // engine's time grows with the text (a 4,000-character value took over 200 ms uncapped).
  const typed = cleanQuery(interaction.options.getFocused());
  const needle = typed.toLowerCase();
  const choices: ApplicationCommandOptionChoiceData<string>[] = ctx.engine
    .speakers()
    .filter((s) => needle === '' || s.name.toLowerCase().includes(needle))
    .map((s) => choice(`${s.name}${s.role ? ` (${s.role})` : ''} · ${s.quotes} quotation${s.quotes === 1 ? '' : 's'}`, s.name));
  if (typed.length >= 2 && choices.length < LIMITS.choices) {
    try {
      for (const hit of ctx.engine.quote(typed, LIMITS.choices).quotes) {
        const who = hit.quotation.speaker ?? hit.meta.id;
        choices.push(choice(`“${hit.quotation.text}” (${who})`, hit.quotation.text));
      }
    } catch (err) {
      ctx.log.warn(`quote autocomplete for ${JSON.stringify(typed)} failed`, err);
    }
  }
  const seen = new Set<string>();
  const unique = choices.filter((c) => c.value.length > 0 && !seen.has(c.value) && seen.add(c.value));
  await interaction.respond(unique.slice(0, LIMITS.choices));
}
