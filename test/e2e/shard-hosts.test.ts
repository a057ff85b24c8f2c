/**
 * Shards across hosts: two `npm start` processes against one fake Discord, SHARD_COUNT 2 and
 * SHARD_IDS 0 in one, 1 in the other (as two hosts would run them), each identify with their
 * own shard only, and each answers what arrives on its shard.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startFakeDiscord } from '../fake-discord/index.ts';
import { startBotProcess, type BotProcess } from '../helpers/bot-process.ts';

const TOKEN = 'fake-bot-token-not-real-shard-hosts-0123456789';

describe('SHARD_COUNT and SHARD_IDS: one bot over two hosts', { timeout: 60_000 }, () => {
  it('two processes with SHARD_IDS 0 and 1 of SHARD_COUNT 2 each identify as their shard and answer on it', async () => {
    const fake = await startFakeDiscord({ token: TOKEN, shards: 2 });
    const hosts: BotProcess[] = [];
    try {
      hosts.push(
        ...(await Promise.all(
          ['0', '1'].map((ids) => startBotProcess({ token: TOKEN, logLevel: 'info', discord: fake, env: { SHARD_COUNT: '2', SHARD_IDS: ids } })),
        )),
      );
      await fake.ready(0);
      await fake.ready(1);
      assert.deepEqual(
        fake.identifies.map((i) => i.shard).sort((a, b) => (a?.[0] ?? -1) - (b?.[0] ?? -1)),
        [
          [0, 2],
          [1, 2],
        ],
        'one identify per shard, each with the total',
      );
      for (const [shardId, host] of hosts.entries()) {
        const id = fake.sendInteraction(fake.chatInputInteraction('help'), shardId);
        const [answer] = await fake.waitForInteractionResponses(id, 1, 10_000);
        assert.ok(answer, `shard ${shardId} answered`);
        const line = await host.waitForLog((l) => l.msg === 'interaction' && l.interaction === id, 10_000);
        assert.equal(line.outcome, 'ok');
        const other = hosts[1 - shardId];
        assert.ok(!other?.logLines().some((l) => l.interaction === id), `only the host of shard ${shardId} saw it`);
      }
    } finally {
      for (const host of hosts) assert.equal(await host.stop(), 0);
      await fake.close();
    }
  });
});
