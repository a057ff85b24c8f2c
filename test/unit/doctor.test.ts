/**
 * npm run doctor (scripts/doctor.ts): on a fresh clone with no .env it passes in console mode;
 * a bad token, a broken corpus file and a wrong Node version each fail with one clear line (the
 * version injected); --online asks the fake Discord on 127.0.0.1 whether the token is accepted
 * and the commands registered. The token is never printed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatCheck, meetsMinimum, runDoctor, type Check } from '../../scripts/doctor.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { loadCommands } from '../../src/discord/loader.ts';
import { checkOnline } from '../../src/discord/online-check.ts';
import { startFakeDiscord } from '../fake-discord/index.ts';
import { tempCorpus } from '../helpers/corpus.ts';
import { runTs } from '../helpers/spawn.ts';

const TOKEN = 'fake-bot-token-not-real-doctor-0123456789';
const NO_ENV_FILE = join('/nonexistent', '.env');

const failures = (checks: readonly Check[]): Check[] => checks.filter((c) => c.status === 'FAIL');

describe('npm run doctor', { timeout: 60_000 }, () => {
  it('passes on a fresh clone with no .env (console mode), one line per check', async () => {
    const run = runTs('scripts/doctor.ts', {}, 30_000);
    assert.equal(await run.exited, 0, run.stdout() + run.stderr());
    const lines = run.stdout().trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split(/\s+/)[1]),
      ['node', 'configuration', 'corpus', 'cache'],
    );
    assert.ok(lines.every((l) => /^(ok|warn) /.test(l)), run.stdout());
    assert.match(run.stdout(), /configuration\s+console mode \(no DISCORD_TOKEN\) \(no \.env\)/);
  });

  it('a bad token format fails with one line naming DISCORD_TOKEN and exits 1, without printing it', async () => {
    const bad = 'not a token';
    const run = runTs('scripts/doctor.ts', { DISCORD_TOKEN: bad, DISCORD_CLIENT_ID: '1364000000000000001' }, 30_000);
    assert.equal(await run.exited, 1, run.stdout() + run.stderr());
    const failed = run.stdout().split('\n').filter((l) => l.startsWith('FAIL'));
    assert.equal(failed.length, 1, run.stdout());
    assert.match(failed[0] ?? '', /^FAIL {2}configuration {2}DISCORD_TOKEN does not look like a bot token/);
    assert.ok(!run.stdout().includes(bad) && !run.stderr().includes(bad));
  });

  it('a broken corpus file fails with one line naming the file; the cache is not tried', async () => {
    const corpusDir = tempCorpus({ 'broken.md': 'no front matter here, only text.\n' });
    const checks = await runDoctor({ env: {}, envFile: NO_ENV_FILE, corpusDir });
    assert.deepEqual(failures(checks).map((c) => c.name), ['corpus']);
    assert.match(formatCheck(failures(checks)[0] as Check), /^FAIL {2}corpus {8}.*broken\.md/);
    assert.equal(checks.find((c) => c.name === 'cache')?.status, 'skip');
  });

  it('a Node older than package.json asks fails with one line', async () => {
    const checks = await runDoctor({ env: {}, envFile: NO_ENV_FILE, nodeVersion: 'v18.19.0' });
    assert.deepEqual(failures(checks).map((c) => c.name), ['node']);
    assert.match(failures(checks)[0]?.detail ?? '', /^v18\.19\.0 is too old: the bot needs Node >=20/);
    assert.ok(meetsMinimum('v20.0.0', '>=20') && meetsMinimum('v22.1.0', '>=20.5') && !meetsMinimum('v20.4.9', '>=20.5'));
  });

  it('--online asks the fake Discord: the token accepted or not, the commands registered or not', async () => {
    const fake = await startFakeDiscord({ token: TOKEN });
    try {
      const config = { discordToken: TOKEN, clientId: fake.applicationId, apiUrl: fake.apiUrl, logLevel: 'silent' } as const;
      const env = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
      const checks = await runDoctor({ env, envFile: NO_ENV_FILE, online: true });
      assert.deepEqual(
        checks.map((c) => [c.name, c.status]),
        [
          ['node', 'ok'],
          ['configuration', 'ok'],
          ['corpus', 'ok'],
          ['cache', 'ok'],
          ['token', 'ok'],
          ['commands', 'FAIL'],
        ],
      );
      assert.match(checks[5]?.detail ?? '', /not registered globally: ask, compare, Find in sources, help, quote, sources; run npm run deploy-commands/);

      // The same two checks, without loading the engine again each time.
      const commands = await loadCommands();
      await deployCommands(config, commands);
      const after = await checkOnline(config, commands);
      assert.deepEqual([after.token.ok, after.commands.ok], [true, true], after.commands.detail);

      const refused = await checkOnline({ ...config, discordToken: 'fake-token-not-real-refused-0123456789' }, commands);
      assert.deepEqual([refused.token.ok, refused.commands.ok], [false, false]);
      assert.match(refused.token.detail, /GET \/users\/@me failed/);
      assert.ok(!refused.token.detail.includes('refused-0123456789'));
      assert.ok(fake.requests.every((r) => !r.url.includes('discord.com')));
    } finally {
      await fake.close();
    }
  });
});
