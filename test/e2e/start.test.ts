/**
 * npm start (src/index.ts) in a child process: a bad setting stops it with the variable and the
 * fix; with a token it logs into the fake Discord, answers, and exits cleanly on SIGTERM; without
 * one it runs the console. The token never appears in its output.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startFakeDiscord } from '../fake-discord/index.ts';
import { runTs } from '../helpers/spawn.ts';

const TOKEN = 'fake-token-not-real-start-0123456789';

describe('npm start', { timeout: 60_000 }, () => {
  it('a bad LOG_LEVEL stops the start naming the variable and the fix', async () => {
    const run = runTs('src/index.ts', { LOG_LEVEL: 'loud' });
    assert.equal(await run.exited, 1);
    assert.match(run.stderr(), /Configuration error: LOG_LEVEL is not a log level: use one of debug, info, warn, error, silent/);
  });

  it('a malformed token stops the start without printing it', async () => {
    const secret = 'my secret token with spaces';
    const run = runTs('src/index.ts', { DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: '1364000000000000001' });
    assert.equal(await run.exited, 1);
    assert.match(run.stderr(), /DISCORD_TOKEN does not look like a bot token/);
    assert.ok(!run.stderr().includes(secret));
  });

  it('with a token: logs in, answers /help, and exits 0 on SIGTERM', async () => {
    const fake = await startFakeDiscord({ token: TOKEN });
    const run = runTs('src/index.ts', { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'debug' }, 30_000);
    try {
      await fake.ready(0, 20_000);
      // The bot logs once discord.js emitted clientReady.
      const deadline = Date.now() + 10_000;
      while (!run.stderr().includes('logged in as') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      const id = fake.sendInteraction(fake.chatInputInteraction('help', {}));
      const [cb] = await fake.waitForInteractionResponses(id, 1, 5000);
      assert.ok(cb);
      run.child.kill('SIGTERM');
      assert.equal(await run.exited, 0, run.stderr());
      assert.match(run.stderr(), /logged in as/);
      assert.match(run.stderr(), /SIGTERM: logging out/);
      assert.ok(!run.stderr().includes(TOKEN) && !run.stdout().includes(TOKEN));
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
      await fake.close();
    }
  });

  it('without a token: the console answers from standard input', async () => {
    const run = runTs('src/index.ts', {});
    run.child.stdin?.end('/sources\n');
    assert.equal(await run.exited, 0, run.stderr());
    assert.match(run.stdout(), /New Eastern Outlook/);
  });
});
