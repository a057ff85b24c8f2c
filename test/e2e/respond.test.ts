/**
 * src/discord/respond.ts against the real discord.js Client and the fake Discord: the right call
 * for each interaction state, an ephemeral error whatever was sent before, and 10062/40060
 * handled without throwing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiscordAPIError, Events, MessageFlags, type Client, type Interaction } from 'discord.js';
import { createClient } from '../../src/discord/client.ts';
import { replyError, respond } from '../../src/discord/respond.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeDiscord, type FakeDiscord, type Json } from '../fake-discord/index.ts';
import { messageOf } from '../helpers/discord-limits.ts';

const TOKEN = 'fake-token-not-real-respond-test';

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

describe('respond / replyError with a real client', { timeout: 30_000 }, () => {
  let fake: FakeDiscord;
  let client: Client;
  const lines: string[] = [];
  const log = createLogger('debug', [TOKEN], (l) => lines.push(l));

  before(async () => {
    fake = await startFakeDiscord();
    client = createClient({ apiUrl: fake.apiUrl });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await withTimeout(client.login(TOKEN), 5000, 'login');
    await withTimeout(ready, 5000, 'ready');
  });

  after(async () => {
    await client?.destroy();
    await fake?.close();
  });

  /** Runs fn on the next interaction; resolves with the interaction id once fn is done. */
  async function handle(fn: (i: Interaction) => Promise<void>, payload = fake.chatInputInteraction('ask', { question: 'q' })): Promise<string> {
    const done = new Promise<void>((resolve, reject) => client.once(Events.InteractionCreate, (i) => void fn(i).then(resolve, reject)));
    const id = fake.sendInteraction(payload);
    await withTimeout(done, 5000, 'handler');
    return id;
  }

  const flags = (m: Json): number => Number(m.flags ?? 0);

  it('the client sends allowed_mentions {parse: []} by default', async () => {
    const id = await handle(async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply({ content: '@everyone' });
    });
    assert.deepEqual(messageOf(fake.interactionResponses(id)[0]).allowed_mentions, { parse: [] });
  });

  it('respond: reply first, then follow-up; after a defer, edit the deferred reply', async () => {
    const id = await handle(async (i) => {
      assert.ok(i.isChatInputCommand());
      assert.equal(await respond(i, { content: 'one' }), true);
      assert.equal(await respond(i, { content: 'two', ephemeral: true }), true);
    });
    const [a, b] = fake.interactionResponses(id);
    assert.equal((a?.body as Json).type, 4);
    assert.equal(b?.method, 'POST');
    assert.equal(flags(messageOf(b)) & 64, 64);

    const id2 = await handle(async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.deferReply();
      await respond(i, { content: 'after defer' });
    });
    const [d, e] = fake.interactionResponses(id2);
    assert.equal((d?.body as Json).type, 5);
    assert.equal(e?.method, 'PATCH');
    assert.equal(messageOf(e).content, 'after defer');
  });

  it('replyError before anything: an ephemeral reply', async () => {
    const id = await handle((i) => replyError(i, 'oops', log));
    const m = messageOf(fake.interactionResponses(id)[0]);
    assert.equal(m.content, 'oops');
    assert.equal(flags(m) & 64, 64);
  });

  it('replyError after a reply: an ephemeral follow-up', async () => {
    const id = await handle(async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('public answer');
      await replyError(i, 'oops', log);
    });
    const [, follow] = fake.interactionResponses(id);
    assert.equal(follow?.method, 'POST');
    assert.equal(flags(messageOf(follow)) & 64, 64);
    assert.equal(fake.interactionState(id)?.original?.content, 'public answer');
  });

  it('replyError after a public defer: the loading message is deleted and the error sent ephemerally', async () => {
    const id = await handle(async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.deferReply();
      await replyError(i, 'oops', log);
    });
    const calls = fake.interactionResponses(id).map((r) => r.method);
    assert.deepEqual(calls, ['POST', 'DELETE', 'POST']);
    const state = fake.interactionState(id);
    assert.equal(state?.original, undefined);
    const [msg] = [...(state?.followUps.values() ?? [])];
    assert.equal(msg?.content, 'oops');
    assert.equal(Number(msg?.flags) & 64, 64);
  });

  it('replyError after an ephemeral defer: the deferred reply becomes the error', async () => {
    const id = await handle(async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await replyError(i, 'oops', log);
    });
    const [, edit] = fake.interactionResponses(id);
    assert.equal(edit?.method, 'PATCH');
    assert.equal(fake.interactionState(id)?.original?.content, 'oops');
    assert.equal(Number(fake.interactionState(id)?.original?.flags) & 64, 64);
  });

  it('replyError on autocomplete answers with no choices', async () => {
    const id = await handle((i) => replyError(i, 'oops', log), fake.autocompleteInteraction('quote', { query: 'x' }));
    assert.deepEqual(messageOf(fake.interactionResponses(id)[0]).choices, []);
  });

  it('10062 and 40060: respond returns false, replyError does not throw, other errors still throw', async () => {
    fake.failNext({ pathIncludes: '/callback' }, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
    await handle(async (i) => {
      assert.ok(i.isChatInputCommand());
      assert.equal(await respond(i, { content: 'late' }, log), false);
    });
    fake.failNext({ pathIncludes: '/callback' }, { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } });
    await handle((i) => replyError(i, 'oops', log));
    fake.failNext({ pathIncludes: '/callback' }, { status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    await handle(async (i) => {
      assert.ok(i.isChatInputCommand());
      await assert.rejects(respond(i, { content: 'bad' }, log), (err: unknown) => err instanceof DiscordAPIError && err.code === 50035);
    });
    assert.ok(lines.some((l) => l.includes('10062')));
    assert.ok(lines.some((l) => l.includes('40060')));
    assert.ok(lines.every((l) => !l.includes(TOKEN)));
  });
});
