/**
 * Loads every command file in commands/ (each .ts file, in name order), checks its exports with
 * a zod schema and returns the commands. A bad file stops the start with a message naming it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// discord.js's enums as types only: see paging.ts.
import type { ApplicationCommandType, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { z } from 'zod';
import type { Command, CommandData } from './types.ts';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

const isFunction = (v: unknown): boolean => typeof v === 'function';
const fn = <T>(what: string) => z.custom<T>(isFunction, `${what} must be a function`);

const CommandSchema = z.object({
  data: z.custom<CommandData>(
    (v) => typeof v === 'object' && v !== null && 'name' in v && typeof v.name === 'string' && 'toJSON' in v && isFunction(v.toJSON),
    'data must be a SlashCommandBuilder or ContextMenuCommandBuilder',
  ),
  execute: fn<Command['execute']>('execute'),
  autocomplete: fn<NonNullable<Command['autocomplete']>>('autocomplete').optional(),
  page: fn<NonNullable<Command['page']>>('page').optional(),
  cooldown: z.number().int().min(0).max(3600).optional(),
  help: z.object({ usage: z.string().min(1), description: z.string().min(1), example: z.string().optional() }).optional(),
});

export class CommandLoadError extends Error {
  constructor(file: string, problem: string) {
    super(`commands/${file}: ${problem}`);
    this.name = 'CommandLoadError';
  }
}

/** The command's type: 1 chat input (slash), 2 user menu, 3 message menu. */
export function commandType(json: RESTPostAPIApplicationCommandsJSONBody): ApplicationCommandType {
  return json.type ?? (1 satisfies ApplicationCommandType.ChatInput);
}

function usesAutocomplete(json: RESTPostAPIApplicationCommandsJSONBody): boolean {
  return 'options' in json && (json.options ?? []).some((o) => 'autocomplete' in o && o.autocomplete === true);
}

export function validateCommand(mod: unknown, file: string): Command {
  const parsed = CommandSchema.safeParse(mod);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CommandLoadError(file, `${issue?.path.join('.') || 'module'}: ${issue?.message ?? 'is not a command'}`);
  }
  const command: Command = parsed.data;
  let json: RESTPostAPIApplicationCommandsJSONBody;
  try {
    json = command.data.toJSON();
  } catch (err) {
    throw new CommandLoadError(file, `data.toJSON() failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (usesAutocomplete(json) && !command.autocomplete) throw new CommandLoadError(file, 'an option has autocomplete but the file exports no autocomplete()');
  return command;
}

export function commandFiles(dir: string = COMMANDS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .sort();
}

export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Command[]> {
  const commands: Command[] = [];
  const seen = new Map<string, string>();
  for (const file of commandFiles(dir)) {
    const mod: unknown = await import(pathToFileURL(join(dir, file)).href);
    const command = validateCommand(mod, file);
    const key = `${commandType(command.data.toJSON())}:${command.data.name}`;
    const other = seen.get(key);
    if (other) throw new CommandLoadError(file, `the name "${command.data.name}" is already used by commands/${other}`);
    seen.set(key, file);
    commands.push(command);
  }
  if (commands.length === 0) throw new CommandLoadError('', 'no command files found');
  return commands;
}
