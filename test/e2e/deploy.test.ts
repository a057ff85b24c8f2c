/**
 * deployCommands and `npm run deploy-commands` against the fake Discord: every command in
 * commands/ registered (guild or global) through DISCORD_API_URL with the bot token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deployCommands } from '../../src/discord/deploy.ts';
import { startFakeDiscord, type FakeDiscord, type Json } from '../fake-discord/index.ts';
import { runTs } from '../helpers/spawn.ts';

const TOKEN = 'fake-token-not-real-deploy-0123456789';
const GUILD = '1364000000000000100';

const byName = (cmds: Json[] | undefined, name: string): Json | undefined => cmds?.find((c) => c.name === name);
const options = (c: Json | undefined): Json[] => (Array.isArray(c?.options) ? (c.options as Json[]) : []);

describe('deploying the commands', { timeout: 60_000 }, () => {
  let fake: FakeDiscord;

  before(async () => {
    fake = await startFakeDiscord({ token: TOKEN });
  });

  after(async () => {
    await fake?.close();
  });

  it('registers every command for the guild with their definitions', async () => {
    const result = await deployCommands({ discordToken: TOKEN, clientId: fake.applicationId, guildId: GUILD, apiUrl: fake.apiUrl, logLevel: 'silent' });
    assert.equal(result.scope, `guild ${GUILD}`);
    const put = fake.requests.find((r) => r.method === 'PUT');
    assert.equal(put?.path, `/applications/${fake.applicationId}/guilds/${GUILD}/commands`);
    assert.equal(put?.headers.authorization, `Bot ${TOKEN}`);
    const cmds = fake.commands.get(GUILD);
    assert.deepEqual(cmds?.map((c) => `${c.type}:${c.name}`).sort(), ['1:ask', '1:compare', '1:help', '1:quote', '1:sources', '3:Find in sources']);
    assert.equal(result.registered.length, 6);
    assert.ok(result.registered.every((c) => typeof c.id === 'string'));

    const ask = options(byName(cmds, 'ask'));
    assert.deepEqual(
      ask.map((o) => [o.name, o.type, o.required ?? false]),
      [
        ['question', 3, true],
        ['hide', 5, false],
        ['target', 6, false],
      ],
    );
    assert.equal(ask[0]?.max_length, 300);
    assert.equal(options(byName(cmds, 'quote'))[0]?.autocomplete, true);
    assert.equal(options(byName(cmds, 'compare'))[0]?.autocomplete, true);
    for (const c of cmds ?? []) if (c.type === 1) assert.ok(String(c.description).length >= 1 && String(c.description).length <= 100);
  });

  it('registers globally without a guild', async () => {
    const result = await deployCommands({ discordToken: TOKEN, clientId: fake.applicationId, apiUrl: fake.apiUrl, logLevel: 'silent' });
    assert.equal(result.scope, 'global');
    assert.equal(fake.commands.get('global')?.length, 6);
  });

  it('npm run deploy-commands: prints what it registered; a rejected token fails without printing it', async () => {
    const env = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_GUILD_ID: GUILD, DISCORD_API_URL: fake.apiUrl };
    const ok = runTs('scripts/deploy-commands.ts', env);
    assert.equal(await ok.exited, 0, ok.stderr());
    assert.match(ok.stdout(), new RegExp(`Registered 6 commands \\(guild ${GUILD}\\)`));
    for (const name of ['/ask', '/quote', '/compare', '/sources', '/help', '"Find in sources" (message menu)']) assert.ok(ok.stdout().includes(name), name);

    const wrong = 'another-fake-token-0123456789abcdef';
    const bad = runTs('scripts/deploy-commands.ts', { ...env, DISCORD_TOKEN: wrong });
    assert.equal(await bad.exited, 1);
    assert.match(bad.stderr(), /deploy-commands: registering the commands failed/);
    assert.ok(!bad.stderr().includes(wrong) && !bad.stdout().includes(wrong));

    const missing = runTs('scripts/deploy-commands.ts', { DISCORD_API_URL: fake.apiUrl });
    assert.equal(await missing.exited, 1);
    assert.match(missing.stderr(), /DISCORD_TOKEN is not set/);
  });
});
