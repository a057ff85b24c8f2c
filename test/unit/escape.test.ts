import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeText, oneLine, unescapeText } from '../../src/discord/escape.ts';

describe('escapeText', () => {
  it('neutralises mentions and Markdown', () => {
    assert.equal(escapeText('@everyone'), '\\@everyone');
    assert.equal(escapeText('<@123>'), '\\<\\@123>');
    assert.equal(escapeText('**bold** __u__ ~~s~~ ||spoiler|| `code`'), '\\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`');
    assert.equal(escapeText('[link](https://x.y)'), '\\[link\\](https://x.y)');
  });

  it('escapes line-start syntax only at the start of a line', () => {
    assert.equal(escapeText('# h\n- l\n> q\n1. n\nU.S.-Iran'), '\\# h\n\\- l\n\\> q\n1\\. n\nU.S.-Iran');
  });

  it('is undone by unescapeText, backslashes included', () => {
    for (const s of ['plain', 'a\\b', '\\*', 'x\\', '\\\\@', '@here <#1> <t:1:R> - # > 1. **', 'Iran’s “format” — 2.16']) {
      assert.equal(unescapeText(escapeText(s)), s, s);
    }
  });

  it('oneLine collapses white space', () => {
    assert.equal(oneLine('  a\n\tb   c \r\n'), 'a b c');
  });
});
