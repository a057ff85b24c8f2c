/**
 * The public JSON shapes of the command line (`npm run cli -- ask|quote|compare … --json`).
 * Keep them stable: scripts depend on them. Fields are only ever added (ask's confidence,
 * unmentioned, language, intent, speaker, quotes, differences and yesNo; compare's weak).
 */
import type { AskResponse } from '../search/ask.ts';
import type { CompareResponse, Difference, QuoteHit, QuoteResponse } from '../search/types.ts';

export function askJson(r: AskResponse): object {
  return {
    query: r.query,
    results: r.answers.map((a) => ({
      source: a.passage.source,
      title: a.passage.meta.title,
      author: a.passage.meta.author,
      date: a.passage.meta.date,
      heading: a.passage.heading,
      text: a.passage.text,
      highlight: a.highlight.text,
      score: a.score,
    })),
    ...(r.notice ? { notice: r.notice } : {}),
    confidence: r.confidence,
    ...(r.unmentioned ? { unmentioned: r.unmentioned } : {}),
    ...(r.language ? { language: r.language } : {}),
    ...(r.intent ? { intent: r.intent } : {}),
    ...(r.speaker ? { speaker: r.speaker } : {}),
    ...(r.quotes ? { quotes: r.quotes.map(quoteItem) } : {}),
    ...(r.differences ? { differences: r.differences.map(differenceItem) } : {}),
    ...(r.yesNo ? { yesNo: true } : {}),
  };
}

function quoteItem(h: QuoteHit): object {
  return { speaker: h.quotation.speaker, role: h.quotation.role, text: h.quotation.text, source: h.quotation.source, context: h.quotation.context };
}

function differenceItem(d: Difference): object {
  return { kind: d.kind, about: d.about, values: d.values, note: d.note };
}

export function quoteJson(r: QuoteResponse): object {
  return {
    query: r.query,
    quotes: r.quotes.map(quoteItem),
    ...(r.notice ? { notice: r.notice } : {}),
  };
}

export function compareJson(r: CompareResponse): object {
  return {
    query: r.query,
    sources: r.sides.map((s) => ({
      source: s.source,
      passages: s.passages.map((p) => ({ text: p.passage.text, highlight: p.highlight.text, heading: p.passage.heading, score: p.score })),
      weak: s.weak ?? false,
    })),
    differences: r.differences.map(differenceItem),
    ...(r.notice ? { notice: r.notice } : {}),
  };
}
