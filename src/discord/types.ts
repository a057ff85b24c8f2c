/**
 * What a command file in commands/ exports, and what it gets to work with.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Engine } from '../engine.ts';
import type { Logger } from '../log.ts';
import type { PageRequest } from './paging.ts';

/** The part of the engine the bot uses (a test can stand in for it). */
export type BotEngine = Pick<Engine, 'ask' | 'suggest' | 'quote' | 'compare' | 'speakers' | 'topics' | 'sources' | 'index'>;

export interface CommandContext {
  readonly engine: BotEngine;
  readonly log: Logger;
  /** Every loaded command (for /help). */
  readonly commands: readonly Command[];
}

/** A builder (SlashCommandBuilder, ContextMenuCommandBuilder) or anything with a name and toJSON(). */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

export interface CommandHelp {
  /** How it is typed, e.g. "/ask question:<text> [hide] [target]". */
  readonly usage: string;
  readonly description: string;
  readonly example?: string;
}

/**
 * A command module, as validated by the loader. Methods (not function properties) so that a file
 * can take the one interaction type it serves: the dispatcher only calls `execute` with a
 * chat-input interaction for a chat-input command (data type 1) and with a message
 * context-menu interaction for a message command (data type 3).
 */
export interface Command {
  readonly data: CommandData;
  execute(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  /** Turns a page: the button's state is in its custom id, the query already resolved (see paging.ts). */
  page?(interaction: ButtonInteraction, state: PageRequest, ctx: CommandContext): Promise<void>;
  /** Seconds a user waits between two uses (default 3; 0 for none). */
  readonly cooldown?: number;
  readonly help?: CommandHelp;
}
