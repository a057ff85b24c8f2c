/**
 * Feedback and the report, through `npm start` (src/index.ts) with LOG_FILE against the fake
 * Discord: questions the sources do not answer, by /ask and by @mention; an answer whose
 * "Not helpful" and "Helpful" buttons are pressed, each press one "feedback" event with the
 * question, the passages shown and their sources, and no user; then `npm run report` on the
 * log file the run wrote lists the most asked unanswered question first.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseVoteCustomId } from '../../src/discord/feedback.ts';
import { MESSAGES } from '../../src/messages.ts';
import type { Json } from '../fake-discord/index.ts';
import { parseLogLines, startBotProcess, type LogLine } from '../helpers/bot-process.ts';
import { messageOf } from '../helpers/discord-limits.ts';
import { runTs } from '../helpers/spawn.ts';

const TOKEN = 'fake-bot-token-not-real-feedback-0123456789';
const EPHEMERAL = 64;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const buttonsOf = (m: Json): Json[] =>
  (Array.isArray(m.components) ? m.components : []).filter(isObject).flatMap((row) => (Array.isArray(row.components) ? row.components.filter(isObject) : []));

describe('feedback buttons, LOG_FILE and npm run report', { timeout: 60_000 }, () => {
  it('one event per press; the report on the log file lists the most asked unanswered question first', async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'feedback-')), 'logs', 'bot.log');
    const bot = await startBotProcess({ token: TOKEN, logLevel: 'info', env: { LOG_FILE: logFile } });
    const { fake } = bot;
    let user = 1364000000000800000n;
    const nextUser = (): string => String(++user);
    const interactionLine = (id: string): Promise<LogLine> => bot.waitForLog((l) => l.msg === 'interaction' && l.interaction === id, 10_000);
    const slashAsk = async (question: string): Promise<string> => {
      const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question }, { userId: nextUser() }));
      await interactionLine(id);
      return id;
    };
    let answer: string;
    try {
      // Not answered: once, then twice (by /ask and by mention), so frequency, not order, puts it first.
      await slashAsk('recipe for banana bread');
      await slashAsk('What is the capital of France?');
      const mention = fake.sendMessage({ content: `<@${fake.botUserId}> what is the capital of france`, userId: nextUser() });
      await bot.waitForLog((l) => l.msg === 'message' && l.message === mention.id, 10_000);

      // An answer, marked not helpful by one reader and helpful by another.
      answer = await slashAsk('Who mediated the talks?');
      const original = fake.interactionState(answer)?.original;
      assert.ok(original, 'the answer');
      const votes = buttonsOf(original).filter((b) => parseVoteCustomId(String(b.custom_id)));
      assert.deepEqual(
        votes.map((b) => b.label),
        [MESSAGES.feedbackHelpful, MESSAGES.feedbackNotHelpful],
      );
      const press = async (b: Json | undefined): Promise<Json> => {
        const id = fake.sendInteraction(fake.buttonInteraction(String(b?.custom_id), { message: original, userId: nextUser() }));
        const [response] = await fake.waitForInteractionResponses(id);
        await interactionLine(id);
        return messageOf(response);
      };
      const thanks = await press(votes[1]);
      assert.equal(thanks.content, MESSAGES.feedbackThanks);
      assert.equal(Number(thanks.flags) & EPHEMERAL, EPHEMERAL, 'the thanks is for the voter only');
      await press(votes[0]);
    } finally {
      assert.equal(await bot.stop(), 0);
    }

    const events = bot.logLines().filter((l) => l.msg === 'feedback');
    const shown = buttonsOf(fake.interactionState(answer)?.original ?? {})
      .map((b) => parseVoteCustomId(String(b.custom_id)))
      .find((v) => v !== null)?.passageIds ?? [];
    assert.ok(shown.length > 0);
    assert.deepEqual(
      events.map(({ msg, question, vote, passages, sources }) => ({ msg, question, vote, passages, sources })),
      ['not-helpful', 'helpful'].map((vote) => ({ msg: 'feedback', question: 'Who mediated the talks?', vote, passages: shown, sources: [...new Set(shown.map((p) => p.split('-')[0]))] })),
      'one event per press',
    );
    for (const e of events) assert.deepEqual(Object.keys(e).sort(), ['level', 'msg', 'passages', 'question', 'sources', 'time', 'vote'], 'nothing about the user');

    // The file holds the same lines as standard error.
    const fileLines = parseLogLines(readFileSync(logFile, 'utf8'));
    assert.deepEqual(fileLines.filter((l) => l.msg === 'feedback'), events);
    assert.equal(fileLines.filter((l) => l.msg === 'question').length, 4);

    const report = runTs('scripts/report.ts', {}, 20_000, [logFile]);
    assert.equal(await report.exited, 0, report.stderr());
    const listed = report.stdout().split('\n').filter((l) => /^\s+\d+ {2}/.test(l));
    assert.match(report.stdout(), /^4 questions and 2 votes in 1 log file\./);
    assert.match(listed[0] ?? '', /^\s+2 {2}What is the capital of France\?$/, report.stdout());
    assert.match(listed[1] ?? '', /^\s+1 {2}recipe for banana bread$/, report.stdout());
    assert.match(listed[2] ?? '', /^\s+1 {2}Who mediated the talks\?\s+\(1 helpful\)$/, report.stdout());
  });
});
