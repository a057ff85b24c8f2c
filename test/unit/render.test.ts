import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colourOf } from '../../src/discord/colours.ts';
import { escapeText } from '../../src/discord/escape.ts';
import { answerEmbed, compareEmbeds, formatDate, markedPassage, markedQuotation, sourceSummaryEmbed } from '../../src/discord/render.ts';
import type { Answer } from '../../src/search/ask.ts';
import type { CompareResponse, IndexedPassage, SourceMeta } from '../../src/search/types.ts';
import { assertWithinDiscordLimits } from '../helpers/discord-limits.ts';

const META: SourceMeta = { id: 'NEO', publisher: 'New Eastern Outlook', title: 'U.S.-Iran Talks in Oman: *A* Bluff?', author: 'Viktor Mikhin', date: '2025-04-14' };

function passage(text: string, source = 'NEO', heading: string | null = 'First-Day Outcomes'): IndexedPassage {
  return { id: `${source}-1`, source, heading, position: 1, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }], meta: { ...META, id: source } };
}

describe('markedPassage', () => {
  const text = 'First sentence here. The best sentence is this one. Last one @everyone.';
  const span = { start: 21, end: 51 };

  it('bolds the best sentence within the escaped passage', () => {
    assert.equal(markedPassage(text, span), 'First sentence here. **The best sentence is this one.** Last one \\@everyone.');
  });

  it('keeps white space outside the bold markers', () => {
    assert.equal(markedPassage(text, { start: 20, end: 52 }), 'First sentence here. **The best sentence is this one.** Last one \\@everyone.');
  });

  it('cuts around the sentence when the passage is too long, keeping the bold sentence whole', () => {
    const long = `${'Before words. '.repeat(400)}The answer is here. ${'After words. '.repeat(400)}`;
    const at = long.indexOf('The answer');
    const out = markedPassage(long, { start: at, end: at + 'The answer is here.'.length }, 500);
    assert.ok(out.length <= 500, String(out.length));
    assert.ok(out.includes('**The answer is here.**'));
    assert.ok(out.startsWith('…') && out.endsWith('…'));
  });

  it('cuts the sentence itself only when it alone is too long', () => {
    const out = markedPassage('word '.repeat(100), { start: 0, end: 500 }, 50);
    assert.ok(out.length <= 50 && out.startsWith('**') && out.endsWith('…**'));
  });
});

describe('markedQuotation', () => {
  it('bolds the quoted parts that belong to the quotation, not the attribution between them', () => {
    const context = '"This round allowed us to agree," he explained. "We can then define the format."';
    assert.equal(
      markedQuotation('This round allowed us to agree, We can then define the format.', context),
      '**"This round allowed us to agree,"** he explained. **"We can then define the format."**',
    );
  });

  it('falls back to the quotation in bold above its context', () => {
    assert.equal(markedQuotation('words', 'He said words without marks.'), '**“words”**\nHe said words without marks.');
  });
});

describe('embeds', () => {
  it('an answer carries publisher, title, author, date, section, colour and a footer naming the source', () => {
    const p = passage('Oman mediated. The talks ended well.');
    const answer: Answer = { passage: p, score: 1, coverage: 1, ownCoverage: 1, missed: 0, highlight: { text: 'The talks ended well.', span: { start: 15, end: 36 } }, matched: [] };
    const e = answerEmbed(answer, 1, 3);
    assert.equal(e.author?.name, 'New Eastern Outlook');
    assert.equal(e.title, escapeText(META.title));
    assert.deepEqual(
      e.fields?.map((f) => [f.name, f.value]),
      [
        ['Author', 'Viktor Mikhin'],
        ['Date', '14 April 2025'],
        ['Section', 'First-Day Outcomes'],
      ],
    );
    assert.equal(e.color, colourOf(META));
    assert.equal(e.footer?.text, 'Source: NEO · New Eastern Outlook · result 1 of 3');
  });

  it('a source has the colour its front matter gives, else a stable one chosen by its id', () => {
    assert.equal(colourOf({ id: 'ANY', colour: '#1f618d' }), 0x1f618d);
    assert.equal(sourceSummaryEmbed({ meta: { ...META, id: 'RSIS', colour: '#1f618d' }, passages: 3, quotations: 1 }).color, 0x1f618d);
    assert.equal(colourOf({ id: 'OTHER' }), colourOf({ id: 'OTHER' }));
    assert.notEqual(colourOf({ id: 'OTHER' }), colourOf({ id: 'OTHER', colour: '#000001' }));
  });

  it('formatDate', () => {
    assert.equal(formatDate('2025-04-29'), '29 April 2025');
    assert.equal(formatDate('April 2025'), 'April 2025');
  });

  it('compare: huge sides and many differences still fit every limit', () => {
    const side = (source: string) => ({
      source,
      meta: { ...META, id: source },
      passages: [1, 2, 3].map(() => ({ passage: passage('Long text. '.repeat(500), source), highlight: { text: 'Long text.', span: { start: 0, end: 10 } }, score: 1 })),
    });
    const response: CompareResponse = {
      query: 'x',
      sides: [side('NEO'), side('RSIS')],
      differences: Array.from({ length: 40 }, (_, k) => ({
        kind: 'number' as const,
        about: `thing ${k} `.repeat(40),
        values: [
          { source: 'NEO', value: 'v'.repeat(600) },
          { source: 'RSIS', value: 'w'.repeat(600) },
        ],
        note: 'note '.repeat(100),
      })),
    };
    const embeds = compareEmbeds(response);
    assertWithinDiscordLimits({ embeds });
    assert.equal(embeds.length, 3);
    assert.deepEqual(
      embeds.slice(0, 2).map((e) => e.color),
      response.sides.map((side) => colourOf(side.meta)),
    );
  });
});
