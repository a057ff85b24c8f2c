/**
 * Text from users and sources, shown as Markdown without being read as Markdown or mentions:
 * every character Discord's Markdown or mention syntax uses gets a backslash (Discord renders
 * `\x` as `x` for any punctuation), so "@everyone", "**" or "<@123>" show as typed. The escape
 * is reversible, which lets paging read a question back from a message it wrote.
 */
const SPECIAL = /[\\*_~`|<>#[\]()@:-]/g;

export function escapeText(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

export function unescapeText(text: string): string {
  return text.replace(/\\([^0-9A-Za-z\s])/g, '$1');
}

/** One line of plain text: runs of white space (new lines included) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
