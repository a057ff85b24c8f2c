/**
 * Reload without a restart, through `npm start` against the fake Discord with CORPUS_DIR: an
 * article added while the bot runs is answered from once the bot logs the swap (within seconds),
 * and /help, /sources, /ask, /quote and /compare name it; a changed file is answered from after
 * the full rebuild; a broken file then leaves the old answers in place and the log names the
 * file and why.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.ts';
import type { Json } from '../fake-discord/index.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import { messageOf } from '../helpers/discord-limits.ts';
import { GOOD_FRONT_MATTER, tempCorpus } from '../helpers/corpus.ts';

const TOKEN = 'fake-bot-token-not-real-reload-0123456789';
const THIRD =
  GOOD_FRONT_MATTER.replace('id: TEST', 'id: THIRD') +
  'The fifth round of talks was held in Rome, where the Omani minister carried the notes.\n\n' +
  '"Both delegations asked for more time with their experts before the next meeting," said Laila Haddad, a spokeswoman for the Omani foreign ministry.\n';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The source ids the embeds of an answer name in their footers ("Source: NEO · …"). */
const sourcesOf = (m: Json | undefined): string[] =>
  (Array.isArray(m?.embeds) ? m.embeds.filter(isObject) : []).map((e) => /^Source: (\S+)/.exec(String(isObject(e.footer) ? e.footer.text : ''))?.[1] ?? '');

describe('a corpus changed while the bot runs', { timeout: 90_000 }, () => {
  it('is answered from without a restart; a broken file keeps the old answers and the log says which file and why', async () => {
    const real = (f: string): string => readFileSync(join(DEFAULT_CORPUS_DIR, 'sources', f), 'utf8');
    const dir = tempCorpus({ 'neo.md': real('neo.md'), 'rsis.md': real('rsis.md') });
    const bot = await startBotProcess({ token: TOKEN, logLevel: 'info', env: { CORPUS_DIR: dir } });
    const { fake } = bot;
    let user = 1364000000000900000n;
    const ask = async (question: string): Promise<string[]> => {
      const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question }, { userId: String(++user) }));
      await bot.waitForLog((l) => l.msg === 'interaction' && l.interaction === id, 10_000);
      return sourcesOf(fake.interactionState(id)?.original);
    };
    /** The first reply to a command, as JSON text. */
    const reply = async (command: string, options: Record<string, string> = {}): Promise<string> => {
      const id = fake.sendInteraction(fake.chatInputInteraction(command, options, { userId: String(++user) }));
      const [response] = await fake.waitForInteractionResponses(id);
      return JSON.stringify(messageOf(response));
    };
    try {
      assert.ok(!(await ask('where was the fifth round held')).includes('THIRD'));
      writeFileSync(join(dir, 'sources', 'third.md'), THIRD);
      await bot.waitForLog((l) => String(l.msg).startsWith('corpus: now answering from') && String(l.msg).includes('THIRD'), 60_000);
      // The third source, added while running, is named wherever the sources are.
      assert.equal((await ask('where was the fifth round held'))[0], 'THIRD');
      assert.match(await reply('help'), /THIRD/, '/help names it');
      assert.match(await reply('sources'), /THIRD/, '/sources lists it');
      const quoted = await reply('quote', { query: 'Haddad' });
      assert.ok(quoted.includes('Laila Haddad') && quoted.includes('THIRD'), `/quote finds its speaker, found without a table: ${quoted.slice(0, 300)}`);
      assert.match(await reply('compare', { topic: 'the fifth round' }), /Source: THIRD/, '/compare sets it beside the others');

      // A changed article goes through the full rebuild (in a child process, then the cache),
      // after the one that followed the addition.
      const rebuilt = (): number => bot.logLines().filter((l) => String(l.msg).includes('(rebuilt)')).length;
      await bot.waitForLog(() => rebuilt() >= 1, 60_000);
      writeFileSync(join(dir, 'sources', 'third.md'), THIRD.replace('held in Rome', 'held in Geneva'));
      await bot.waitForLog(() => rebuilt() >= 2, 60_000);
      const geneva = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'where was the fifth round held' }, { userId: String(++user) }));
      const [answer] = await fake.waitForInteractionResponses(geneva);
      assert.match(JSON.stringify(messageOf(answer)), /Geneva/, 'the changed text is answered from');

      writeFileSync(join(dir, 'sources', 'broken.md'), GOOD_FRONT_MATTER.replace('id: TEST', 'id: BROKEN').replace('2025-04-20', '20 April'));
      const kept = await bot.waitForLog((l) => String(l.msg).startsWith('corpus: kept the engine'), 60_000);
      assert.match(String(kept.msg), /broken\.md.*date/);
      assert.equal((await ask('where was the fifth round held'))[0], 'THIRD', 'the old answers stay');
    } finally {
      assert.equal(await bot.stop(), 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
