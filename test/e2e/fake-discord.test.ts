/**
 * Proves test/fake-discord is good enough for the real discord.js Client: login, READY, interactions
 * answered over REST (reply, defer+edit, update, autocomplete, follow-up, files), sharding,
 * injected REST failures and gateway resume.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  REST,
  Routes,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type Json, type RecordedRequest } from '../fake-discord/index.ts';

const TOKEN = 'fake-token-not-real';
const STEP_TIMEOUT_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function loginClient(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<{ client: Client; ms: number }> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl }, ...extra });
  const started = Date.now();
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await withTimeout(client.login(TOKEN), STEP_TIMEOUT_MS, 'client.login');
    await withTimeout(ready, STEP_TIMEOUT_MS, 'clientReady');
  } catch (err) {
    await client.destroy();
    throw err;
  }
  return { client, ms: Date.now() - started };
}

/** Runs `fn` on the next interaction the client emits; resolves/rejects with its outcome. */
function onNextInteraction<T>(client: Client, fn: (i: Interaction) => Promise<T>): Promise<T> {
  return withTimeout(
    new Promise<T>((resolve, reject) => {
      client.once(Events.InteractionCreate, (i) => {
        fn(i).then(resolve, reject);
      });
    }),
    STEP_TIMEOUT_MS,
    'interaction handler',
  );
}

function bodyOf(r: RecordedRequest | undefined): Json {
  assert.ok(r, 'expected a recorded request');
  assert.equal(typeof r.body, 'object');
  return r.body as Json;
}

function dataOf(r: RecordedRequest | undefined): Json {
  const data = bodyOf(r).data;
  assert.equal(typeof data, 'object');
  return data as Json;
}

async function withFake(opts: FakeDiscordOptions, fn: (fake: FakeDiscord) => Promise<void>): Promise<void> {
  const fake = await startFakeDiscord(opts);
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

describe('fake discord with a real discord.js Client (one shard)', { timeout: 60_000 }, () => {
  let fake: FakeDiscord;
  let client: Client;

  before(async () => {
    fake = await startFakeDiscord();
    const logged = await loginClient(fake);
    client = logged.client;
    assert.ok(logged.ms < 2000, `ready took ${logged.ms} ms`);
  });

  after(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('logs in: GET /gateway/bot with the bot token, one IDENTIFY [0,1], READY + GUILD_CREATE', async () => {
    const gw = fake.requests.find((r) => r.method === 'GET' && r.path === '/gateway/bot');
    assert.ok(gw);
    assert.equal(gw.headers.authorization, `Bot ${TOKEN}`);
    assert.equal(gw.status, 200);
    assert.deepEqual(
      fake.identifies.map((i) => ({ shard: i.shard, token: i.token })),
      [{ shard: [0, 1], token: TOKEN }],
    );
    assert.equal(fake.identifies[0]?.compress, false);
    assert.equal(fake.identifies[0]?.intents, GatewayIntentBits.Guilds);
    const connect = fake.gatewayEvents.find((e) => e.type === 'connect');
    assert.equal(connect?.detail, '/?v=10&encoding=json');
    assert.equal(client.user?.id, fake.botUserId);
    assert.equal(client.application?.id, fake.applicationId);
    const guild = client.guilds.cache.first();
    assert.ok(guild?.available, 'the guild from GUILD_CREATE is cached and available');
    assert.equal(guild.channels.cache.size, 1);
    await fake.ready(0);
  });

  it('chat input → interaction.reply posts callback type 4 with the content', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      assert.equal(i.commandName, 'ask');
      assert.equal(i.options.getString('question', true), 'What was agreed?');
      assert.equal(i.options.getBoolean('private'), true);
      assert.equal(i.guildId, fake.message().guild_id);
      assert.ok(i.channel?.isTextBased(), 'channel resolved from the GUILD_CREATE cache');
      await i.reply({ content: 'hi' });
      return i.id;
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'What was agreed?', private: true }));
    assert.equal(await handled, id);
    const [cb] = await fake.waitForInteractionResponses(id, 1);
    assert.ok(cb);
    assert.equal(cb.method, 'POST');
    assert.equal(cb.path.endsWith('/callback'), true);
    assert.equal(cb.query.with_response, 'false', 'discord.js 14.28 always sends ?with_response=');
    assert.equal(cb.status, 204);
    assert.equal(cb.headers.authorization, undefined, 'interaction callbacks are sent without the bot token');
    assert.equal(bodyOf(cb).type, 4);
    assert.equal(dataOf(cb).content, 'hi');
    assert.equal(fake.interactionState(id)?.original?.content, 'hi');
  });

  it('reply withResponse: 200 with {interaction, resource.message}', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      const res = await i.reply({ content: 'with response', withResponse: true });
      return { messageId: res.resource?.message?.id, content: res.resource?.message?.content, type: res.interaction.type };
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    const got = await handled;
    const [cb] = fake.interactionResponses(id);
    assert.equal(cb?.query.with_response, 'true');
    assert.equal(cb?.status, 200);
    assert.equal(got.content, 'with response');
    assert.equal(got.messageId, fake.interactionState(id)?.original?.id);
    assert.equal(got.type, 2);
  });

  it('deferReply + editReply: callback type 5, then PATCH /webhooks/:app/:token/messages/@original', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.deferReply({ flags: 64 });
      const msg = await i.editReply({ content: 'done', embeds: [{ title: 'Sources', description: 'a, b' }] });
      return { content: msg.content, embedTitle: msg.embeds[0]?.title };
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'slow one' }));
    assert.deepEqual(await handled, { content: 'done', embedTitle: 'Sources' });
    const [cb, edit] = await fake.waitForInteractionResponses(id, 2);
    assert.equal(bodyOf(cb).type, 5);
    assert.equal(dataOf(cb).flags, 64);
    assert.equal(edit?.method, 'PATCH');
    assert.equal(edit?.path, `/webhooks/${fake.applicationId}/${fake.interactionState(id)?.token}/messages/@original`);
    assert.equal(bodyOf(edit).content, 'done');
    const original = fake.interactionState(id)?.original;
    assert.equal(original?.flags, 64, 'loading flag cleared, ephemeral kept');
  });

  it('followUp after reply: POST /webhooks/:app/:token?wait=true returns a message', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('first');
      const m = await i.followUp({ content: 'second', flags: 64 });
      return m.content;
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    assert.equal(await handled, 'second');
    const [, follow] = fake.interactionResponses(id);
    assert.equal(follow?.method, 'POST');
    assert.equal(follow?.query.wait, 'true');
    assert.equal(fake.interactionState(id)?.followUps.size, 1);
  });

  it('button → interaction.update posts callback type 7 with the new message', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isButton());
      assert.equal(i.customId, 'more:2');
      assert.equal(i.message.id, '1364000000000009999');
      await i.update({ content: 'page 2', components: [] });
    });
    const id = fake.sendInteraction(fake.buttonInteraction('more:2', { messageId: '1364000000000009999' }));
    await handled;
    const [cb] = await fake.waitForInteractionResponses(id, 1);
    assert.equal(bodyOf(cb).type, 7);
    assert.equal(dataOf(cb).content, 'page 2');
    assert.deepEqual(dataOf(cb).components, []);
    assert.equal(fake.interactionState(id)?.original?.id, '1364000000000009999');
  });

  it('autocomplete → interaction.respond posts callback type 8 with choices', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isAutocomplete());
      const focused = i.options.getFocused(true);
      assert.equal(focused.name, 'topic');
      assert.equal(focused.value, 'sanc');
      await i.respond([{ name: 'sanctions', value: 'sanctions' }]);
    });
    const id = fake.sendInteraction(fake.autocompleteInteraction('ask', { question: 'x', topic: 'sanc' }, 'topic'));
    await handled;
    const [cb] = await fake.waitForInteractionResponses(id, 1);
    assert.equal(bodyOf(cb).type, 8);
    assert.deepEqual(dataOf(cb).choices, [{ name: 'sanctions', value: 'sanctions' }]);
  });

  it('message context menu: targetMessage resolved, reply with a file is multipart', async () => {
    const target = fake.message({ content: 'Oman hosted the talks.' });
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isMessageContextMenuCommand());
      assert.equal(i.targetMessage.content, 'Oman hosted the talks.');
      await i.reply({ content: 'checked', files: [{ attachment: Buffer.from('source list'), name: 'sources.txt' }] });
    });
    const id = fake.sendInteraction(fake.messageContextMenuInteraction('Check this', target));
    await handled;
    const [cb] = await fake.waitForInteractionResponses(id, 1);
    assert.match(String(cb?.headers['content-type']), /^multipart\/form-data/);
    assert.equal(dataOf(cb).content, 'checked');
    assert.equal(cb?.files?.length, 1);
    assert.equal(cb?.files?.[0]?.filename, 'sources.txt');
    assert.equal(cb?.files?.[0]?.data.toString(), 'source list');
  });

  it('a second reply gets 400 {code:40060} (already acknowledged)', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('once');
      // Bypass discord.js's own "already replied" guard to hit the API.
      await client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'twice' } }, auth: false });
    });
    fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    await assert.rejects(handled, (err: unknown) => err instanceof DiscordAPIError && err.code === 40060 && err.status === 400);
  });

  it('failNext 500 once on the callback: @discordjs/rest retries 5xx and the reply succeeds', async () => {
    fake.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 500 });
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('after retry');
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    await handled;
    const calls = fake.interactionResponses(id);
    assert.deepEqual(
      calls.map((r) => [r.status, r.injected === true]),
      [
        [500, true],
        [204, false],
      ],
    );
    assert.equal(dataOf(calls[1]).content, 'after retry');
  });

  it('failNext 500 four times: retries (3) exhausted → HTTPError 500 reaches the handler', async () => {
    fake.failNext({ pathIncludes: '/callback' }, { status: 500 }, 4);
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('never');
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    await assert.rejects(handled, (err: unknown) => err instanceof Error && err.name === 'HTTPError' && 'status' in err && err.status === 500);
    assert.equal(fake.interactionResponses(id).length, 4);
  });

  it('failNext 429 with retry-after: discord.js waits and retries', async () => {
    fake.failNext({ pathIncludes: '/callback' }, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.2, global: false } });
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('after 429');
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    await handled;
    const calls = fake.interactionResponses(id);
    assert.deepEqual(
      calls.map((r) => r.status),
      [429, 204],
    );
    const [first, second] = calls;
    assert.ok(first && second && second.at - first.at >= 200, 'waited retry_after before retrying');
    assert.equal(first?.headers['content-type'], 'application/json');
  });

  it('failNext 404 {code:10062}: reply rejects with DiscordAPIError 10062 (not retried)', async () => {
    fake.failNext({ pathIncludes: '/callback' }, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('too late');
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    await assert.rejects(handled, (err: unknown) => err instanceof DiscordAPIError && err.code === 10062);
    assert.equal(fake.interactionResponses(id).length, 1);
  });

  it('editReply before any reply → 404 Unknown Message from the webhook route', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await client.rest.patch(Routes.webhookMessage(i.applicationId, i.token, '@original'), { body: { content: 'x' }, auth: false });
    });
    fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    await assert.rejects(handled, (err: unknown) => err instanceof DiscordAPIError && err.code === 10008);
  });

  it('dropConnections(): the client resumes on resume_gateway_url, gets the missed interaction replayed, and answers new ones', async () => {
    const resumedOnClient = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    const identifiesBefore = fake.identifies.length;
    fake.dropConnections();
    // Sent while the socket is down: buffered and replayed after RESUME, like Discord does.
    const missed = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('replayed');
      return i.id;
    });
    const missedId = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'during outage' }));
    assert.equal(await missed, missedId);
    await withTimeout(resumedOnClient, STEP_TIMEOUT_MS, 'shardResume');
    const resume = await fake.waitForGatewayEvent((e) => e.type === 'resume');
    assert.equal(resume.shardId, 0);
    const reconnect = fake.gatewayEvents.filter((e) => e.type === 'connect').at(-1);
    assert.equal(reconnect?.detail, '/resume?v=10&encoding=json');
    assert.equal(fake.identifies.length, identifiesBefore, 'resumed, did not re-identify');

    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('still here');
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'after' }));
    await handled;
    const [cb] = await fake.waitForInteractionResponses(id, 1);
    assert.equal(dataOf(cb).content, 'still here');
  });

  it('invalidateSession(0, false): the client identifies again and keeps answering', { timeout: 15_000 }, async () => {
    const identifiesBefore = fake.identifies.length;
    fake.invalidateSession(0, false);
    // discord.js's SimpleIdentifyThrottler spaces identifies of the same bucket 5 s (+ up to 1.5 s jitter) apart.
    await fake.waitForGatewayEvent((e) => e.type === 'ready' && fake.identifies.length > identifiesBefore, 10_000);
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply('new session');
    });
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }));
    await handled;
    const [cb] = await fake.waitForInteractionResponses(id, 1);
    assert.equal(dataOf(cb).content, 'new session');
  });

  it('unknown routes → 404 {code:0} and are recorded', async () => {
    await assert.rejects(client.rest.get('/nothing/here'), (err: unknown) => err instanceof DiscordAPIError && err.status === 404 && err.code === 0);
    assert.ok(fake.requests.some((r) => r.path === '/nothing/here' && r.status === 404));
  });
});

describe('fake discord: REST without a gateway', { timeout: 20_000 }, () => {
  it('PUT global and guild commands echo with ids; GET returns the last PUT; wrong token → 401', async () => {
    await withFake({ token: TOKEN }, async (fake) => {
      const rest = new REST({ api: fake.apiUrl }).setToken(TOKEN);
      const body = [
        { name: 'ask', description: 'Ask a question', options: [{ type: 3, name: 'question', description: 'q', required: true }] },
        { name: 'Check this', type: 3 },
      ];
      const put = (await rest.put(Routes.applicationCommands(fake.applicationId), { body })) as Json[];
      assert.equal(put.length, 2);
      assert.ok(put.every((c) => typeof c.id === 'string' && c.application_id === fake.applicationId));
      assert.deepEqual(await rest.get(Routes.applicationCommands(fake.applicationId)), put);
      const again = (await rest.put(Routes.applicationCommands(fake.applicationId), { body })) as Json[];
      assert.deepEqual(
        again.map((c) => c.id),
        put.map((c) => c.id),
        'same command keeps its id',
      );
      const guildPut = (await rest.put(Routes.applicationGuildCommands(fake.applicationId, '1364000000000000100'), { body: [body[0]] })) as Json[];
      assert.equal(guildPut[0]?.guild_id, '1364000000000000100');
      const rec = fake.requests.find((r) => r.method === 'PUT');
      assert.deepEqual(rec?.body, body);
      assert.equal(fake.commands.get('global')?.length, 2);

      const me = (await rest.get(Routes.currentApplication())) as Json;
      assert.equal(me.id, fake.applicationId);
      const bad = new REST({ api: fake.apiUrl }).setToken('another-fake-token');
      await assert.rejects(bad.get(Routes.user('@me')), (err: unknown) => err instanceof DiscordAPIError && err.status === 401);
    });
  });

  it('login with a token the fake does not accept rejects with TokenInvalid', async () => {
    await withFake({ token: 'the-only-fake-token' }, async (fake) => {
      const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
      try {
        await assert.rejects(withTimeout(client.login(TOKEN), STEP_TIMEOUT_MS, 'login'), (err: unknown) => err instanceof Error && /TokenInvalid|invalid token/i.test(`${'code' in err ? String(err.code) : ''} ${err.message}`));
      } finally {
        await client.destroy();
      }
    });
  });
});

describe('fake discord: two shards', { timeout: 20_000 }, () => {
  it("shards: 'auto' with recommended 2 → IDENTIFY [0,2] and [1,2]; an interaction on shard 1 is answered", async () => {
    // One guild per shard, so each shard's READY waits for its own GUILD_CREATE.
    const guildA = '1364000000000000100';
    const guildB = '1364000000004194404'; // guildA + (1 << 22): (id >> 22) % 2 === 1 → shard 1
    await withFake(
      {
        shards: 2,
        guilds: [
          { id: guildA, channelIds: ['1364000000000000200'] },
          { id: guildB, channelIds: ['1364000000000000201'] },
        ],
      },
      async (fake) => {
        const { client, ms } = await loginClient(fake, { shards: 'auto' });
        try {
          assert.ok(ms < 2000, `ready took ${ms} ms (identify concurrency must not serialize shards)`);
          assert.deepEqual(
            fake.identifies.map((i) => i.shard).sort((a, b) => (a?.[0] ?? 0) - (b?.[0] ?? 0)),
            [
              [0, 2],
              [1, 2],
            ],
          );
          await fake.ready(0);
          await fake.ready(1);
          assert.equal(client.guilds.cache.size, 2);
          const shardOfB = client.guilds.cache.get(guildB)?.shardId;
          assert.ok(shardOfB !== undefined);

          const handled = onNextInteraction(client, async (i) => {
            assert.ok(i.isChatInputCommand());
            await i.reply(`from shard ${i.guild?.shardId}`);
          });
          const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }, { guildId: guildB, channelId: '1364000000000000201' }), 1);
          await handled;
          const dispatch = fake.gatewayEvents.find((e) => e.type === 'dispatch' && e.detail === 'INTERACTION_CREATE');
          assert.equal(dispatch?.shardId, 1);
          const [cb] = await fake.waitForInteractionResponses(id, 1);
          assert.equal(dataOf(cb).content, `from shard ${shardOfB}`);
          assert.equal(shardOfB, 1);
        } finally {
          await client.destroy();
        }
      },
    );
  });

  it('explicit shards: [0, 1] with shardCount 2 also works, and DMs go to shard 0', async () => {
    await withFake({ shards: 2, guilds: [] }, async (fake) => {
      const { client } = await loginClient(fake, { shards: [0, 1], shardCount: 2 });
      try {
        assert.equal(fake.identifies.length, 2);
        const handled = onNextInteraction(client, async (i) => {
          assert.ok(i.isChatInputCommand());
          assert.equal(i.guildId, null);
          assert.equal(i.user.id, '1364000000000000777');
          await i.reply('dm reply');
        });
        const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'q' }, { guildId: null, userId: '1364000000000000777' }));
        await handled;
        assert.equal(fake.gatewayEvents.find((e) => e.type === 'dispatch' && e.detail === 'INTERACTION_CREATE')?.shardId, 0);
        const [cb] = await fake.waitForInteractionResponses(id, 1);
        assert.equal(dataOf(cb).content, 'dm reply');
      } finally {
        await client.destroy();
      }
    });
  });
});

describe('fake discord: gateway heartbeats', { timeout: 20_000 }, () => {
  it('answers HEARTBEAT with HEARTBEAT_ACK (client ping becomes known)', async () => {
    await withFake({ heartbeatIntervalMs: 150 }, async (fake) => {
      const { client } = await loginClient(fake);
      try {
        await fake.waitForGatewayEvent((e) => e.type === 'heartbeat' && e.shardId === 0);
        const deadline = Date.now() + STEP_TIMEOUT_MS;
        while (client.ws.ping < 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        assert.ok(client.ws.ping >= 0, `ping ${client.ws.ping}`);
      } finally {
        await client.destroy();
      }
    });
  });
});
