/**
 * Questions asked in conversation, against the fake Discord with the real bot and engine: a
 * guild message that @mentions the bot and a DM are each answered once, in a reply, with the
 * sources named, within Discord's limits, escaped and pinging only the asker; a mention with no
 * question gets the help; a bot's message, the bot's own and a message without a mention get
 * nothing; the cooldown is /ask's; the reply's page buttons turn. The intents sent at IDENTIFY
 * are not privileged, and the fake delivers messages only as Discord would with those intents.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from 'discord.js';
import { startBot } from '../../src/discord/bot.ts';
import { escapeText } from '../../src/discord/escape.ts';
import { Engine } from '../../src/engine.ts';
import { createLogger } from '../../src/log.ts';
import { DM_CHANNEL_ID, startFakeDiscord, user, type FakeDiscord, type Json, type RecordedRequest } from '../fake-discord/index.ts';
import { assertWithinDiscordLimits } from '../helpers/discord-limits.ts';

const TOKEN = 'fake-bot-token-not-real-mentions-0123456789';
/** GuildMembers, GuildPresences, MessageContent: the intents Discord calls privileged. */
const PRIVILEGED = (1 << 1) | (1 << 8) | (1 << 15);

let userSeq = 0n;
const nextUser = (): string => String(1364000000000700000n + ++userSeq);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const embedsOf = (m: Json): Json[] => (Array.isArray(m.embeds) ? m.embeds.filter(isObject) : []);
const bodyOf = (r: RecordedRequest | undefined): Json => {
  assert.ok(r && isObject(r.body), 'a reply with a JSON body');
  return r.body;
};

describe('questions by @mention and DM', { timeout: 60_000 }, () => {
  let engine: Engine;
  let fake: FakeDiscord;
  let client: Client;
  const logLines: string[] = [];

  before(async () => {
    engine = Engine.load();
    fake = await startFakeDiscord({ token: TOKEN });
    const log = createLogger('debug', [TOKEN], (line) => logLines.push(line));
    client = await startBot(engine, { discordToken: TOKEN, clientId: fake.applicationId, apiUrl: fake.apiUrl, logLevel: 'debug' }, { log, readyTimeoutMs: 5000 });
  });

  after(async () => {
    await client?.destroy();
    await fake?.close();
  });

  const mention = (text: string): string => `<@${fake.botUserId}> ${text}`;

  /** Sends a message and waits for the bot's reply to it; checks the limits and that only the asker may be pinged. */
  async function ask(init: Parameters<FakeDiscord['sendMessage']>[0]): Promise<{ id: string; reply: RecordedRequest; body: Json }> {
    const sent = fake.sendMessage(init);
    assert.ok(sent.delivered, 'Discord delivers it with the intents the bot identified with');
    const reply = await fake.waitForRequest((r) => fake.repliesTo(sent.id).includes(r));
    assert.equal(reply.status, 200);
    assertWithinDiscordLimits(reply.body, `reply to ${sent.id}`);
    const body = bodyOf(reply);
    const asker = (sent.message.author as Json).id;
    assert.deepEqual(body.allowed_mentions, { users: [asker], replied_user: true }, 'no mention but the asker');
    return { id: sent.id, reply, body };
  }

  it('identifies with no privileged intent, and with the message intents it needs', () => {
    const [identify] = fake.identifies;
    assert.ok(identify);
    assert.equal(identify.intents & PRIVILEGED, 0, `intents ${identify.intents}`);
    assert.ok(identify.intents & (1 << 9) && identify.intents & (1 << 12), 'GuildMessages and DirectMessages');
  });

  it('a mention in a guild channel is answered once, in a reply in that channel, with the sources named and the question escaped', async () => {
    const question = 'who mediated the talks? @everyone **now**';
    const { id, reply, body } = await ask({ content: mention(question), userId: nextUser() });
    assert.match(reply.path, /^\/channels\/1364000000000000200\/messages$/);
    assert.equal(isObject(body.message_reference) && body.message_reference.message_id, id);
    assert.ok(String(body.content).startsWith(`**Question:** ${escapeText(question)}`), String(body.content));
    assert.ok(!/(^|[^\\])@everyone/.test(String(body.content)));
    const embeds = embedsOf(body);
    const expected = engine.ask(question, 15).answers;
    assert.equal(embeds.length, Math.min(3, expected.length));
    embeds.forEach((e, k) => {
      const meta = expected[k]?.passage.meta;
      assert.ok(meta);
      assert.equal(isObject(e.author) && e.author.name, meta.publisher, 'publisher');
      assert.match(String(isObject(e.footer) && e.footer.text), new RegExp(`^Source: ${meta.id} · `));
    });
    // A later question is answered after this one: by then a second reply to the first would have been sent.
    await ask({ content: mention('when is the next round?'), userId: nextUser() });
    assert.equal(fake.repliesTo(id).length, 1, 'answered once');
  });

  it('a DM is answered once, in the DM, without needing a mention', async () => {
    const question = 'why did iran agree to negotiate?';
    const { id, reply, body } = await ask({ content: question, guildId: null, userId: nextUser() });
    assert.equal(reply.path, `/channels/${DM_CHANNEL_ID}/messages`);
    assert.ok(String(body.content).startsWith(`**Question:** ${escapeText(question)}`));
    assert.ok(embedsOf(body).length > 0, 'passages');
    await ask({ content: 'who is wendy sherman?', guildId: null, userId: nextUser() });
    assert.equal(fake.repliesTo(id).length, 1, 'answered once');
  });

  it("a bot's message, the bot's own and a message without a mention get nothing", async () => {
    const fromBot = fake.sendMessage({ content: mention('who mediated the talks?'), author: user({ id: nextUser(), bot: true }) });
    const own = fake.sendMessage({ content: mention('who mediated the talks?'), author: user({ id: fake.botUserId, bot: true }) });
    const noMention = fake.sendMessage({ content: 'who mediated the talks?', userId: nextUser() });
    const dmFromBot = fake.sendMessage({ content: 'who mediated the talks?', guildId: null, author: user({ id: nextUser(), bot: true }) });
    for (const m of [fromBot, own, noMention, dmFromBot]) assert.ok(m.delivered, 'each reached the bot');
    // Dispatched in order on one connection: once the next question is answered, those were handled.
    await ask({ content: mention('what did araghchi say?'), userId: nextUser() });
    for (const m of [fromBot, own, noMention, dmFromBot]) assert.deepEqual(fake.repliesTo(m.id), [], `no reply to ${m.id}`);
  });

  it('a mention with no question gets the help; the same user again within 3 s is told to wait, as with /ask', async () => {
    const asker = nextUser();
    const help = await ask({ content: `<@!${fake.botUserId}>`, userId: asker });
    assert.equal(embedsOf(help.body)[0]?.title, 'What I can do');
    const first = await ask({ content: mention('who mediated the talks?'), userId: asker });
    assert.ok(embedsOf(first.body).length > 0);
    const again = await ask({ content: mention('when is the next round?'), userId: asker });
    assert.match(String(again.body.content), /try again in [1-3] s/);
    // /ask by the same user shares that cooldown.
    const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'who mediated the talks?' }, { userId: asker }));
    const [cb] = await fake.waitForInteractionResponses(id);
    assert.match(String(isObject(cb?.body) && isObject(cb.body.data) && cb.body.data.content), /try again in/);
  });

  it('the reply carries /ask\'s page buttons, which the asker can turn', async () => {
    const asker = nextUser();
    const { reply } = await ask({ content: mention('What did the talks in Oman achieve?'), userId: asker });
    const posted = reply.response;
    assert.ok(isObject(posted));
    const rows = Array.isArray(posted.components) ? posted.components.filter(isObject) : [];
    const more = rows.flatMap((r) => (Array.isArray(r.components) ? r.components.filter(isObject) : [])).find((b) => String(b.label).startsWith('More results'));
    assert.ok(more, 'a More results button');
    const id = fake.sendInteraction(fake.buttonInteraction(String(more.custom_id), { message: posted, userId: asker }));
    const [update] = await fake.waitForInteractionResponses(id);
    assert.equal(isObject(update?.body) && update.body.type, 7);
  });

  it('every question is one "message" log line with via and outcome; no line holds the token', () => {
    const lines = logLines.map((l) => JSON.parse(l) as Json).filter((l) => l.msg === 'message');
    assert.ok(lines.some((l) => l.via === 'mention' && l.outcome === 'ok'));
    assert.ok(lines.some((l) => l.via === 'dm' && l.outcome === 'ok'));
    assert.ok(lines.some((l) => l.outcome === 'help') && lines.some((l) => l.outcome === 'cooldown'));
    assert.ok(logLines.every((l) => !l.includes(TOKEN)));
  });
});

describe('the fake Discord delivers messages as Discord would', { timeout: 20_000 }, () => {
  it('without the message intents nothing arrives; without Message Content a guild message without a mention arrives empty', async () => {
    const { Client, GatewayIntentBits } = await import('discord.js');
    const fake = await startFakeDiscord();
    const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { api: fake.apiUrl } });
    try {
      const seen: string[] = [];
      client.on('messageCreate', (m) => seen.push(m.content));
      await client.login('fake-token-not-real');
      await fake.ready(0);
      assert.equal(fake.sendMessage({ content: 'hello', guildId: null }).delivered, false, 'no DirectMessages intent: no DM');
      assert.equal(fake.sendMessage({ content: 'plain words' }).delivered, true);
      fake.sendMessage({ content: `<@${fake.botUserId}> hi` });
      await new Promise<void>((resolve) => client.on('messageCreate', () => seen.length === 2 && resolve()));
      assert.deepEqual(seen, ['', `<@${fake.botUserId}> hi`]);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });
});
