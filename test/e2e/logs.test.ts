/**
 * A whole session of `npm start` (src/index.ts in a child process, LOG_LEVEL=debug) against the
 * fake Discord with a known fake token: login, every command, a page turn, autocomplete, the
 * context menu, a cooldown, a stranger's button, an unknown command, a REST failure that ends in
 * an error, a late interaction (10062), a twice-delivered one (40060), an unhandled rejection
 * carrying the token (logged, redacted, survived: the bot answers after it), then SIGTERM (exit 0). Every line the process wrote must be a JSON object; every
 * interaction must have exactly one "interaction" line with its command, user, latency and
 * outcome; and no line may hold the bot token or an interaction token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outcome } from '../../src/discord/interactions.ts';
import { parsePageCustomId } from '../../src/discord/paging.ts';
import { startBotProcess, type LogLine } from '../helpers/bot-process.ts';
import { messageOf } from '../helpers/discord-limits.ts';
import type { Json } from '../fake-discord/index.ts';

const TOKEN = 'fake-bot-token-not-real-logs-session-0123456789';
const OUTCOMES: readonly Outcome[] = ['ok', 'cooldown', 'denied', 'stale', 'unknown', 'error', 'expired', 'acknowledged', 'unanswered'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

describe('logs of a whole session', { timeout: 120_000 }, () => {
  it('are JSON, one "interaction" line per interaction with command, user, latency and outcome, and never hold a token', async () => {
    const bot = await startBotProcess({ token: TOKEN, preload: [new URL('../helpers/preload-unhandled-rejection.ts', import.meta.url).href] });
    const { fake } = bot;
    const expected = new Map<string, { command: string; outcome: Outcome }>();
    let user = 1364000000000900000n;
    const nextUser = (): string => String(++user);
    const send = (payload: ReturnType<typeof fake.chatInputInteraction>, command: string, outcome: Outcome): string => {
      const id = fake.sendInteraction(payload);
      expected.set(id, { command, outcome });
      return id;
    };
    const lineOf = (id: string): Promise<LogLine> => bot.waitForLog((l) => l.msg === 'interaction' && l.interaction === id, 10_000);

    try {
      // The commands, each answered.
      const asker = nextUser();
      const ask = send(fake.chatInputInteraction('ask', { question: 'What did the talks in Oman achieve?' }, { userId: asker }), 'ask', 'ok');
      await lineOf(ask);
      for (const [name, options] of [
        ['quote', { query: 'Araghchi' }],
        ['compare', { topic: 'the US envoy' }],
        ['sources', {}],
        ['help', {}],
      ] as const) {
        await lineOf(send(fake.chatInputInteraction(name, options, { userId: nextUser() }), name, 'ok'));
      }
      await lineOf(send(fake.autocompleteInteraction('quote', { query: 'Ara' }, 'query', { userId: nextUser() }), 'quote', 'ok'));
      const target = fake.message({ content: 'Oman mediated the talks.' });
      await lineOf(send(fake.messageContextMenuInteraction('Find in sources', target, { userId: nextUser() }), 'Find in sources', 'ok'));

      // A page turned by the asker, then pressed by someone else.
      const original = fake.interactionState(ask)?.original;
      assert.ok(original, 'the /ask answer');
      const rows = Array.isArray(original.components) ? original.components.filter(isObject) : [];
      const more = rows.flatMap((r) => (Array.isArray(r.components) ? r.components.filter(isObject) : [])).filter((b) => parsePageCustomId(String(b.custom_id))).at(-1);
      const customId = String(more?.custom_id);
      assert.ok(parsePageCustomId(customId), customId);
      await lineOf(send(fake.buttonInteraction(customId, { message: original, userId: asker }), 'ask', 'ok'));
      await lineOf(send(fake.buttonInteraction(customId, { message: original, userId: nextUser() }), 'ask', 'denied'));

      // A cooldown, an unknown command.
      const hurried = nextUser();
      await lineOf(send(fake.chatInputInteraction('sources', {}, { userId: hurried }), 'sources', 'ok'));
      await lineOf(send(fake.chatInputInteraction('sources', {}, { userId: hurried }), 'sources', 'cooldown'));
      await lineOf(send(fake.chatInputInteraction('gone-command', {}, { userId: nextUser() }), 'gone-command', 'unknown'));

      // The error paths: REST failing until the retries run out, Discord having forgotten the
      // interaction, and the same interaction delivered twice.
      fake.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 500 }, 4);
      await lineOf(send(fake.chatInputInteraction('ask', { question: 'Who mediated the talks?' }, { userId: nextUser() }), 'ask', 'error'));
      fake.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
      await lineOf(send(fake.chatInputInteraction('help', {}, { userId: nextUser() }), 'help', 'expired'));
      const twice = fake.chatInputInteraction('help', {}, { userId: nextUser() });
      fake.sendInteraction(twice);
      fake.sendInteraction(twice);
      await bot.waitForLog(() => bot.logLines().filter((l) => l.msg === 'interaction' && l.interaction === twice.id).length === 2, 10_000);

      // An unhandled rejection whose message carries the token.
      // It is logged (redacted) and survived: the bot keeps answering.
      bot.child.kill('SIGUSR2');
      const rejection = await bot.waitForLog((l) => l.msg === 'unhandled rejection');
      assert.equal(rejection.level, 'error');
      assert.match(JSON.stringify(rejection.err), /deliberately unhandled, with the token \[redacted\] in it/);
      const afterwards = send(fake.chatInputInteraction('ask', { question: 'Who mediated the talks?' }, { userId: nextUser() }), 'ask', 'ok');
      await lineOf(afterwards);
      assert.equal(bot.child.exitCode, null, 'still running');
    } finally {
      assert.equal(await bot.stop(), 0, bot.stderr().slice(-2000));
    }

    // Every line is a JSON object with a level, a time and a message.
    const lines = bot.logLines();
    assert.ok(lines.length >= 20, `${lines.length} lines`);
    for (const l of lines) {
      assert.ok(['debug', 'info', 'warn', 'error'].includes(String(l.level)), JSON.stringify(l));
      assert.ok(typeof l.time === 'string' && typeof l.msg === 'string', JSON.stringify(l));
    }
    assert.equal(bot.stdout(), '', 'nothing on standard output');
    assert.ok(lines.some((l) => String(l.msg).startsWith('logged in as')));
    assert.ok(lines.some((l) => l.msg === 'SIGTERM: logging out'));

    // One "interaction" line per interaction, with what the issue asks for.
    const perInteraction = lines.filter((l) => l.msg === 'interaction');
    for (const l of perInteraction) {
      assert.equal(typeof l.command, 'string', JSON.stringify(l));
      assert.match(String(l.user), /^\d{17,20}$/);
      assert.ok(typeof l.latencyMs === 'number' && l.latencyMs >= 0, JSON.stringify(l));
      assert.ok(OUTCOMES.includes(l.outcome as Outcome), JSON.stringify(l));
    }
    for (const [id, want] of expected) {
      const own = perInteraction.filter((l) => l.interaction === id);
      assert.equal(own.length, 1, `interaction ${id} (${want.command}): ${own.length} lines`);
      assert.equal(own[0]?.command, want.command);
      assert.equal(own[0]?.outcome, want.outcome, JSON.stringify(own[0]));
    }
    const twiceLines = perInteraction.filter((l) => !expected.has(String(l.interaction)) && l.command === 'help');
    assert.deepEqual(twiceLines.map((l) => l.outcome).sort(), ['acknowledged', 'ok']);

    // No token anywhere: the bot's, nor any interaction's (they sit in the REST URLs of errors).
    const raw = bot.stderr();
    assert.ok(!raw.includes(TOKEN), 'the bot token is in a log line');
    for (const l of raw.split('\n')) assert.ok(!l.includes(TOKEN));
    const interactionTokens = fake.requests.length > 0 ? [...expected.keys()].map((id) => fake.interactionState(id)?.token).filter((t): t is string => !!t) : [];
    assert.ok(interactionTokens.length > 10);
    for (const t of interactionTokens) assert.ok(!raw.includes(t), 'an interaction token is in a log line');
    assert.ok(raw.includes('[redacted]'), 'the redaction was exercised');
    // The error line kept its cause, with the URL's token cut out.
    const error = perInteraction.find((l) => l.outcome === 'error');
    assert.match(JSON.stringify(error?.err), /\/interactions\/\d+\/\[redacted\]\/callback/);
    // The answers themselves were fine.
    const answered = fake.requests.filter((r) => r.path.endsWith('/callback') && r.status === 204);
    assert.ok(answered.every((r) => isObject(messageOf(r)) || Array.isArray(messageOf(r).choices)));
  });
});
