/**
 * Discord's message limits, and the two tools that keep every message under them: `truncate`
 * for one piece of text and `fitEmbeds` for a whole list of embeds (6000 characters in all).
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  fields: 25,
  embeds: 10,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  actionRows: 5,
} as const;

export const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters at a word boundary, ending with `ellipsis` when cut.
 * A cut never leaves a lone trailing backslash (it would escape the ellipsis).
 */
export function truncate(text: string, max: number, ellipsis: string = ELLIPSIS): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, Math.max(0, max));
  const room = max - ellipsis.length;
  let cut = text.slice(0, room);
  const space = cut.search(/\s\S*$/);
  // Cut at the last white space unless that throws away more than half of the room.
  if (space >= room / 2) cut = cut.slice(0, space);
  cut = cut.replace(/\s+$/, '');
  const backslashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (backslashes % 2 === 1) cut = cut.slice(0, -1);
  // Do not split a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ellipsis;
}

/** The characters Discord counts towards an embed's 6000. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

export function totalEmbedLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((n, e) => n + embedLength(e), 0);
}

function clampField(f: APIEmbedField): APIEmbedField {
  return { ...f, name: truncate(f.name, LIMITS.fieldName) || '\u200b', value: truncate(f.value, LIMITS.fieldValue) || '\u200b' };
}

/** One embed with every part cut to its own limit. */
export function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footerText) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.authorName) };
  if (out.fields) out.fields = out.fields.slice(0, LIMITS.fields).map(clampField);
  return out;
}

/** The largest cap L such that the lengths, each cut to L, sum to at most `budget`. */
export function capFor(lengths: readonly number[], budget: number): number {
  let lo = 0;
  let hi = Math.max(0, ...lengths);
  const sum = (cap: number): number => lengths.reduce((n, len) => n + Math.min(len, cap), 0);
  if (sum(hi) <= budget) return hi;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The embeds, at most 10, each part within its limit and the whole under 6000 characters: the
 * longest descriptions are shortened first, to a common length (never below 200 characters),
 * then the longest field values (never below 40); as a last resort, trailing embeds are dropped.
 */
export function fitEmbeds(embeds: readonly APIEmbed[], total: number = LIMITS.embedTotal): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embeds).map(clampEmbed);
  const MIN_DESCRIPTION = 200;
  const MIN_FIELD = 40;
  for (;;) {
    const over = totalEmbedLength(out) - total;
    if (over <= 0) return out;
    const descriptions = out.map((e) => e.description?.length ?? 0);
    const descCap = Math.max(MIN_DESCRIPTION, capFor(descriptions, descriptions.reduce((a, b) => a + b, 0) - over));
    for (const e of out) if (e.description !== undefined && e.description.length > descCap) e.description = truncate(e.description, descCap);
    if (totalEmbedLength(out) <= total) return out;
    const values = out.flatMap((e) => (e.fields ?? []).map((f) => f.value.length));
    const rest = totalEmbedLength(out) - total;
    const fieldCap = Math.max(MIN_FIELD, capFor(values, values.reduce((a, b) => a + b, 0) - rest));
    for (const e of out) for (const f of e.fields ?? []) if (f.value.length > fieldCap) f.value = truncate(f.value, fieldCap);
    if (totalEmbedLength(out) <= total) return out;
    if (out.length <= 1) break;
    out.pop();
  }
  // One embed whose other parts alone are over: shorten them, then drop fields, then cut the description.
  const only = out[0];
  if (!only) return out;
  if (only.title !== undefined) only.title = truncate(only.title, 100);
  if (only.author) only.author = { ...only.author, name: truncate(only.author.name, 100) };
  if (only.footer) only.footer = { ...only.footer, text: truncate(only.footer.text, 200) };
  only.fields = only.fields?.map((f) => ({ ...f, name: truncate(f.name, 40) }));
  while (totalEmbedLength(out) > total && only.fields && only.fields.length > 0) only.fields.pop();
  const excess = totalEmbedLength(out) - total;
  if (excess > 0 && only.description) only.description = truncate(only.description, Math.max(0, only.description.length - excess));
  return out;
}
