import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { APIEmbed } from 'discord.js';
import { clampEmbed, embedLength, fitEmbeds, LIMITS, totalEmbedLength, truncate } from '../../src/discord/limits.ts';
import { assertWithinDiscordLimits } from '../helpers/discord-limits.ts';

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    assert.equal(truncate('short text', 10), 'short text');
    assert.equal(truncate('', 5), '');
  });

  it('cuts at a word boundary and adds "…", within max', () => {
    const out = truncate('The indirect talks in Oman ended on a positive note', 20);
    assert.equal(out, 'The indirect talks…');
    assert.ok(out.length <= 20);
  });

  it('cuts inside a word only when the last space is too far back', () => {
    const out = truncate('Supercalifragilisticexpialidocious words', 12);
    assert.equal(out, 'Supercalifr…');
    assert.equal(out.length, 12);
  });

  it('takes another ellipsis, or none (for autocomplete values)', () => {
    assert.equal(truncate('one two three four', 10, ''), 'one two');
    assert.equal(truncate('one two three four', 12, ' [...]'), 'one [...]');
  });

  it('never ends in a lone backslash or half a surrogate pair', () => {
    const escaped = truncate('abcdefg\\*hij', 9);
    assert.ok(!/(^|[^\\])(\\\\)*\\…$/.test(escaped), escaped);
    const emoji = truncate('aaaaaaa😀😀😀', 9);
    assert.ok(!/[\uD800-\uDBFF]…$/.test(emoji), emoji);
  });

  it('handles tiny maxima', () => {
    assert.equal(truncate('hello world', 1), '…');
    assert.equal(truncate('hello world', 0), '');
  });

  it('holds for many lengths', () => {
    const text = 'Iran and the United States met for the first time in months on April 12. '.repeat(20);
    for (let max = 1; max < 300; max += 7) assert.ok(truncate(text, max).length <= max, `max ${max}`);
  });
});

describe('fitEmbeds', () => {
  const big = (n: number): APIEmbed => ({
    title: 'T'.repeat(300),
    description: 'word '.repeat(1200),
    author: { name: 'A'.repeat(300) },
    footer: { text: 'F'.repeat(2100) },
    fields: Array.from({ length: 30 }, (_, k) => ({ name: `N${k}`.repeat(100), value: 'v '.repeat(700) })),
    color: n,
  });

  it('clamps every part of an embed to its own limit', () => {
    const e = clampEmbed(big(1));
    assert.ok((e.title ?? '').length <= LIMITS.embedTitle);
    assert.ok((e.description ?? '').length <= LIMITS.embedDescription);
    assert.ok((e.author?.name ?? '').length <= LIMITS.authorName);
    assert.ok((e.footer?.text ?? '').length <= LIMITS.footerText);
    assert.equal(e.fields?.length, LIMITS.fields);
    for (const f of e.fields ?? []) assert.ok(f.name.length <= LIMITS.fieldName && f.value.length <= LIMITS.fieldValue);
  });

  it('fits a list of huge embeds under 6000 and 10 embeds', () => {
    const out = fitEmbeds(Array.from({ length: 12 }, (_, k) => big(k)));
    assert.ok(out.length <= LIMITS.embeds);
    assert.ok(totalEmbedLength(out) <= LIMITS.embedTotal, String(totalEmbedLength(out)));
    assertWithinDiscordLimits({ embeds: out });
  });

  it('shortens the longest descriptions first and keeps all three answers', () => {
    const answer = (n: number): APIEmbed => ({ title: `Answer ${n}`, description: 'x '.repeat(1900), fields: [{ name: 'Author', value: 'Someone' }] });
    const out = fitEmbeds([answer(1), answer(2), answer(3)]);
    assert.equal(out.length, 3);
    assert.ok(totalEmbedLength(out) <= 6000);
    assert.ok(out.every((e) => (e.description ?? '').endsWith('…')));
  });

  it('leaves embeds that fit untouched', () => {
    const small: APIEmbed[] = [{ title: 'a', description: 'b', fields: [{ name: 'c', value: 'd' }] }];
    assert.deepEqual(fitEmbeds(small), small);
    assert.equal(embedLength(small[0] ?? {}), 4);
  });
});
