/**
 * npm start (src/index.ts) in a child process: a bad setting stops it with the variable and the
 * fix; with a token it logs into the fake Discord, answers, and exits cleanly on SIGTERM; without
 * one it runs the console. The token never appears in its output. CORPUS_DIR points it at an
 * archive outside the project; a broken corpus file stops it with check-corpus's one line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkCorpus } from '../../scripts/check-corpus.ts';
import { CorpusError, corpusErrorLine } from '../../src/corpus/load.ts';
import { startFakeDiscord } from '../fake-discord/index.ts';
import { GOOD_FRONT_MATTER, tempCorpus } from '../helpers/corpus.ts';
import { runTs } from '../helpers/spawn.ts';

const TOKEN = 'fake-token-not-real-start-0123456789';

describe('npm start', { timeout: 120_000 }, () => {
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

  it('a broken corpus file in CORPUS_DIR: exit 1 with the one line check-corpus gives (file, field, fix), no stack', async () => {
    const dir = tempCorpus({ 'good.md': GOOD_FRONT_MATTER + 'Iran and the United States met in Oman.\n', 'late.md': GOOD_FRONT_MATTER.replace('id: TEST', 'id: LATE').replace('2025-04-20', '20 April 2025') + 'Text.\n' });
    let expected = '';
    try {
      checkCorpus(dir);
    } catch (err) {
      assert.ok(err instanceof CorpusError);
      expected = corpusErrorLine(err, dir);
    }
    assert.equal(expected, `Corpus error in ${dir}: sources/late.md: field "date" must be a date written YYYY-MM-DD`);
    const run = runTs('src/index.ts', { CORPUS_DIR: dir });
    run.child.stdin?.end();
    assert.equal(await run.exited, 1);
    assert.equal(run.stderr(), `${expected}\n`);
    assert.equal(run.stdout(), '');
  });

  it('CORPUS_DIR: the console answers from an archive outside the project that holds only sources/', async () => {
    const dir = tempCorpus({ 'harbour.md': GOOD_FRONT_MATTER.replace('Test Publisher', 'Harbour Review') + 'Iran and the United States met in Oman on April 12.\n' });
    rmSync(join(dir, 'tables'), { recursive: true });
    // A corpus the cache has not seen is built: give a loaded machine time.
    const run = runTs('src/index.ts', { CORPUS_DIR: dir }, 60_000);
    run.child.stdin?.end('/sources\n');
    assert.equal(await run.exited, 0, run.stderr());
    assert.match(run.stdout(), /Harbour Review/);
    assert.doesNotMatch(run.stdout(), /New Eastern Outlook/);
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
