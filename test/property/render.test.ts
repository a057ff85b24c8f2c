/**
 * Hostile input, property-based, over everything that turns engine answers and user text into
 * Discord payloads: the command modules (/ask, /quote, /compare, "Find in sources", their
 * autocompletes and page buttons) driven with stand-in interactions over the real engine; the
 * reply builders over a stand-in engine whose answers are themselves hostile (a future article
 * pasted with "@everyone" in it); and the text primitives (escape, truncate, markedPassage).
 *
 * Every payload must be inside every Discord limit (test/helpers/discord-limits.ts), parse no
 * mention (allowed_mentions {parse: []}, or exactly the target user), hold no text that could
 * ping or render as a mention (@everyone, @here, <@…> unescaped) and no lone surrogate; each
 * call must finish within CALL_BOUND_MS; a page button must lead back to the same query.
 *
 * FC_SEED replays a run, FC_RUNS_SCALE multiplies the number of cases.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type {
  APIEmbed,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import fc from 'fast-check';
import * as askCommand from '../../commands/ask.ts';
import * as compareCommand from '../../commands/compare.ts';
import * as findCommand from '../../commands/find-in-sources.ts';
import * as quoteCommand from '../../commands/quote.ts';
import { escapeText, unescapeText } from '../../src/discord/escape.ts';
import { LIMITS, fitEmbeds, truncate } from '../../src/discord/limits.ts';
import { parseVoteCustomId } from '../../src/discord/feedback.ts';
import { parsePageCustomId, queryFromContent, queryHash, resolvePageQuery } from '../../src/discord/paging.ts';
import { markedPassage } from '../../src/discord/render.ts';
import { askReply, cleanQuery, compareReply, quoteReply } from '../../src/discord/replies.ts';
import type { Reply } from '../../src/discord/respond.ts';
import type { BotEngine, CommandContext } from '../../src/discord/types.ts';
import { createLogger } from '../../src/log.ts';
import type { Answer, AskResponse } from '../../src/search/ask.ts';
import type { CompareResponse, CompareSide, Difference, QuoteHit, QuoteResponse, SourceMeta } from '../../src/search/types.ts';
import { realEngine } from '../helpers/corpus.ts';
import { assertWithinDiscordLimits } from '../helpers/discord-limits.ts';
import { hasLoneSurrogate, hostileText, piece, snowflake, unescapedMention } from '../helpers/hostile.ts';
import { cases, fcParams, SEED, Stopwatch } from '../helpers/property.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const engine = realEngine();
const watch = new Stopwatch();
const logLines: string[] = [];
const ctx: CommandContext = { engine, log: createLogger('debug', [], (l) => logLines.push(l)), commands: [] };

// ---- stand-in interactions: just what the command files and respond.ts touch ----------------

interface Sent {
  readonly method: 'reply' | 'editReply' | 'followUp' | 'update' | 'respond';
  readonly payload: unknown;
}

function base(userId: string, sent: Sent[]): Json {
  const i: Json = {
    id: '1364000000000009999',
    user: { id: userId },
    deferred: false,
    replied: false,
    responded: false,
    ephemeral: false,
  };
  const record = (method: Sent['method']) => async (payload: unknown): Promise<void> => {
    sent.push({ method, payload });
    if (method === 'reply' || method === 'update') i.replied = true;
    if (method === 'respond') i.responded = true;
  };
  i.reply = record('reply');
  i.editReply = record('editReply');
  i.followUp = record('followUp');
  i.update = record('update');
  i.respond = record('respond');
  return i;
}

function chatInput(userId: string, strings: Record<string, string>, booleans: Record<string, boolean>, target: string | undefined, sent: Sent[]): ChatInputCommandInteraction {
  const i = base(userId, sent);
  i.options = {
    getString: (name: string) => strings[name] ?? null,
    getBoolean: (name: string) => booleans[name] ?? null,
    getUser: (name: string) => (name === 'target' && target ? { id: target } : null),
  };
  return i as unknown as ChatInputCommandInteraction;
}

function autocomplete(userId: string, focused: string, sent: Sent[]): AutocompleteInteraction {
  const i = base(userId, sent);
  i.options = { getFocused: () => focused };
  return i as unknown as AutocompleteInteraction;
}

function contextMenu(userId: string, content: string, sent: Sent[]): MessageContextMenuCommandInteraction {
  const i = base(userId, sent);
  i.targetMessage = { content, embeds: [] };
  return i as unknown as MessageContextMenuCommandInteraction;
}

function button(userId: string, customId: string, content: string, sent: Sent[]): ButtonInteraction {
  const i = base(userId, sent);
  i.customId = customId;
  i.message = { content };
  return i as unknown as ButtonInteraction;
}

// ---- checks -------------------------------------------------------------------------------

/** The REST body discord.js makes of reply options (allowedMentions → allowed_mentions). */
function restBody(payload: unknown): Json {
  assert.ok(isObject(payload), 'a payload object');
  const { allowedMentions, ...rest } = payload;
  return { ...rest, ...(allowedMentions !== undefined ? { allowed_mentions: allowedMentions } : {}) };
}

/** Every text Discord renders as Markdown (author names and footers are shown as typed). */
function markdownTexts(body: Json): string[] {
  const out: string[] = [];
  if (typeof body.content === 'string') out.push(body.content);
  for (const e of Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : []) {
    if (e.title) out.push(e.title);
    if (e.description) out.push(e.description);
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  return out;
}

function allStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) allStrings(x, out);
  else if (isObject(v)) for (const x of Object.values(v)) allStrings(x, out);
  return out;
}

const buttonIds = (body: Json): string[] =>
  (Array.isArray(body.components) ? body.components : [])
    .filter(isObject)
    .flatMap((row) => (Array.isArray(row.components) ? row.components.filter(isObject) : []))
    .map((b) => String(b.custom_id));

/** A message the bot sends: limits, mentions, surrogates; returns the REST body. */
function checkMessage(payload: unknown, where: string, targetId?: string): Json {
  const body = restBody(payload);
  assertWithinDiscordLimits(body, where);
  const mentions = body.allowed_mentions;
  if (targetId) assert.deepEqual(mentions, { users: [targetId] }, `${where}: only the target may be mentioned`);
  else assert.deepEqual(mentions ?? { parse: [] }, { parse: [] }, `${where}: no mention parsed`);
  const allowed = targetId ? [`<@${targetId}>`] : [];
  for (const text of markdownTexts(body)) {
    const bad = unescapedMention(text, allowed);
    assert.equal(bad, null, `${where}: a mention that could ping or render: ${JSON.stringify(bad)}`);
  }
  for (const s of allStrings(body)) assert.ok(!hasLoneSurrogate(s), `${where}: a lone surrogate in ${JSON.stringify(s.slice(0, 80))}`);
  return body;
}

/** Its page buttons parse, and each leads back to `query` (by the id, or read back from the content). */
function checkButtons(body: Json, query: string, where: string): void {
  for (const id of buttonIds(body)) {
    const content = typeof body.content === 'string' ? body.content : '';
    if (parseVoteCustomId(id)) {
      assert.equal(queryFromContent(content), query, `${where}: a feedback button's question reads back from the message`);
      continue;
    }
    const state = parsePageCustomId(id);
    assert.ok(state, `${where}: custom id ${JSON.stringify(id)} parses`);
    assert.equal(resolvePageQuery(state, content), query, `${where}: the page button leads back to the query`);
  }
}

const onlyOne = (sent: Sent[], where: string): Sent => {
  assert.equal(sent.length, 1, `${where}: exactly one answer (${sent.map((s) => s.method).join(', ')})`);
  return sent[0] as Sent;
};

const userArb = snowflake;
const optsArb = fc.record({ asker: userArb, target: fc.option(userArb, { nil: undefined }), hide: fc.boolean() });

after(() => {
  for (const l of [`seed ${SEED}, ${cases.planned} cases`, ...watch.report()]) console.log(`# render property: ${l}`);
});

describe('replies under hostile input (property-based)', { timeout: 180_000 }, () => {
  it('/ask and "More results": inside every limit, nothing pings, pages lead back to the question', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, optsArb, fc.integer({ min: 0, max: 6 }), async (question, o, pageNo) => {
        const sent: Sent[] = [];
        const i = chatInput(o.asker, { question }, { hide: o.hide }, o.target, sent);
        await watch.timeAsync('/ask', question, () => askCommand.execute(i, ctx));
        const body = checkMessage(onlyOne(sent, '/ask').payload, '/ask', o.target);
        checkButtons(body, cleanQuery(question), '/ask');
        const more = buttonIds(body).filter((id) => parsePageCustomId(id)).at(-1);
        if (more === undefined) return;
        const state = parsePageCustomId(more);
        const query = state && resolvePageQuery(state, String(body.content ?? ''));
        assert.ok(state && query !== null);
        const turned: Sent[] = [];
        await watch.timeAsync('/ask page', query, () => askCommand.page(button(o.asker, more, String(body.content), turned), { ...state, page: pageNo, query }, ctx));
        const page = checkMessage(onlyOne(turned, 'ask page').payload, 'ask page');
        checkButtons({ ...page, content: body.content }, query, 'ask page');
      }),
      fcParams(600),
    );
  });

  it('/quote and its pages: inside every limit, nothing pings', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, optsArb, fc.integer({ min: 0, max: 6 }), async (query, o, pageNo) => {
        const sent: Sent[] = [];
        await watch.timeAsync('/quote', query, () => quoteCommand.execute(chatInput(o.asker, { query }, { hide: o.hide }, undefined, sent), ctx));
        const body = checkMessage(onlyOne(sent, '/quote').payload, '/quote');
        checkButtons(body, cleanQuery(query), '/quote');
        const more = buttonIds(body).at(-1);
        if (more === undefined) return;
        const state = parsePageCustomId(more);
        assert.ok(state);
        const turned: Sent[] = [];
        const q = cleanQuery(query);
        await watch.timeAsync('/quote page', q, () => quoteCommand.page(button(o.asker, more, String(body.content), turned), { ...state, page: pageNo, query: q }, ctx));
        checkMessage(onlyOne(turned, 'quote page').payload, 'quote page');
      }),
      fcParams(600),
    );
  });

  it('/compare: inside every limit, nothing pings', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, optsArb, async (topic, o) => {
        const sent: Sent[] = [];
        await watch.timeAsync('/compare', topic, () => compareCommand.execute(chatInput(o.asker, { topic }, { hide: o.hide }, undefined, sent), ctx));
        checkMessage(onlyOne(sent, '/compare').payload, '/compare');
      }),
      fcParams(500),
    );
  });

  it('"Find in sources" on a hostile message: inside every limit, nothing pings', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, userArb, async (content, asker) => {
        const sent: Sent[] = [];
        await watch.timeAsync('Find in sources', content, () => findCommand.execute(contextMenu(asker, content, sent), ctx));
        checkMessage(onlyOne(sent, 'Find in sources').payload, 'Find in sources');
      }),
      fcParams(300),
    );
  });

  it('autocomplete of /quote and /compare: at most 25 choices of 1 to 100 characters, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, userArb, async (typed, asker) => {
        for (const [name, command] of [
          ['/quote autocomplete', quoteCommand],
          ['/compare autocomplete', compareCommand],
        ] as const) {
          const sent: Sent[] = [];
          await watch.timeAsync(name, typed, () => command.autocomplete(autocomplete(asker, typed, sent), ctx));
          const { payload } = onlyOne(sent, name);
          assert.ok(Array.isArray(payload), `${name}: choices`);
          assertWithinDiscordLimits({ type: 8, data: { choices: payload } }, name);
          for (const s of allStrings(payload)) assert.ok(!hasLoneSurrogate(s), `${name}: a lone surrogate`);
        }
      }),
      fcParams(300),
    );
  });
});

// ---- a stand-in engine whose answers are hostile --------------------------------------------

const nonBlank = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => a.filter((s) => s.trim().length > 0);
const shortText = nonBlank(fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(' ')));
const longText = nonBlank(fc.oneof(fc.array(piece, { minLength: 1, maxLength: 80 }).map((p) => p.join(' ')), hostileText));

const metaArb: fc.Arbitrary<SourceMeta> = fc.record(
  {
    id: fc.stringMatching(/^[A-Z][A-Z0-9_-]{1,15}$/),
    publisher: shortText,
    title: longText.map((s) => s.slice(0, 600)),
    author: shortText,
    date: fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    url: fc.webUrl(),
  },
  { requiredKeys: ['id', 'publisher', 'title', 'author', 'date'] },
);

/** A span anywhere, even outside the text or reversed: render must cope. */
const spanArb = fc.tuple(fc.integer({ min: -5, max: 7000 }), fc.integer({ min: -5, max: 7000 })).map(([start, end]) => ({ start, end }));

const answerArb: fc.Arbitrary<Answer> = fc.record({ meta: metaArb, text: longText, heading: fc.option(shortText, { nil: null }), span: spanArb }).map(({ meta, text, heading, span }) => ({
  passage: { id: `${meta.id}-1`, source: meta.id, heading, position: 1, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }], meta },
  score: 1,
  coverage: 1,
  ownCoverage: 1,
  missed: 0,
  highlight: { text: text.slice(Math.max(0, span.start), Math.max(0, span.end)), span },
  matched: [],
}));

const hitArb: fc.Arbitrary<QuoteHit> = fc
  .record({ meta: metaArb, text: longText, context: longText, speaker: fc.option(shortText, { nil: null }), role: fc.option(shortText, { nil: null }), embed: fc.boolean() })
  .map(({ meta, text, context, speaker, role, embed }) => ({
    meta,
    score: 1,
    quotation: { id: `${meta.id}-q1`, source: meta.id, passageId: `${meta.id}-1`, text, speaker, role, kind: 'statement' as const, start: 0, end: text.length, context: embed ? `${context} "${text}" ${context}` : context },
  }));

const sideArb: fc.Arbitrary<CompareSide> = fc.record({ meta: metaArb, answers: fc.array(answerArb, { maxLength: 3 }) }).map(({ meta, answers }) => ({
  source: meta.id,
  meta,
  passages: answers.map((a) => ({ passage: { ...a.passage, meta }, highlight: a.highlight, score: a.score })),
}));

const differenceArb: fc.Arbitrary<Difference> = fc.record({
  kind: fc.constantFrom('date' as const, 'number' as const, 'name' as const, 'title' as const),
  about: shortText,
  values: fc.array(fc.record({ source: fc.stringMatching(/^[A-Z]{2,6}$/), value: shortText }), { minLength: 2, maxLength: 4 }),
  note: longText.map((s) => s.slice(0, 2000)),
});

function stubEngine(answers: readonly Answer[], quotes: readonly QuoteHit[], compare: CompareResponse): BotEngine {
  return {
    ask: (query): AskResponse => ({ query, answers, confidence: 'high' }),
    suggest: () => [],
    quote: (query): QuoteResponse => ({ query, quotes }),
    compare: () => compare,
    speakers: () => [],
    topics: () => [],
    sources: () => [],
    index: engine.index,
  };
}

describe('replies built from hostile engine answers (property-based)', { timeout: 120_000 }, () => {
  it('answers, quotations and comparisons whose own text is hostile still render inside every limit and never ping', () => {
    fc.assert(
      fc.property(
        fc.array(answerArb, { maxLength: 15 }),
        fc.array(hitArb, { maxLength: 20 }),
        fc.array(sideArb, { minLength: 1, maxLength: 4 }),
        fc.array(differenceArb, { maxLength: 14 }),
        hostileText,
        optsArb,
        fc.integer({ min: 0, max: 5 }),
        (answers, hits, sides, differences, query, o, page) => {
          const stub = stubEngine(answers, hits, { query, sides, differences });
          const opts = { askerId: o.asker, page, ephemeral: o.hide, ...(o.target ? { targetId: o.target } : {}) };
          const toPayload = (r: Reply): Json => ({
            content: r.content !== undefined ? truncate(r.content, LIMITS.content) : undefined,
            embeds: r.embeds ?? [],
            components: r.components ?? [],
            allowedMentions: r.allowedMentions ?? { parse: [] },
          });
          checkButtons(checkMessage(toPayload(askReply(stub, query, opts)), 'askReply', o.target), cleanQuery(query), 'askReply');
          checkButtons(checkMessage(toPayload(quoteReply(stub, query, opts)), 'quoteReply', o.target), cleanQuery(query), 'quoteReply');
          checkMessage(toPayload(compareReply(stub, query, opts)), 'compareReply', o.target);
        },
      ),
      fcParams(700),
    );
  });
});

describe('text primitives under hostile input (property-based)', () => {
  it('escapeText is reversible and leaves nothing that pings', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const e = escapeText(s);
        assert.equal(unescapeText(e), s);
        assert.equal(unescapedMention(e), null, JSON.stringify(e.slice(0, 100)));
      }),
      fcParams(700),
    );
  });

  it('truncate: within the limit, unchanged when it fits, no lone surrogate, no escaped ellipsis', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 0, max: 6100 }), (s, max) => {
        const t = truncate(s, max);
        assert.ok(t.length <= max, `${t.length} > ${max}`);
        if (s.length <= max) assert.equal(t, s);
        else {
          assert.ok(!hasLoneSurrogate(t), 'no half of a surrogate pair');
          if (max > 1) assert.ok(!/(^|[^\\])(\\\\)*\\…$/.test(t), 'the ellipsis is not escaped');
        }
      }),
      fcParams(700),
    );
  });

  it('markedPassage: within the limit, nothing pings, no lone surrogate, wherever the span and the cut fall', () => {
    // Pieces glued without spaces too, so that a cut cannot snap to a word and falls anywhere.
    const glued = nonBlank(fc.array(piece, { minLength: 1, maxLength: 80 }).map((p) => p.join('')));
    fc.assert(
      fc.property(fc.oneof(longText, glued), spanArb, fc.integer({ min: 1, max: 4096 }), (text, span, max) => {
        const out = markedPassage(text, span, max);
        assert.ok(out.length <= max, `${out.length} > ${max}`);
        assert.equal(unescapedMention(out), null, JSON.stringify(out.slice(0, 100)));
        assert.ok(!hasLoneSurrogate(out), JSON.stringify(out.slice(0, 40)));
      }),
      fcParams(700),
    );
  });

  it('markedPassage: a cut anywhere in a run of escapes keeps every escape whole', () => {
    // No white space for the cut to snap to, many backslashes before the mentions, the best
    // sentence at the end: the cut before it falls on every offset in turn.
    const run = fc.array(fc.constantFrom('\\@everyone', '\\\\', '\\', '@here', '*', '<@123>', 'x', '🙂', '__'), { minLength: 1, maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(run, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 400 }), (text, markLength, extra) => {
        const span = { start: Math.max(0, text.length - markLength), end: text.length };
        const max = Math.min(4096, markLength * 2 + 6 + extra);
        const out = markedPassage(text, span, max);
        assert.ok(out.length <= max);
        assert.equal(unescapedMention(out), null, `${JSON.stringify(text)} cut to ${max}: ${JSON.stringify(out)}`);
        assert.ok(!hasLoneSurrogate(out));
      }),
      fcParams(700),
    );
  });

  it('fitEmbeds: any embeds end within every limit', () => {
    const embed: fc.Arbitrary<APIEmbed> = fc.record({
      title: longText,
      description: fc.oneof(longText, longText.map((s) => s.repeat(3))),
      fields: fc.array(fc.record({ name: shortText, value: longText, inline: fc.boolean() }), { maxLength: 30 }),
      footer: fc.record({ text: longText }),
      author: fc.record({ name: shortText }),
    });
    fc.assert(
      fc.property(fc.array(embed, { minLength: 1, maxLength: 12 }), (embeds) => {
        assertWithinDiscordLimits({ embeds: fitEmbeds(embeds) }, 'fitEmbeds');
      }),
      fcParams(300),
    );
  });

  it('a question cut at 300 characters just after a lone backslash still pages (found by the property below)', () => {
    const query = cleanQuery(`${'x'.repeat(297)} \\ more words`);
    assert.equal(query, 'x'.repeat(297));
    const state = parsePageCustomId(`page:ask:1:1:#${queryHash(query)}`);
    assert.ok(state);
    assert.equal(resolvePageQuery(state, String(askReply(stubEngine([], [], { query, sides: [], differences: [] }), query, { askerId: '1' }).content)), query);
  });

  it('a page button made from any query leads back to it', () => {
    fc.assert(
      fc.property(hostileText, userArb, (q, asker) => {
        const query = cleanQuery(q);
        const reply = askReply(stubEngine([], [], { query, sides: [], differences: [] }), query, { askerId: asker });
        const content = String(reply.content);
        const state = parsePageCustomId(`page:ask:${asker}:1:#${queryHash(query)}`);
        assert.ok(state);
        assert.equal(resolvePageQuery(state, content), query);
      }),
      fcParams(500),
    );
  });
});
