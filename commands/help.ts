/**
 * /help: what each command does, with an example (taken from each command file's `help`).
 */
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { commandType } from '../src/discord/loader.ts';
import { helpEmbed } from '../src/discord/render.ts';
import { respond } from '../src/discord/respond.ts';
import type { CommandContext } from '../src/discord/types.ts';

export const data = new SlashCommandBuilder().setName('help').setDescription('What each command does, with an example.');

export const cooldown = 0;

export const help = {
  usage: '/help',
  description: 'This list.',
};

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  // Slash commands first, then the right-click (context-menu) ones.
  const ordered = [...ctx.commands].sort((a, b) => commandType(a.data.toJSON()) - commandType(b.data.toJSON()));
  const entries = ordered.map((c) => {
    const json = c.data.toJSON();
    return c.help ?? { usage: c.data.name, description: 'description' in json && json.description ? json.description : c.data.name };
  });
  const sources = ctx.engine.sources().map((s) => s.meta.id);
  await respond(interaction, { embeds: [helpEmbed(entries, sources)], ephemeral: true }, ctx.log);
}
