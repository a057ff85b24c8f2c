/**
 * npm run start:sharded (src/shard.ts) in a child process against a fake Discord that recommends
 * two shards: the manager asks GET /gateway/bot through DISCORD_API_URL, spawns one process per
 * shard (each running src/index.ts under tsx, with the manager's environment), both identify as
 * [id, 2] and answer the interactions sent to them; SIGTERM stops every shard and exits 0. A
 * manager killed outright leaves no shard behind. The token never appears in the output.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { IDENTIFY_WINDOW_MS, spawnDelayFor } from '../../src/discord/sharding.ts';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { ROOT, runTs, type Run } from '../helpers/spawn.ts';

const TOKEN = 'fake-token-not-real-sharding-0123456789';
const SHARD_COUNT = 2;

/** Polls until `cond` holds; fails with `what` after `timeoutMs`. */
async function until(cond: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

/** Process ids of the shards, from the manager's "shard N: process PID started" lines. */
const shardPids = (run: Run): number[] => [...run.stderr().matchAll(/shard \d+: process (\d+) started/g)].map((m) => Number(m[1]));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run start:sharded', { timeout: 120_000 }, () => {
  const fakes: FakeDiscord[] = [];
  const runs: Run[] = [];

  const start = async (env: Record<string, string> = {}): Promise<{ fake: FakeDiscord; run: Run }> => {
    const fake = await startFakeDiscord({ shards: SHARD_COUNT, token: TOKEN });
    fakes.push(fake);
    const run = runTs(
      'src/shard.ts',
      { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'debug', SHARD_SPAWN_DELAY_MS: '100', SHARD_READY_TIMEOUT_MS: '30000', ...env },
      60_000,
    );
    runs.push(run);
    return { fake, run };
  };

  after(async () => {
    for (const run of runs) {
      run.child.kill('SIGKILL');
      await run.exited;
      for (const pid of shardPids(run)) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    for (const fake of fakes) await fake.close();
  });

  it('is the package.json script start:sharded', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    assert.equal(pkg.scripts?.['start:sharded'], 'tsx src/shard.ts');
  });

  it('spawns the 2 shards Discord recommends, each answers, and SIGTERM stops them all and exits 0', async (t) => {
    const { fake, run } = await start();

    // The manager asked the fake (not discord.com) for the count, then both shards identified with it.
    await fake.ready(0, 30_000);
    await fake.ready(1, 30_000);
    await until(() => run.stderr().includes(`all ${SHARD_COUNT} shards ready`), () => `"all ${SHARD_COUNT} shards ready"; stderr:\n${run.stderr()}`, 30_000);
    assert.match(run.stderr(), /Discord recommends 2 shards \(max_concurrency 16\); spawning them 100 ms apart/);
    assert.deepEqual(
      fake.identifies.map((i) => i.shard).sort((a, b) => (a?.[0] ?? -1) - (b?.[0] ?? -1)),
      [
        [0, 2],
        [1, 2],
      ],
    );
    assert.ok(fake.identifies.every((i) => i.token === TOKEN));
    // One GET /gateway/bot from the manager, one from each shard's client; all with the token (the fake checks it).
    const gatewayBot = fake.requests.filter((r) => r.method === 'GET' && r.path === '/gateway/bot');
    assert.ok(gatewayBot.length >= 1 + SHARD_COUNT, `GET /gateway/bot ${gatewayBot.length} times`);
    assert.ok(gatewayBot.every((r) => r.status === 200));
    const firstConnect = fake.gatewayEvents.find((e) => e.type === 'connect');
    assert.ok(gatewayBot[0] && firstConnect && gatewayBot[0].at <= firstConnect.at, 'the manager asked before any shard connected');
    // Two shard processes, each logged in (the engine loaded in each).
    const pids = shardPids(run);
    assert.equal(new Set(pids).size, SHARD_COUNT, run.stderr());
    await until(() => count(run.stderr(), 'logged in as') === SHARD_COUNT, () => `two "logged in as" lines; stderr:\n${run.stderr()}`, 10_000);

    // An interaction on each shard's gateway connection is answered.
    const ids = [0, 1].map((shardId) => fake.sendInteraction(fake.chatInputInteraction('help'), shardId));
    for (const [shardId, id] of ids.entries()) {
      const [callback] = await fake.waitForInteractionResponses(id, 1, 10_000);
      assert.ok(callback, `shard ${shardId} answered`);
      assert.match(callback.path, /\/callback$/);
      assert.equal(fake.interactionState(id)?.shardId, shardId);
    }

    // SIGTERM: every shard logs out, the manager exits 0 within a few seconds, no shard is left.
    const t0 = Date.now();
    run.child.kill('SIGTERM');
    const code = await Promise.race([run.exited, new Promise<string>((r) => setTimeout(() => r('still running after 10 s'), 10_000))]);
    assert.equal(code, 0, run.stderr());
    const stopMs = Date.now() - t0;
    t.diagnostic(`SIGTERM to exit: ${stopMs} ms`);
    assert.ok(stopMs < 10_000);
    assert.match(run.stderr(), /SIGTERM: stopping every shard/);
    assert.equal(count(run.stderr(), 'SIGTERM: logging out'), SHARD_COUNT, run.stderr());
    assert.match(run.stderr(), /all shards stopped/);
    assert.deepEqual(pids.filter(alive), []);
    assert.doesNotMatch(run.stderr(), /respawning/);
    assert.ok(!run.stderr().includes(TOKEN) && !run.stdout().includes(TOKEN), 'the token never appears in the output');
  });

  it('with SHARD_COUNT 2 and SHARD_IDS 1 it spawns only shard 1, which identifies as [1, 2] and answers', async () => {
    const { fake, run } = await start({ SHARD_COUNT: '2', SHARD_IDS: '1' });
    await until(() => run.stderr().includes('all 1 shard ready'), () => `"all 1 shard ready"; stderr:\n${run.stderr()}`, 30_000);
    assert.match(run.stderr(), /SHARD_COUNT 2: this host runs shard 1; spawning them 100 ms apart/);
    assert.deepEqual(
      fake.identifies.map((i) => i.shard),
      [[1, 2]],
    );
    const id = fake.sendInteraction(fake.chatInputInteraction('help'), 1);
    assert.ok((await fake.waitForInteractionResponses(id, 1, 10_000))[0]);
    run.child.kill('SIGTERM');
    assert.equal(await run.exited, 0, run.stderr());
  });

  it('a manager killed outright leaves no shard running (each stops when its IPC channel closes)', async () => {
    const { fake, run } = await start();
    await until(() => run.stderr().includes(`all ${SHARD_COUNT} shards ready`), () => `"all ${SHARD_COUNT} shards ready"; stderr:\n${run.stderr()}`, 45_000);
    const pids = shardPids(run);
    assert.equal(pids.length, SHARD_COUNT);
    run.child.kill('SIGKILL');
    await run.exited;
    await until(() => pids.every((pid) => !alive(pid)), () => `shards ${pids.filter(alive).join(', ')} to exit`, 10_000);
    // Both gateway connections were closed by the shards logging out.
    for (const shardId of [0, 1]) assert.ok(fake.gatewayEvents.some((e) => e.type === 'close' && e.shardId === shardId), `shard ${shardId} closed its connection`);
  });

  it('without DISCORD_TOKEN it stops with the fix, and a bad SHARD_SPAWN_DELAY_MS names the variable', async () => {
    const none = runTs('src/shard.ts', {});
    runs.push(none);
    assert.equal(await none.exited, 1);
    assert.match(none.stderr(), /DISCORD_TOKEN is required to run sharded/);

    const bad = runTs('src/shard.ts', { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '1364000000000000001', SHARD_SPAWN_DELAY_MS: 'soon' });
    runs.push(bad);
    assert.equal(await bad.exited, 1);
    assert.match(bad.stderr(), /SHARD_SPAWN_DELAY_MS must be a whole number of milliseconds/);
    assert.ok(!bad.stderr().includes(TOKEN));
  });

  it('a token Discord refuses stops the start at GET /gateway/bot, asked through DISCORD_API_URL', async () => {
    const fake = await startFakeDiscord({ shards: SHARD_COUNT, token: TOKEN });
    fakes.push(fake);
    const wrong = 'fake-token-not-real-refused-0123456789';
    const run = runTs('src/shard.ts', { DISCORD_TOKEN: wrong, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
    runs.push(run);
    assert.equal(await run.exited, 1, run.stderr());
    assert.match(run.stderr(), /could not get the recommended shard count \(GET \/gateway\/bot\): 401/);
    assert.deepEqual(
      fake.requests.map((r) => `${r.method} ${r.path} ${r.status ?? ''}`),
      ['GET /gateway/bot 401'],
    );
    assert.equal(fake.identifies.length, 0);
    assert.ok(!run.stderr().includes(wrong));
  });

  it('the default spawn delay keeps identifies of one rate-limit bucket 5 s apart', () => {
    assert.equal(spawnDelayFor(1), IDENTIFY_WINDOW_MS);
    assert.equal(spawnDelayFor(16), Math.ceil(IDENTIFY_WINDOW_MS / 16));
    for (const n of [1, 2, 16, 64]) assert.ok(spawnDelayFor(n) * n >= 5000);
    assert.equal(spawnDelayFor(0), IDENTIFY_WINDOW_MS);
  });
});
