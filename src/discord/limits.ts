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
  if (space > room / 2) cut = cut.slice(0, space);
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

/**
 * The embeds, at most 10, each part within its limit and the whole under 6000 characters:
 * the longest description is shortened first (never below 200 characters), then the longest
 * field value; as a last resort, trailing embeds are dropped.
 */
export function fitEmbeds(embeds: readonly APIEmbed[], total: number = LIMITS.embedTotal): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embeds).map(clampEmbed);
  const MIN_DESCRIPTION = 200;
  const MIN_FIELD = 40;
  for (let guard = 0; guard < 500; guard++) {
    const over = totalEmbedLength(out) - total;
    if (over <= 0) return out;
    let best: { i: number; len: number } | undefined;
    out.forEach((e, i) => {
      const len = e.description?.length ?? 0;
      if (len > MIN_DESCRIPTION && (!best || len > best.len)) best = { i, len };
    });
    if (best) {
      const e = out[best.i];
      if (e?.description !== undefined) {
        e.description = truncate(e.description, Math.max(MIN_DESCRIPTION, best.len - over));
        continue;
      }
    }
    let field: { i: number; j: number; len: number } | undefined;
    out.forEach((e, i) =>
      (e.fields ?? []).forEach((f, j) => {
        if (f.value.length > MIN_FIELD && (!field || f.value.length > field.len)) field = { i, j, len: f.value.length };
      }),
    );
    if (field) {
      const f = out[field.i]?.fields?.[field.j];
      if (f) {
        f.value = truncate(f.value, Math.max(MIN_FIELD, field.len - over));
        continue;
      }
    }
    if (out.length <= 1) break;
    out.pop();
  }
  // Still over with a single embed: cut its description hard.
  const only = out[0];
  if (only && totalEmbedLength(out) > total && only.description) {
    only.description = truncate(only.description, Math.max(1, only.description.length - (totalEmbedLength(out) - total)));
  }
  return out;
}
