import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlashCommandBuilder } from 'discord.js';
import * as ask from '../../commands/ask.ts';
import * as compare from '../../commands/compare.ts';
import * as findInSources from '../../commands/find-in-sources.ts';
import * as help from '../../commands/help.ts';
import * as quote from '../../commands/quote.ts';
import * as sources from '../../commands/sources.ts';
import { CommandLoadError, commandFiles, loadCommands, validateCommand } from '../../src/discord/loader.ts';
import type { Command } from '../../src/discord/types.ts';

// Each command file has the shape the loader expects (checked by the compiler).
const typed: readonly Command[] = [ask, compare, findInSources, help, quote, sources];

describe('command loader', () => {
  it('loads every file in commands/ and each validates', async () => {
    const commands = await loadCommands();
    assert.equal(commands.length, commandFiles().length);
    assert.equal(commands.length, typed.length);
    assert.deepEqual(commands.map((c) => c.data.name).sort(), ['Find in sources', 'ask', 'compare', 'help', 'quote', 'sources']);
    for (const c of commands) assert.ok(c.help, `${c.data.name} has help`);
  });

  it('rejects a module without execute, with a bad data, or with autocomplete options and no handler', () => {
    const data = new SlashCommandBuilder().setName('x').setDescription('x');
    assert.throws(() => validateCommand({ data }, 'x.ts'), (e: unknown) => e instanceof CommandLoadError && /commands\/x\.ts: execute/.test(e.message));
    assert.throws(() => validateCommand({ data: { name: 'x' }, execute: async () => {} }, 'x.ts'), /data must be a SlashCommandBuilder/);
    const auto = new SlashCommandBuilder()
      .setName('y')
      .setDescription('y')
      .addStringOption((o) => o.setName('q').setDescription('q').setAutocomplete(true));
    assert.throws(() => validateCommand({ data: auto, execute: async () => {} }, 'y.ts'), /exports no autocomplete/);
    assert.throws(() => validateCommand({ data, execute: async () => {}, cooldown: -1 }, 'z.ts'), /cooldown/);
  });
});
