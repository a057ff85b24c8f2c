/**
 * Engine answers as Discord embeds. Every embed about a source carries its attribution
 * (publisher as the author line, title, author, date, section heading), the source's colour
 * and a footer naming the source; source text and user text are escaped, so nothing in them
 * formats or mentions. The results are fitted to Discord's limits by the callers (fitEmbeds).
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer } from '../search/ask.ts';
import type { CompareResponse, CompareSide, QuoteHit, SourceMeta, SourceSummary, Span } from '../search/types.ts';
import { MESSAGES } from '../messages.ts';
import { colourOf, NEUTRAL_COLOUR } from './colours.ts';
import { escapeText } from './escape.ts';
import { ELLIPSIS, fitEmbeds, LIMITS, truncate } from './limits.ts';

/** One formatter for every date: toLocaleDateString builds a new one per call, a tenth of /ask's time under load. */
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "2025-04-14" → "14 April 2025" (the date as written when it is not an ISO date). */
export function formatDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) return iso;
  return DATE_FORMAT.format(d);
}

/** The end of `text` in at most `max` characters, starting at a word and with "…" in front. */
function truncateStart(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return '';
  let from = text.length - (max - ELLIPSIS.length);
  const space = text.slice(from).search(/\s/);
  if (space >= 0 && space < (max - ELLIPSIS.length) / 2) from += space + 1;
  // Never start on a character whose escaping backslash was cut off (an escaped \@everyone must
  // not become @everyone): an odd run of backslashes just before the cut escapes it.
  let backslashes = 0;
  while (from - backslashes > 0 && text.charAt(from - backslashes - 1) === '\\') backslashes++;
  if (backslashes % 2 === 1) from++;
  if (splitsPair(text, from)) from++;
  return ELLIPSIS + text.slice(from);
}

/** Whether offset `i` falls between the two halves of a surrogate pair (an emoji, say). */
function splitsPair(text: string, i: number): boolean {
  return i > 0 && /[\uD800-\uDBFF]/.test(text.charAt(i - 1)) && /[\uDC00-\uDFFF]/.test(text.charAt(i));
}

/** The passage, escaped, with its best sentence in bold; cut around that sentence to fit `max`. */
export function markedPassage(text: string, span: Span, max: number = LIMITS.embedDescription): string {
  let start = Math.max(0, Math.min(span.start, text.length));
  let end = Math.max(start, Math.min(span.end, text.length));
  if (splitsPair(text, start)) start--;
  if (splitsPair(text, end)) end++;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  if (start === end) return truncate(escapeText(text), max);
  const before = escapeText(text.slice(0, start));
  const mark = escapeText(text.slice(start, end));
  const after = escapeText(text.slice(end));
  if (mark.length + 4 >= max) return max > 4 + ELLIPSIS.length ? `**${truncate(mark, max - 4)}**` : truncate(mark, max);
  const room = max - mark.length - 4;
  if (before.length + after.length <= room) return `${before}**${mark}**${after}`;
  const afterRoom = Math.max(room - before.length, Math.floor(room / 2));
  const keptAfter = truncate(after, afterRoom);
  const keptBefore = truncateStart(before, room - keptAfter.length);
  return `${keptBefore}**${mark}**${keptAfter}`;
}

/** Author, date and section as inline fields. */
export function attributionFields(meta: SourceMeta, heading: string | null | undefined): APIEmbedField[] {
  const fields: APIEmbedField[] = [
    { name: 'Author', value: escapeText(meta.author), inline: true },
    { name: 'Date', value: formatDate(meta.date), inline: true },
  ];
  if (heading !== undefined) fields.push({ name: 'Section', value: heading ? escapeText(heading) : '(introduction)', inline: true });
  return fields;
}

/** The parts every source embed shares: colour, publisher, title (linked when there is a URL), footer. */
function sourceEmbed(meta: SourceMeta, footerNote?: string): APIEmbed {
  const embed: APIEmbed = {
    color: colourOf(meta),
    author: { name: meta.publisher },
    title: escapeText(meta.title),
    footer: { text: `Source: ${meta.id} · ${meta.publisher}${footerNote ? ` · ${footerNote}` : ''}` },
  };
  if (meta.url) embed.url = meta.url;
  return embed;
}

export function answerEmbed(answer: Answer, position: number, total: number): APIEmbed {
  const { passage } = answer;
  return {
    ...sourceEmbed(passage.meta, `result ${position} of ${total}`),
    description: markedPassage(passage.text, answer.highlight.span),
    fields: attributionFields(passage.meta, passage.heading),
  };
}

/** A speaker's quotations in the passages shown, for /ask "what did X say". */
export function quotesListEmbed(speaker: string, quotes: readonly QuoteHit[]): APIEmbed {
  const lines = quotes.map((h) => `“${escapeText(h.quotation.text)}” — ${escapeText(h.meta.id)}`);
  return { color: NEUTRAL_COLOUR, title: truncate(escapeText(MESSAGES.askQuotesOf(speaker)), LIMITS.embedTitle), description: truncate(lines.join('\n'), LIMITS.embedDescription) };
}

/** The quotation's context with the quoted parts that belong to it in bold. */
export function markedQuotation(text: string, context: string, max: number = LIMITS.embedDescription): string {
  const words = (s: string): string => s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase();
  const own = words(text);
  let out = '';
  let at = 0;
  let marked = false;
  for (const m of context.matchAll(/"[^"]+"|“[^”]+”|«[^»]+»/g)) {
    const inner = words(m[0]);
    if (inner.length === 0 || !own.includes(inner)) continue;
    out += `${escapeText(context.slice(at, m.index))}**${escapeText(m[0])}**`;
    at = m.index + m[0].length;
    marked = true;
  }
  out += escapeText(context.slice(at));
  if (!marked) out = `**“${escapeText(text)}”**\n${escapeText(context)}`;
  return truncate(out, max);
}

/** A quotation: the sentence holding it, the quoted words in bold, and who said it. */
export function quoteEmbed(hit: QuoteHit, heading: string | null | undefined, position: number, total: number): APIEmbed {
  const q = hit.quotation;
  const speaker = q.speaker ? `${q.speaker}${q.role ? `, ${q.role}` : ''}` : 'Not named in the text';
  return {
    ...sourceEmbed(hit.meta, `quotation ${position} of ${total}`),
    description: markedQuotation(q.text, q.context),
    fields: [{ name: 'Speaker', value: escapeText(speaker), inline: false }, ...attributionFields(hit.meta, heading)],
  };
}

function sideEmbed(side: CompareSide): APIEmbed {
  const perPassage = Math.floor((LIMITS.embedDescription - 10) / Math.max(1, side.passages.length)) - 60;
  const description =
    side.passages.length === 0
      ? `*${escapeText(MESSAGES.compareNotCovered([side.meta.id]))}*`
      : (side.weak ? `*${escapeText(MESSAGES.compareWeak(side.meta.id))}*\n\n` : '') +
        side.passages
          .map((p) => {
            const heading = p.passage.heading ? `__${escapeText(p.passage.heading)}__\n` : '';
            return heading + markedPassage(p.passage.text, p.highlight.span, perPassage);
          })
          .join('\n\n');
  return { ...sourceEmbed(side.meta), description, fields: attributionFields(side.meta, undefined) };
}

/** At most this many differences are listed (the rest are counted), each kept short. */
const MAX_DIFFERENCES = 10;

/** The differences the sources give, as one embed (compare, and /ask "where do they differ"). */
export function differencesEmbed(response: Pick<CompareResponse, 'differences'>): APIEmbed {
  const all = response.differences;
  if (all.length === 0) {
    return { color: NEUTRAL_COLOUR, title: 'Differences', description: 'No differences found in the names, dates, numbers or titles the sources give.' };
  }
  const embed: APIEmbed = {
    color: NEUTRAL_COLOUR,
    title: `⚠️ Differences (${all.length})`,
    fields: all.slice(0, MAX_DIFFERENCES).map((d) => ({
      name: truncate(`⚠️ ${escapeText(d.about)} (${d.kind})`, 100),
      value: truncate(`${escapeText(d.note)}\n${d.values.map((v) => `**${escapeText(v.source)}:** ${escapeText(v.value)}`).join(' · ')}`, 300),
    })),
  };
  if (all.length > MAX_DIFFERENCES) embed.description = `The first ${MAX_DIFFERENCES} of ${all.length}.`;
  return embed;
}

/** One embed per source side by side, then the differences flagged. */
export function compareEmbeds(response: CompareResponse): APIEmbed[] {
  return fitEmbeds([...response.sides.map(sideEmbed), differencesEmbed(response)]);
}

export function sourceSummaryEmbed(summary: SourceSummary): APIEmbed {
  const { meta } = summary;
  return {
    ...sourceEmbed(meta),
    fields: [
      { name: 'Publisher', value: escapeText(meta.publisher), inline: false },
      ...attributionFields(meta, undefined),
      { name: 'Passages', value: String(summary.passages), inline: true },
      { name: 'Quotations', value: String(summary.quotations), inline: true },
    ],
  };
}

export interface HelpEntry {
  readonly usage: string;
  readonly description: string;
  readonly example?: string;
}

/** What each command does; `sources` are the corpus's source ids. */
export function helpEmbed(entries: readonly HelpEntry[], sources: readonly string[]): APIEmbed {
  return {
    color: NEUTRAL_COLOUR,
    title: 'What I can do',
    description: escapeText(MESSAGES.helpIntro(sources)),
    fields: entries.slice(0, LIMITS.fields).map((e) => ({
      name: e.usage,
      value: `${e.description}${e.example ? `\nExample: \`${e.example}\`` : ''}`,
    })),
  };
}
