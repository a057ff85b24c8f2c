/**
 * Load through the fake Discord: the real bot (real engine, every command file, real discord.js
 * client) gets 1,000 interactions in ten bursts of 100 sent at once — questions from the
 * evaluation set, quotations, comparisons, autocomplete, /sources and /help, each from its own
 * user so no cooldown applies. Every one must be answered exactly once (one successful callback,
 * nothing retried, nothing late: the fake answers 10062 after 3 s like Discord), inside Discord's
 * limits, with exactly one "interaction" log line whose outcome is ok. Prints p50/p99/max from
 * dispatch to the reply's arrival.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Client } from 'discord.js';
import { startBot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/log.ts';
import { realEngine } from '../helpers/corpus.ts';
import { startFakeDiscord, type FakeDiscord, type InteractionPayload } from '../fake-discord/index.ts';
import { assertWithinDiscordLimits } from '../helpers/discord-limits.ts';

const TOKEN = 'fake-bot-token-not-real-load-0123456789';
const TOTAL = 1000;
const BURST = 100;
const WINDOW_MS = 3000;

const QUESTIONS = (JSON.parse(readFileSync(new URL('../eval/questions.json', import.meta.url), 'utf8')) as { questions: { q: string }[] }).questions.map((x) => x.q);
const TOPICS = (JSON.parse(readFileSync(new URL('../eval/compare.json', import.meta.url), 'utf8')) as { topics: { topic: string }[] }).topics.map((x) => x.topic);
const SPEAKERS = ['Araghchi', 'Witkoff', 'Trump', 'Sherman', 'Khamenei', 'Tehran source', 'the format', 'nuclear'];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

describe('load: 1,000 interactions in bursts of 100 through the fake Discord', { timeout: 180_000 }, () => {
  let fake: FakeDiscord;
  let client: Client;
  const logLines: string[] = [];

  before(async () => {
    const engine = realEngine();
    fake = await startFakeDiscord({ token: TOKEN, initialResponseTimeoutMs: WINDOW_MS });
    const log = createLogger('info', [TOKEN], (l) => logLines.push(l));
    client = await startBot(engine, { discordToken: TOKEN, clientId: fake.applicationId, apiUrl: fake.apiUrl, logLevel: 'info' }, { log, readyTimeoutMs: 10_000 });
  });

  after(async () => {
    await client?.destroy();
    await fake?.close();
  });

  /** The k-th interaction: half questions, then quotations, comparisons, autocomplete, /sources and /help. */
  function payload(k: number): InteractionPayload {
    const ctx = { userId: String(1364000000000700000n + BigInt(k)) };
    const pick = <T>(xs: readonly T[]): T => xs[k % xs.length] as T;
    switch (k % 10) {
      case 5:
      case 6:
        return fake.chatInputInteraction('quote', { query: pick(SPEAKERS) }, ctx);
      case 7:
        return fake.chatInputInteraction('compare', { topic: pick(TOPICS) }, ctx);
      case 8:
        return k % 20 === 8 ? fake.autocompleteInteraction('quote', { query: pick(SPEAKERS).slice(0, 3) }, 'query', ctx) : fake.autocompleteInteraction('compare', { topic: 'o' }, 'topic', ctx);
      case 9:
        return fake.chatInputInteraction(k % 20 === 9 ? 'sources' : 'help', {}, ctx);
      default:
        return fake.chatInputInteraction('ask', { question: pick(QUESTIONS) }, ctx);
    }
  }

  it('every interaction is answered exactly once, within the 3 s window; p50/p99 printed', async (t) => {
    const ids: string[] = [];
    const started = Date.now();
    for (let b = 0; b < TOTAL / BURST; b++) {
      // One waiter for the whole burst (a hundred waiters, each scanning every request at every
      // answer, would cost more than the bot and show in its latency).
      // Sent all at once; the waiter is set before the event loop turns, so no answer is missed.
      const pending = new Set<string>();
      for (let j = 0; j < BURST; j++) {
        const id = fake.sendInteraction(payload(b * BURST + j));
        pending.add(id);
        ids.push(id);
      }
      await fake.waitForRequest((r) => {
        const id = /^\/interactions\/(\d+)\//.exec(r.path)?.[1];
        if (id !== undefined && r.status !== undefined && r.status < 400) pending.delete(id);
        return pending.size === 0;
      }, 15_000);
    }
    const elapsed = Date.now() - started;
    // Let any stray second answer (a retry, a duplicate) arrive before counting.
    await new Promise((r) => setTimeout(r, 200));

    const latencies: number[] = [];
    for (const id of ids) {
      const responses = fake.interactionResponses(id);
      assert.equal(responses.length, 1, `interaction ${id}: ${responses.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ')}`);
      const [r] = responses;
      assert.ok(r && r.status !== undefined && r.status < 400, `interaction ${id} answered with ${r?.status}`);
      assertWithinDiscordLimits(r.body, `interaction ${id}`);
      latencies.push(r.at - (fake.interactionState(id)?.dispatchedAt ?? r.at));
    }
    assert.equal(new Set(ids).size, TOTAL);

    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'interaction');
    const byId = new Map<string, Record<string, unknown>[]>();
    for (const l of lines) byId.set(String(l.interaction), [...(byId.get(String(l.interaction)) ?? []), l]);
    for (const id of ids) {
      const own = byId.get(id) ?? [];
      assert.equal(own.length, 1, `interaction ${id}: ${own.length} log lines`);
      assert.equal(own[0]?.outcome, 'ok', JSON.stringify(own[0]));
    }

    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const max = latencies.at(-1) ?? NaN;
    const handler = lines.map((l) => Number(l.latencyMs)).sort((a, b) => a - b);
    const summary =
      `load: ${TOTAL} interactions in bursts of ${BURST}, all answered once in ${elapsed} ms (${Math.round((TOTAL * 1000) / elapsed)}/s); ` +
      `dispatch → reply p50 ${p50} ms, p99 ${p99} ms, max ${max} ms; in the handler p50 ${percentile(handler, 50)} ms, p99 ${percentile(handler, 99)} ms`;
    console.log(`# ${summary}`);
    t.diagnostic(summary);
    assert.ok(max < WINDOW_MS, `every reply inside Discord's 3 s window (max ${max} ms)`);
  });
});
