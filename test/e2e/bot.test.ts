/**
 * The real bot (real Engine, real discord.js Client, every file in commands/) against the fake
 * Discord: each command, autocomplete, paging, the context menu, cooldown, engine and API
 * failures; every message checked against Discord's limits and for allowed_mentions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from 'discord.js';
import { startBot } from '../../src/discord/bot.ts';
import { colourOf } from '../../src/discord/colours.ts';
import { escapeText } from '../../src/discord/escape.ts';
import { ERROR_MESSAGE } from '../../src/discord/interactions.ts';
import { parseVoteCustomId } from '../../src/discord/feedback.ts';
import { parsePageCustomId } from '../../src/discord/paging.ts';
import { formatDate } from '../../src/discord/render.ts';
import type { BotEngine } from '../../src/discord/types.ts';
import { Engine } from '../../src/engine.ts';
import { createLogger } from '../../src/log.ts';
import { MESSAGES } from '../../src/messages.ts';
import type { SourceMeta } from '../../src/search/types.ts';
import { startFakeDiscord, user, type FakeDiscord, type Json, type RecordedRequest } from '../fake-discord/index.ts';
import { assertWithinDiscordLimits, messageOf } from '../helpers/discord-limits.ts';

const TOKEN = 'fake-bot-token-not-real-0123456789';
const EPHEMERAL = 64;

/** A fresh user id per test, so the per-user cooldown never couples two tests. */
let userSeq = 0n;
const nextUser = (): string => String(1364000000000500000n + ++userSeq);

/** The real engine, with methods a test can make throw, and quote() a test can replace. */
function faultyEngine(engine: Engine, failing: Set<string>, overrides: { quote?: Engine['quote'] } = {}): BotEngine {
  const guard = (name: string): void => {
    if (failing.has(name)) throw new Error(`injected failure in ${name}`);
  };
  return {
    ask: (q, limit) => (guard('ask'), engine.ask(q, limit)),
    suggest: (typed, limit) => (guard('suggest'), engine.suggest(typed, limit)),
    quote: (q, limit) => (guard('quote'), (overrides.quote ?? engine.quote.bind(engine))(q, limit)),
    compare: (t) => (guard('compare'), engine.compare(t)),
    speakers: () => (guard('speakers'), engine.speakers()),
    topics: () => (guard('topics'), engine.topics()),
    sources: () => (guard('sources'), engine.sources()),
    index: engine.index,
  };
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const embedsOf = (m: Json): Json[] => (Array.isArray(m.embeds) ? m.embeds.filter(isObject) : []);
const fieldsOf = (e: Json): Json[] => (Array.isArray(e.fields) ? e.fields.filter(isObject) : []);
const field = (e: Json, name: string): string | undefined => fieldsOf(e).find((f) => f.name === name)?.value as string | undefined;
const allButtonsOf = (m: Json): Json[] =>
  (Array.isArray(m.components) ? m.components : []).filter(isObject).flatMap((row) => (Array.isArray(row.components) ? row.components.filter(isObject) : []));
/** The paging buttons (not the feedback ones). */
const buttonsOf = (m: Json): Json[] => allButtonsOf(m).filter((b) => parsePageCustomId(String(b.custom_id)));

describe('the bot against the fake Discord', { timeout: 90_000 }, () => {
  let engine: Engine;
  let fake: FakeDiscord;
  let client: Client;
  const failing = new Set<string>();
  const overrides: { quote?: Engine['quote'] } = {};
  const logLines: string[] = [];

  before(async () => {
    engine = Engine.load();
    // Like Discord: an initial response later than 3 s after dispatch gets 10062.
    fake = await startFakeDiscord({ initialResponseTimeoutMs: 3000, token: TOKEN });
    const log = createLogger('debug', [TOKEN], (line) => logLines.push(line));
    client = await startBot(faultyEngine(engine, failing, overrides), { discordToken: TOKEN, clientId: fake.applicationId, apiUrl: fake.apiUrl, logLevel: 'debug' }, { log, readyTimeoutMs: 5000 });
  });

  after(async () => {
    await client?.destroy();
    await fake?.close();
  });

  /** Sends an interaction and waits for `count` answers; checks each: limits, allowed_mentions, the 3 s window. */
  async function exchange(payload: ReturnType<FakeDiscord['chatInputInteraction']>, count = 1): Promise<{ id: string; responses: RecordedRequest[] }> {
    const id = fake.sendInteraction(payload);
    const responses = await fake.waitForInteractionResponses(id, count);
    const dispatched = fake.interactionState(id)?.dispatchedAt ?? 0;
    for (const r of responses) {
      assertWithinDiscordLimits(r.body, `${r.method} ${r.path}`);
      const m = messageOf(r);
      if (r.path.endsWith('/callback')) assert.ok(r.at - dispatched < 3000, `answered after ${r.at - dispatched} ms`);
      if (!Array.isArray(m.choices) && !(isObject(r.body) && r.body.type === 5)) {
        assert.ok(isObject(m.allowed_mentions), `allowed_mentions is set on ${r.method} ${r.path}`);
      }
    }
    return { id, responses };
  }

  function assertAttribution(embed: Json, meta: SourceMeta, options: { heading?: boolean } = {}): void {
    assert.equal(isObject(embed.author) && embed.author.name, meta.publisher, 'publisher as the author line');
    assert.equal(embed.title, escapeText(meta.title), 'title');
    assert.equal(field(embed, 'Author'), escapeText(meta.author), 'author');
    assert.equal(field(embed, 'Date'), formatDate(meta.date), 'date');
    if (options.heading) assert.ok(field(embed, 'Section'), 'section heading');
    assert.equal(embed.color, colourOf(meta), `the colour of ${meta.id}`);
    assert.match(String(isObject(embed.footer) && embed.footer.text), new RegExp(`^Source: ${meta.id} · `), 'footer names the source');
  }

  it('/ask: best passages with their best sentence bold, full attribution, paging buttons, no mention parsed', async () => {
    const asker = nextUser();
    const question = 'Who mediated the talks?';
    const { responses } = await exchange(fake.chatInputInteraction('ask', { question }, { userId: asker }));
    const [cb] = responses;
    assert.equal(isObject(cb?.body) && cb.body.type, 4);
    const m = messageOf(cb);
    assert.deepEqual(m.allowed_mentions, { parse: [] });
    assert.equal(((m.flags as number | undefined) ?? 0) & EPHEMERAL, 0, 'public by default');
    const response = engine.ask(question, 15);
    // A first answer the engine is not sure of is shown as the closest passages.
    const unsure = response.confidence === 'low' ? `\n${MESSAGES.askLowConfidence}` : '';
    assert.equal(m.content, `**Question:** ${escapeText(question)}${unsure}`);
    const expected = response.answers;
    const embeds = embedsOf(m);
    assert.equal(embeds.length, 3);
    embeds.forEach((e, k) => {
      const answer = expected[k];
      assert.ok(answer);
      assertAttribution(e, answer.passage.meta, { heading: true });
      assert.ok(String(e.description).includes(`**${escapeText(answer.highlight.text.trim())}**`), 'best sentence in bold within the passage');
      assert.match(String(isObject(e.footer) && e.footer.text), new RegExp(`result ${k + 1} of ${expected.length}$`));
    });
    const buttons = buttonsOf(m);
    assert.equal(buttons.length, 2);
    const [prev, more] = buttons;
    assert.equal(prev?.disabled, true);
    assert.match(String(more?.label), /^More results/);
    assert.deepEqual(parsePageCustomId(String(more?.custom_id)), { command: 'ask', userId: asker, page: 1, query: question });
    const votes = allButtonsOf(m).map((b) => parseVoteCustomId(String(b.custom_id))).filter((v) => v !== null);
    const shown = expected.slice(0, 3).map((a) => a.passage.id);
    assert.deepEqual(votes, [
      { vote: 'helpful', passageIds: shown },
      { vote: 'not-helpful', passageIds: shown },
    ]);
  });

  it('/ask hide:true → ephemeral (flags 64)', async () => {
    const { responses } = await exchange(fake.chatInputInteraction('ask', { question: 'What did Araghchi say?', hide: true }, { userId: nextUser() }));
    assert.equal(Number(messageOf(responses[0]).flags) & EPHEMERAL, EPHEMERAL);
  });

  it('/ask target:@user → addressed with a mention, and that user is the only allowed mention', async () => {
    const target = '1364000000000000999';
    const payload = fake.chatInputInteraction('ask', [
      { name: 'question', type: 3, value: 'When is the next round?' },
      { name: 'target', type: 6, value: target },
    ], { userId: nextUser() });
    (payload.data as Json).resolved = { users: { [target]: user({ id: target, username: 'friend' }) } };
    const { responses } = await exchange(payload);
    const m = messageOf(responses[0]);
    assert.match(String(m.content), new RegExp(`^<@${target}>`));
    assert.deepEqual(m.allowed_mentions, { users: [target] });
  });

  it('user text is escaped and cannot ping: @everyone, <@id> and Markdown in a question', async () => {
    const question = '@everyone <@1364000000000000300> **Oman** __talks__ `code`';
    const { responses } = await exchange(fake.chatInputInteraction('ask', { question }, { userId: nextUser() }));
    const m = messageOf(responses[0]);
    assert.deepEqual(m.allowed_mentions, { parse: [] });
    assert.ok(String(m.content).includes('\\@everyone'), String(m.content));
    assert.ok(!/(^|[^\\])@everyone/.test(String(m.content)));
    assert.ok(!/(^|[^\\])<@\d/.test(String(m.content)));
  });

  it('"More results" pressed by the asker → the next page (update, type 7); by someone else → an ephemeral note', async () => {
    const asker = nextUser();
    const question = 'What did the talks in Oman achieve?';
    const ask = await exchange(fake.chatInputInteraction('ask', { question }, { userId: asker }));
    const original = fake.interactionState(ask.id)?.original;
    assert.ok(original);
    const more = buttonsOf(original).find((b) => String(b.label).startsWith('More results'));
    assert.ok(more);
    const customId = String(more.custom_id);

    const pressed = await exchange(fake.buttonInteraction(customId, { message: original, userId: asker }));
    const [update] = pressed.responses;
    assert.equal(isObject(update?.body) && update.body.type, 7);
    const page2 = messageOf(update);
    assert.deepEqual(page2.allowed_mentions, { parse: [] });
    const total = engine.ask(question, 15).answers.length;
    assert.match(String(isObject(embedsOf(page2)[0]?.footer) && (embedsOf(page2)[0]?.footer as Json).text), new RegExp(`result 4 of ${total}$`));
    const [prev2] = buttonsOf(page2);
    assert.equal(prev2?.disabled, false);
    assert.equal(parsePageCustomId(String(prev2?.custom_id))?.page, 0);

    const other = nextUser();
    const stranger = await exchange(fake.buttonInteraction(customId, { message: original, userId: other }));
    const note = messageOf(stranger.responses[0]);
    assert.equal(isObject(stranger.responses[0]?.body) && stranger.responses[0].body.type, 4);
    assert.equal(Number(note.flags) & EPHEMERAL, EPHEMERAL);
    assert.match(String(note.content), /^Only <@\d+> can turn these pages/);
    assert.deepEqual(note.allowed_mentions, { parse: [] });
  });

  it('a long question pages through a hashed custom id, read back from the message; a tampered message gets a note', async () => {
    const asker = nextUser();
    const question = 'What did the foreign minister Abbas Araghchi and the envoy Witkoff agree about the substance and the format of the next round of the indirect talks mediated by Oman?';
    const ask = await exchange(fake.chatInputInteraction('ask', { question }, { userId: asker }));
    const original = fake.interactionState(ask.id)?.original;
    assert.ok(original);
    const more = buttonsOf(original).at(-1);
    const customId = String(more?.custom_id);
    assert.ok(customId.length <= 100);
    const state = parsePageCustomId(customId);
    assert.ok(state?.hash && state.query === undefined, `hashed id: ${customId}`);

    const pressed = await exchange(fake.buttonInteraction(customId, { message: original, userId: asker }));
    assert.equal(isObject(pressed.responses[0]?.body) && pressed.responses[0].body.type, 7);
    assert.match(String((embedsOf(messageOf(pressed.responses[0]))[0]?.footer as Json).text), /result 4 of/);

    const tampered = { ...original, content: '**Question:** something else' };
    const stale = await exchange(fake.buttonInteraction(customId, { message: tampered, userId: asker }));
    const note = messageOf(stale.responses[0]);
    assert.equal(Number(note.flags) & EPHEMERAL, EPHEMERAL);
    assert.match(String(note.content), /can no longer be turned/);
  });

  it('/quote: quotations with speaker and attribution', async () => {
    const { responses } = await exchange(fake.chatInputInteraction('quote', { query: 'Araghchi' }, { userId: nextUser() }));
    const m = messageOf(responses[0]);
    assert.deepEqual(m.allowed_mentions, { parse: [] });
    const expected = engine.quote('Araghchi', 20).quotes;
    assert.ok(expected.length > 0, 'the engine finds quotations by Araghchi');
    const embeds = embedsOf(m);
    assert.equal(embeds.length, Math.min(4, expected.length));
    embeds.forEach((e, k) => {
      const hit = expected[k];
      assert.ok(hit);
      assertAttribution(e, hit.meta, { heading: true });
      assert.ok(String(field(e, 'Speaker')).includes(escapeText(hit.quotation.speaker ?? '')));
      assert.ok(String(e.description).includes('**'), 'the quoted words in bold');
    });
  });

  it('/quote pages too: nine quotations → "More results" shows the fifth to the eighth', async () => {
    const real = engine.quote('Araghchi', 20);
    const first = real.quotes[0];
    assert.ok(first);
    overrides.quote = (q) => ({ query: q, quotes: Array.from({ length: 9 }, (_, k) => ({ ...first, quotation: { ...first.quotation, id: `NEO-q${100 + k}` } })) });
    try {
      const asker = nextUser();
      const sent = await exchange(fake.chatInputInteraction('quote', { query: 'Araghchi' }, { userId: asker }));
      const original = fake.interactionState(sent.id)?.original;
      assert.ok(original);
      assert.equal(embedsOf(original).length, 4);
      const more = buttonsOf(original).at(-1);
      assert.deepEqual(parsePageCustomId(String(more?.custom_id)), { command: 'quote', userId: asker, page: 1, query: 'Araghchi' });
      const pressed = await exchange(fake.buttonInteraction(String(more?.custom_id), { message: original, userId: asker }));
      const page2 = messageOf(pressed.responses[0]);
      assert.equal(embedsOf(page2).length, 4);
      assert.match(String((embedsOf(page2)[0]?.footer as Json).text), /quotation 5 of 9$/);
    } finally {
      delete overrides.quote;
    }
  });

  it('/quote autocomplete: speakers first, then matching quotations; ≤ 25 choices of ≤ 100 characters', async () => {
    const { responses } = await exchange(fake.autocompleteInteraction('quote', { query: 'Ara' }, 'query', { userId: nextUser() }));
    const [cb] = responses;
    assert.equal(isObject(cb?.body) && cb.body.type, 8);
    const choices = (messageOf(cb).choices as Json[]) ?? [];
    const speakers = engine.speakers().filter((s) => s.name.toLowerCase().includes('ara'));
    assert.ok(speakers.length > 0);
    assert.deepEqual(
      choices.slice(0, speakers.length).map((c) => c.value),
      speakers.map((s) => s.name),
    );
    const wide = await exchange(fake.autocompleteInteraction('quote', { query: 'the' }, 'query', { userId: nextUser() }));
    const wideChoices = messageOf(wide.responses[0]).choices as Json[];
    assert.ok(wideChoices.length > 0 && wideChoices.length <= 25);
  });

  it('/ask autocomplete: sentences matching a partial question (≤ 25, ≤ 100 characters); asking a choice puts its passage first', async () => {
    const typed = 'why did iran agree to negot';
    const { responses } = await exchange(fake.autocompleteInteraction('ask', { question: typed }, 'question', { userId: nextUser() }));
    const [cb] = responses;
    assert.equal(isObject(cb?.body) && cb.body.type, 8);
    const choices = ((messageOf(cb).choices as Json[]) ?? []).map((c) => ({ name: String(c.name), value: String(c.value) }));
    assert.ok(choices.length > 5 && choices.length <= 25, String(choices.length));
    for (const c of choices) {
      assert.ok(c.name.length <= 100 && c.value.length <= 100, c.name);
      assert.match(c.name, /^(NEO|RSIS): /);
    }
    const expected = engine.suggest(typed);
    assert.deepEqual(choices.map((c) => c.value), expected.map((s) => s.value), 'the engine\'s suggestions, in its order');

    // Pick the fourth choice (not the first): its passage is the first answer, its sentence in bold.
    const picked = expected[3];
    assert.ok(picked);
    const asked = await exchange(fake.chatInputInteraction('ask', { question: String(choices[3]?.value) }, { userId: nextUser() }));
    const first = embedsOf(messageOf(asked.responses[0]))[0];
    assert.ok(first);
    assertAttribution(first, picked.passage.meta, { heading: true });
    assert.ok(String(first.description).includes(`**${escapeText(picked.sentence)}**`), String(first.description));
    assert.match(String(isObject(first.footer) && first.footer.text), /result 1 of/);

    const empty = await exchange(fake.autocompleteInteraction('ask', { question: '' }, 'question', { userId: nextUser() }));
    const examples = messageOf(empty.responses[0]).choices as Json[];
    assert.ok(examples.length > 0 && examples.length <= 25 && examples.every((c) => String(c.value).endsWith('?')), JSON.stringify(examples));
  });

  it('/compare: one embed per source side by side in its colour, then the differences flagged', async () => {
    const topic = 'next round';
    const { responses } = await exchange(fake.chatInputInteraction('compare', { topic }, { userId: nextUser() }));
    const m = messageOf(responses[0]);
    assert.deepEqual(m.allowed_mentions, { parse: [] });
    const expected = engine.compare(topic);
    const embeds = embedsOf(m);
    assert.equal(embeds.length, expected.sides.length + 1);
    expected.sides.forEach((side, k) => {
      const e = embeds[k];
      assert.ok(e);
      assertAttribution(e, side.meta);
      for (const p of side.passages) assert.ok(String(e.description).includes(`**${escapeText(p.highlight.text.trim())}**`) || String(e.description).includes('…'));
    });
    const diff = embeds.at(-1);
    assert.match(String(diff?.title), /Differences/);
    if (expected.differences.length > 0) assert.equal(fieldsOf(diff ?? {}).length, Math.min(10, expected.differences.length));
  });

  it('/compare autocomplete offers the engine topics', async () => {
    const { responses } = await exchange(fake.autocompleteInteraction('compare', { topic: '' }, 'topic', { userId: nextUser() }));
    const choices = messageOf(responses[0]).choices as Json[];
    assert.deepEqual(
      choices.map((c) => c.value),
      engine.topics().slice(0, 25),
    );
    const some = await exchange(fake.autocompleteInteraction('compare', { topic: 'oman' }, 'topic', { userId: nextUser() }));
    for (const c of messageOf(some.responses[0]).choices as Json[]) assert.match(String(c.name), /oman/i);
  });

  it('/sources: each source with publisher, author, date, title, passages and quotations', async () => {
    const { responses } = await exchange(fake.chatInputInteraction('sources', {}, { userId: nextUser() }));
    const embeds = embedsOf(messageOf(responses[0]));
    const sources = engine.sources();
    assert.equal(embeds.length, sources.length);
    sources.forEach((s, k) => {
      const e = embeds[k];
      assert.ok(e);
      assertAttribution(e, s.meta);
      assert.equal(field(e, 'Publisher'), escapeText(s.meta.publisher));
      assert.equal(field(e, 'Passages'), String(s.passages));
      assert.equal(field(e, 'Quotations'), String(s.quotations));
    });
  });

  it('/help: every command with what it does and an example, ephemeral', async () => {
    const { responses } = await exchange(fake.chatInputInteraction('help', {}, { userId: nextUser() }));
    const m = messageOf(responses[0]);
    assert.equal(Number(m.flags) & EPHEMERAL, EPHEMERAL);
    const names = fieldsOf(embedsOf(m)[0] ?? {}).map((f) => String(f.name));
    for (const c of ['/ask', '/quote', '/compare', '/sources', '/help', 'Find in sources']) assert.ok(names.some((n) => n.startsWith(c)), `${c} in /help`);
    const values = fieldsOf(embedsOf(m)[0] ?? {}).map((f) => String(f.value));
    assert.ok(values.filter((v) => v.includes('Example:')).length >= 4);
  });

  it('"Find in sources" (message context menu) runs ask on the message text', async () => {
    const text = 'Oman mediated the indirect talks between Iran and the United States.';
    const target = fake.message({ content: text });
    const { responses } = await exchange(fake.messageContextMenuInteraction('Find in sources', target, { userId: nextUser() }));
    const m = messageOf(responses[0]);
    assert.equal(m.content, `**Question:** ${escapeText(text)}`);
    const expected = engine.ask(text, 15).answers;
    const e = embedsOf(m)[0];
    assert.ok(e && expected[0]);
    assertAttribution(e, expected[0].passage.meta, { heading: true });

    const empty = await exchange(fake.messageContextMenuInteraction('Find in sources', fake.message({ content: '' }), { userId: nextUser() }));
    assert.equal(Number(messageOf(empty.responses[0]).flags) & EPHEMERAL, EPHEMERAL);
  });

  it('an engine that throws → a short ephemeral error (and autocomplete answers with no choices)', async () => {
    failing.add('ask').add('topics').add('suggest');
    try {
      const { responses } = await exchange(fake.chatInputInteraction('ask', { question: 'Who mediated?' }, { userId: nextUser() }));
      const m = messageOf(responses[0]);
      assert.equal(m.content, ERROR_MESSAGE);
      assert.equal(Number(m.flags) & EPHEMERAL, EPHEMERAL);
      assert.deepEqual(m.allowed_mentions, { parse: [] });
      const auto = await exchange(fake.autocompleteInteraction('compare', { topic: 'o' }, 'topic', { userId: nextUser() }));
      assert.deepEqual(messageOf(auto.responses[0]).choices, []);
      const suggest = await exchange(fake.autocompleteInteraction('ask', { question: 'who medi' }, 'question', { userId: nextUser() }));
      assert.deepEqual(messageOf(suggest.responses[0]).choices, []);
    } finally {
      failing.clear();
    }
    assert.ok(logLines.some((l) => l.includes('injected failure in ask')), 'the failure is logged');
  });

  it('cooldown: the same user again within 3 s → "try again in N s", ephemeral', async () => {
    const u = nextUser();
    await exchange(fake.chatInputInteraction('sources', {}, { userId: u }));
    const { responses } = await exchange(fake.chatInputInteraction('sources', {}, { userId: u }));
    const m = messageOf(responses[0]);
    assert.match(String(m.content), /try again in [1-3] s/);
    assert.equal(Number(m.flags) & EPHEMERAL, EPHEMERAL);
    const other = await exchange(fake.chatInputInteraction('sources', {}, { userId: nextUser() }));
    assert.equal(embedsOf(messageOf(other.responses[0])).length, 2, 'other users are not slowed down');
  });

  it('Discord answering 10062 (unknown interaction) or 40060 (already acknowledged) does not crash the bot', async () => {
    fake.failNext({ pathIncludes: '/callback' }, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
    const a = fake.sendInteraction(fake.chatInputInteraction('help', {}, { userId: nextUser() }));
    await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${a}/`));
    fake.failNext({ pathIncludes: '/callback' }, { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } });
    const b = fake.sendInteraction(fake.chatInputInteraction('help', {}, { userId: nextUser() }));
    await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${b}/`));
    const { responses } = await exchange(fake.chatInputInteraction('sources', {}, { userId: nextUser() }));
    assert.equal(embedsOf(messageOf(responses[0])).length, 2, 'still answering');
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(logLines.some((l) => l.includes('10062')) && logLines.some((l) => l.includes('40060')), 'both logged');
  });

  it('every message the bot sent parsed no mention except a target, and the token never reached a log line', () => {
    const sent = fake.requests.filter((r) => (r.path.endsWith('/callback') || r.path.startsWith('/webhooks/')) && r.method !== 'DELETE' && r.method !== 'GET');
    assert.ok(sent.length >= 20);
    for (const r of sent) {
      const m = messageOf(r);
      if (Array.isArray(m.choices)) continue;
      const mentions = m.allowed_mentions;
      assert.ok(isObject(mentions), `${r.method} ${r.path}: allowed_mentions`);
      const ok = (Array.isArray(mentions.parse) && mentions.parse.length === 0 && mentions.users === undefined) || (mentions.parse === undefined && Array.isArray(mentions.users) && mentions.users.length === 1);
      assert.ok(ok, JSON.stringify(mentions));
    }
    assert.ok(logLines.length > 0);
    assert.ok(logLines.every((l) => !l.includes(TOKEN)));
  });
});
