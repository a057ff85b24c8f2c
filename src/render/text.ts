/**
 * Plain-text rendering of the engine's answers, for the local console and the command line.
 */
import type { SourceMeta } from '../corpus/load.ts';
import { joinNames, MESSAGES } from '../messages.ts';
import type { AskResponse } from '../search/ask.ts';
import type { CompareResponse, QuoteResponse, SourceSummary } from '../search/types.ts';

export function attribution(meta: SourceMeta, heading?: string | null): string {
  const section = heading ? ` — section "${heading}"` : '';
  return `${meta.id}: ${meta.publisher}, ${meta.author}, ${meta.date}, "${meta.title}"${section}`;
}

/** The passage with its best sentence marked **like this**. */
export function marked(text: string, span: { start: number; end: number }): string {
  return `${text.slice(0, span.start)}**${text.slice(span.start, span.end)}**${text.slice(span.end)}`;
}

export function askText(r: AskResponse): string {
  if (r.answers.length === 0) return `${r.notice ?? MESSAGES.askNotCovered}\n`;
  const head: string[] = [];
  if (r.notice) head.push(r.notice);
  for (const d of r.differences ?? []) head.push(`   * ${d.kind}: ${d.note}`);
  for (const h of r.quotes ?? []) head.push(`   "${h.quotation.text}" — ${h.quotation.speaker ?? 'unattributed'} (${h.meta.id})`);
  if (r.confidence === 'low' && r.intent === undefined) head.push(MESSAGES.askUnsure(r.yesNo ?? false));
  const answers = r.answers
    .map((a, i) => `${i + 1}. ${marked(a.passage.text, a.highlight.span)}\n   — ${attribution(a.passage.meta, a.passage.heading)} (score ${a.score})\n`)
    .join('\n');
  return head.length > 0 ? `${head.join('\n')}\n\n${answers}` : answers;
}

export function quoteText(r: QuoteResponse): string {
  if (r.quotes.length === 0) return `${r.notice ?? MESSAGES.quoteNone}\n`;
  return r.quotes
    .map((h, i) => {
      const q = h.quotation;
      const who = q.speaker ? `${q.speaker}${q.role ? `, ${q.role}` : ''}` : 'unattributed';
      return `${i + 1}. "${q.text}" — ${who}${q.kind === 'term' ? ' (term)' : ''}\n   in: ${q.context}\n   — ${attribution(h.meta)}\n`;
    })
    .join('\n');
}

export function compareText(r: CompareResponse): string {
  const out: string[] = [];
  if (r.sides.length === 0) return `${r.notice ?? MESSAGES.compareNoneOfMany}\n`;
  for (const side of r.sides) {
    out.push(`== ${attribution(side.meta)}`);
    if (side.passages.length === 0) out.push(`   ${MESSAGES.compareNotCovered([side.source])}`);
    if (side.weak) out.push(`   ${MESSAGES.compareWeak(side.source)}`);
    for (const p of side.passages) out.push(`   - ${marked(p.passage.text, p.highlight.span)}${p.passage.heading ? ` [${p.passage.heading}]` : ''}`);
    out.push('');
  }
  if (r.differences.length > 0) {
    out.push('Differences:');
    for (const d of r.differences) out.push(`   * ${d.kind}: ${d.note}`);
    out.push('');
  }
  return out.join('\n');
}

export function sourcesText(sources: readonly SourceSummary[]): string {
  return sources.map((s) => `${attribution(s.meta)}\n   ${s.passages} passages, ${s.quotations} quotations${s.meta.url ? `, ${s.meta.url}` : ''}\n`).join('\n');
}

/** The console's command list; `sources` are the corpus's source ids, named where compare is explained. */
export function helpText(sources: readonly string[]): string {
  return `Commands:
  /ask <question>     the passages that answer a question, best sentence in **bold**
                      e.g. /ask who mediated the talks?
  /quote <speaker or words>   quotations by a speaker or with those words
                      e.g. /quote Sherman
  /compare <topic>    how ${joinNames(sources)} cover a topic, side by side, with their differences
                      e.g. /compare next round
  /sources            the sources, with their passages and quotations
  /help               this list
A line without a command is asked as a question.
`;
}
