/**
 * Hostile input for the property tests: an arbitrary that mixes the pieces people (and bots)
 * actually paste into a chat — emoji, right-to-left text, zero-width and control characters,
 * Markdown and code fences, @everyone / @here / <@id> / <@&id> mentions, URLs, very long
 * single words, runs of punctuation, stop words and the corpus's own names — with plain random
 * Unicode, up to 6,000 UTF-16 units (Discord's longest option value), never splitting a
 * surrogate pair. And the checks every rendered text must pass: no mention that can ping, no
 * lone surrogate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';

export const MAX_INPUT = 6000;

const STOPWORDS: string[] = (JSON.parse(readFileSync(new URL('../../corpus/tables/stopwords.json', import.meta.url), 'utf8')) as { words: string[] }).words;

const EMOJI = ['🙂', '👍🏽', '👨‍👩‍👧‍👦', '🇮🇷', '🇺🇸', '🇴🇲', '❤️', '🏳️‍🌈', '🔥', '🤔', '☢️', '🕊️', '1️⃣', '🫡'];
const RTL = ['مرحبا', 'إيران', 'عُمان', 'מה קורה', 'שלום', '\u202Eevil\u202C', '\u200F', '\u200E', '\u061C', '\u202B', '\u2067x\u2069', 'ایران و آمریکا'];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u0301', '\u0000', '\u0007', '\u0008', '\u001B[31m', '\u007F', '\r', '\n', '\r\n', '\t', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029', '\u3000', '\u00A0', '\u180E', '\uFFFC', '\uFFFD'];
const MARKDOWN = [
  '**', '__', '*', '_', '~~', '||', '`', '``', '```', '```js\n', '\n```', '> ', '>>> ', '# ', '## ', '-# ', '- ', '+ ', '1. ', '\\', '\\\\', '\\*', '[', ']', '(', ')',
  '[click](https://example.org)', '[**x**](<https://example.org>)', '<', '>', '***bold italic***', '||spoiler||', '~~gone~~', '`code`', '<t:1700000000:R>', '<:pepe:123456789012345678>', '<a:dance:123456789012345678>',
];
const MENTIONS = [
  '@everyone', '@here', '@everyone@here', '@@everyone', '\\@everyone', '\\\\@everyone', '@\u200beveryone', '＠everyone', 'hi@everyone', '`@everyone`', '**@here**',
  '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>', '</ask:123456789012345678>', '<@1364000000000000300>', '\\<@123456789012345678>', '<\\@123456789012345678>', '<@', '<@&', '@',
];
const URLS = ['https://discord.gg/abcdef', 'http://127.0.0.1/x', '<https://example.org/a_b_c>', 'https://example.org/@everyone', 'javascript:alert(1)', 'www.example.com', 'mailto:a@b.c'];
const PUNCTUATION = [...'!?.,;:…—–-"\'“”‘’«»()[]{}/\\|&%$#^+=~`*_<>@'];
const CORPUS = ['Araghchi', 'Aragchi', 'Witkoff', 'Whitcoff', 'Steve Witkoff', 'Oman', 'Muscat', 'sanctions', 'rial', 'Sherman', 'nuclear', 'talks', 'Iran', 'Tehran', 'U.S.', 'US', 'B-2', '2.16', 'JCPOA', 'Trump', 'Khamenei', 'next round', 'May 3', 'April 12', 'who mediated the talks?', 'What did Araghchi say?'];

/** Words (and two-word runs) of the articles themselves, so that many questions do get answers to render. */
const ARTICLE_WORDS: string[] = (() => {
  const dir = new URL('../../corpus/sources/', import.meta.url);
  const words = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => (readFileSync(new URL(f, dir), 'utf8').split(/^---$/m)[2] ?? '').split(/\s+/))
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
  return [...new Set(words)];
})();

const pick = (xs: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...xs);

/** A run of one repeated letter or a random word of letters, 30 to 2,000 characters: one very long token. */
const longWord = fc.oneof(
  fc.tuple(pick(['a', 'e', 'x', 'z', 'ا', 'я', '字']), fc.integer({ min: 30, max: 2000 })).map(([c, n]) => c.repeat(n)),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 30, maxLength: 600 }),
  fc.tuple(pick(CORPUS), fc.integer({ min: 2, max: 200 })).map(([w, n]) => w.replace(/\W/g, '').repeat(n)),
);

/** One piece of hostile text. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: pick(EMOJI) },
  { weight: 2, arbitrary: pick(RTL) },
  { weight: 2, arbitrary: pick(INVISIBLE) },
  { weight: 3, arbitrary: pick(MARKDOWN) },
  { weight: 3, arbitrary: pick(MENTIONS) },
  { weight: 1, arbitrary: fc.oneof(pick(URLS), fc.webUrl()) },
  { weight: 1, arbitrary: longWord },
  { weight: 2, arbitrary: fc.string({ unit: pick(PUNCTUATION), minLength: 1, maxLength: 30 }) },
  { weight: 3, arbitrary: pick(STOPWORDS) },
  { weight: 3, arbitrary: pick(CORPUS) },
  { weight: 1, arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) },
);

/** At most `max` UTF-16 units of `s`, cut at a code point (never half a surrogate pair). */
export function cutAt(s: string, max: number = MAX_INPUT): string {
  if (s.length <= max) return s;
  let end = max;
  if (/[\uD800-\uDBFF]/.test(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

const joined = (maxPieces: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(piece, { maxLength: maxPieces }), pick(['', ' ', ' ', ' ', '\n', '  ']))
    .map(([parts, sep]) => cutAt(parts.join(sep)));

/** Pieces repeated until the text is long: the 1,000 to 6,000 character inputs. */
const long = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1000, max: MAX_INPUT }))
  .map(([parts, n]) => {
    let s = parts.join(' ');
    while (s.length < n) s += ` ${s}`;
    return cutAt(s, n);
  });

/** A question about the articles, in their own words, with hostile pieces mixed in. */
const questionish: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 4, arbitrary: pick(ARTICLE_WORDS) }, { weight: 1, arbitrary: pick(CORPUS) }), { minLength: 1, maxLength: 12 }),
    fc.array(piece, { maxLength: 4 }),
    fc.array(fc.nat(), { maxLength: 4 }),
  )
  .map(([words, extra, at]) => {
    const out = [...words];
    extra.forEach((p, k) => out.splice((at[k] ?? 0) % (out.length + 1), 0, p));
    return cutAt(out.join(' '));
  });

/**
 * Any hostile text up to 6,000 characters: questions in the articles' words with hostile pieces
 * mixed in, a few pieces, some paragraphs, some long pastes; and plain random Unicode strings of
 * every length.
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: questionish },
  { weight: 6, arbitrary: joined(8) },
  { weight: 3, arbitrary: joined(60) },
  { weight: 1, arbitrary: long },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: MAX_INPUT, size: 'medium' }).map((s) => cutAt(s)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: MAX_INPUT, size: 'medium' }).map((s) => cutAt(s)) },
  { weight: 1, arbitrary: fc.string({ unit: pick(PUNCTUATION), maxLength: 400 }) },
  { weight: 1, arbitrary: fc.array(pick(STOPWORDS), { maxLength: 40 }).map((w) => w.join(' ')) },
);

/** A Discord user id (snowflake). */
export const snowflake: fc.Arbitrary<string> = fc.bigInt({ min: 10n ** 16n, max: 2n ** 63n - 1n }).map(String);

/**
 * Where `text` holds something Discord would read as a mention: "@everyone" or "@here" whose
 * "@" is not escaped by a backslash, or "<@" ("<@!", "<@&") whose "<" and "@" are both
 * unescaped. Returns the offending excerpt, or null. `allowed` are mentions the message means
 * to make (the target's "<@id>").
 */
export function unescapedMention(text: string, allowed: readonly string[] = []): string | null {
  let t = text;
  for (const a of allowed) t = t.split(a).join('');
  const escaped = (i: number): boolean => {
    let n = 0;
    for (let k = i - 1; k >= 0 && t[k] === '\\'; k--) n++;
    return n % 2 === 1;
  };
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '@' && !escaped(i) && /^@(everyone|here)/.test(t.slice(i, i + 9))) return t.slice(Math.max(0, i - 10), i + 12);
    if (t[i] === '<' && !escaped(i) && t[i + 1] === '@') return t.slice(Math.max(0, i - 10), i + 25);
  }
  return null;
}

/** A lone (unpaired) surrogate, which Discord would reject or show as garbage. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
