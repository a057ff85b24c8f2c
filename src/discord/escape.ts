/**
 * Text from users and sources, shown as Markdown without being read as Markdown or mentions.
 * A backslash goes before every character that formats anywhere (\ * _ ~ ` | [ ] < @), and
 * before # - + > or "1." that would start a heading, list or quote at the start of a line.
 * Discord shows `\x` as `x` for any punctuation, so "@everyone", "**" or "<@123>" appear as
 * typed and never ping. The escape is reversible (`unescapeText`), which lets paging read a
 * question back from a message it wrote.
 */
const ANYWHERE = /[\\*_~`|[\]<@]/g;
const LINE_START = /^(\s*)([#>+-])/gm;
const NUMBERED = /^(\s*\d+)\.(?=\s)/gm;

export function escapeText(text: string): string {
  return text.replace(ANYWHERE, '\\$&').replace(LINE_START, '$1\\$2').replace(NUMBERED, '$1\\.');
}

export function unescapeText(text: string): string {
  return text.replace(/\\([^0-9A-Za-z\s])/g, '$1');
}

/** One line of plain text: runs of white space (new lines included) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
