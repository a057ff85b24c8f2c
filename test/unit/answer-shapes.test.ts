/**
 * How the three front ends show what ask now says beyond passages: how sure it is, names the
 * sources never mention, a question not in English, a speaker's words, where the sources
 * differ; and compare's weak sides. Discord replies are checked against Discord's limits.
 */
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { main } from '../../src/cli.ts';
import { askReply, compareReply } from '../../src/discord/replies.ts';
import { MESSAGES } from '../../src/messages.ts';
import { askText, compareText } from '../../src/render/text.ts';
import { realEngine } from '../helpers/corpus.ts';
import { assertWithinDiscordLimits } from '../helpers/discord-limits.ts';

const engine = realEngine();
const opts = { askerId: '1' };

async function cliJson(question: string): Promise<Record<string, unknown>> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await main(['ask', question, '--json'], Readable.from(['']), out);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

test('a low-confidence answer is shown as closest passages in the console, the CLI and Discord', async () => {
  const q = 'why did iran stop trusting the us';
  const r = engine.ask(q);
  assert.equal(r.confidence, 'low');
  assert.ok(r.answers.length > 0);
  assert.ok(askText(r).startsWith(MESSAGES.askLowConfidence));
  const json = await cliJson(q);
  assert.equal(json['confidence'], 'low');
  assert.ok(Array.isArray(json['results']) && json['results'].length > 0, 'the contract keeps its results');
  const reply = askReply(engine, q, opts);
  assert.match(reply.content ?? '', /may not answer this directly/);
  assertWithinDiscordLimits(reply);
});

test('a high-confidence answer carries no such line', async () => {
  const q = 'How much did the Tehran stock exchange rise?';
  assert.equal(engine.ask(q).confidence, 'high');
  assert.ok(!askText(engine.ask(q)).includes(MESSAGES.askLowConfidence));
  assert.equal((await cliJson(q))['confidence'], 'high');
  assert.doesNotMatch(askReply(engine, q, opts).content ?? '', /may not answer/);
});

test('a name the sources never mention is said first, everywhere', async () => {
  const q = 'what does china think about the talks';
  assert.ok(askText(engine.ask(q)).startsWith('The sources do not mention China.'));
  assert.deepEqual((await cliJson(q))['unmentioned'], ['China']);
  assert.match(askReply(engine, q, opts).content ?? '', /do not mention China/);
});

test('a question not in English is told the sources are English, with its language in the JSON', async () => {
  const q = 'Warum hat der Iran überhaupt verhandelt?';
  assert.match(askText(engine.ask(q)), /in English/);
  const json = await cliJson(q);
  assert.equal(json['language'], 'German');
  assert.deepEqual(json['results'], []);
  assert.match(askReply(engine, q, opts).content ?? '', /in English/);
});

test('"what did X say" shows X\'s quotations before the passages; the JSON names the speaker', async () => {
  const q = 'what did wendy sherman say about araghchi';
  const text = askText(engine.ask(q));
  assert.ok(text.startsWith(MESSAGES.askQuotesOf('Wendy Sherman')));
  assert.match(text, /formidable counterpart/);
  const json = await cliJson(q);
  assert.equal(json['intent'], 'said');
  assert.equal(json['speaker'], 'Wendy Sherman');
  assert.ok(Array.isArray(json['quotes']) && json['quotes'].length > 0);
  const reply = askReply(engine, q, opts);
  assert.match(reply.embeds?.[0]?.title ?? '', /Wendy Sherman/);
  assertWithinDiscordLimits(reply);
});

test('"where do the sources differ" lists the differences, each naming both sources', async () => {
  const q = 'where do the two articles disagree?';
  const text = askText(engine.ask(q));
  assert.match(text, /name: .*Whitcoff.*Witkoff/);
  const json = await cliJson(q);
  assert.equal(json['intent'], 'differences');
  const diffs = json['differences'] as { values: { source: string }[] }[];
  assert.ok(diffs.length > 0 && diffs.every((d) => d.values.length === 2));
  const reply = askReply(engine, q, opts);
  assert.match(reply.embeds?.[0]?.title ?? '', /Differences/);
  assertWithinDiscordLimits(reply);
});

test('compare shows a weak side as weak, not as absent, in text and Discord', () => {
  const text = compareText(engine.compare('sanctions relief'));
  assert.match(text, /NEO only touches on this in passing/);
  assert.doesNotMatch(text, /Not covered by NEO/);
  const reply = compareReply(engine, 'sanctions relief', opts);
  assert.ok((reply.embeds ?? []).some((e) => /only touches on this in passing/.test(e.description ?? '')));
  assertWithinDiscordLimits(reply);
});

test('a yes-or-no question says why it is not answered as sure, everywhere, and the JSON says it asks yes or no', async () => {
  const q = 'did iran accept the uae as mediator';
  const r = engine.ask(q);
  assert.equal(r.yesNo, true);
  assert.ok(askText(r).startsWith(MESSAGES.askYesNo));
  assert.ok(!askText(r).includes(MESSAGES.askLowConfidence));
  const json = await cliJson(q);
  assert.equal(json['yesNo'], true);
  assert.equal(json['confidence'], 'low');
  assert.ok(Array.isArray(json['results']) && json['results'].length > 0);
  assert.ok((askReply(engine, q, opts).content ?? '').includes(MESSAGES.askYesNo));
  assert.equal((await cliJson('why did iran stop trusting the us'))['yesNo'], undefined, 'only a yes-or-no question carries it');
});

test('"tldr" says it shows how the sources open and conclude, in the console, the CLI and Discord', async () => {
  const q = 'tldr?';
  const r = engine.ask(q);
  assert.equal(r.intent, 'gist');
  assert.ok(askText(r).startsWith(MESSAGES.askGist([])));
  const json = await cliJson(q);
  assert.equal(json['intent'], 'gist');
  assert.ok(Array.isArray(json['results']) && json['results'].length > 0);
  const reply = askReply(engine, q, opts);
  assert.ok((reply.content ?? '').includes(MESSAGES.askGist([])));
  assert.doesNotMatch(reply.content ?? '', /may not answer/);
  assertWithinDiscordLimits(reply);
});

test('"when was it published" gives the dates first, in the console and Discord, and the JSON says so', async () => {
  const q = 'when was it written';
  const r = engine.ask(q);
  assert.equal(r.intent, 'published');
  assert.ok(r.notice && askText(r).startsWith(r.notice));
  assert.equal((await cliJson(q))['intent'], 'published');
  const reply = askReply(engine, q, opts);
  assert.ok((reply.content ?? '').includes(r.notice ?? '?'));
  assertWithinDiscordLimits(reply);
});
