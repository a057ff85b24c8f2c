/**
 * /help: what each command does, with an example (taken from each command file's `help`).
 */
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { helpReply } from '../src/discord/replies.ts';
import { respond } from '../src/discord/respond.ts';
import type { CommandContext } from '../src/discord/types.ts';

export const data = new SlashCommandBuilder().setName('help').setDescription('What each command does, with an example.');

export const cooldown = 0;

export const help = {
  usage: '/help',
  description: 'This list.',
};

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  await respond(interaction, helpReply(ctx.engine, ctx.commands), ctx.log);
}
