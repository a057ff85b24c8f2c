/**
 * Quotation evaluation against test/eval/quotes.json: precision and recall of extraction and
 * accuracy of speaker attribution, by matching each extracted quotation to a gold one.
 */
import { readFileSync } from 'node:fs';
import type { Quotation } from '../../src/search/types.ts';
import { comparable } from './retrieval.ts';

export interface GoldQuote {
  readonly source: string;
  readonly text: string;
  readonly speaker: string | null;
  readonly role: string | null;
  readonly kind: 'statement' | 'term';
}

export function loadGoldQuotes(): GoldQuote[] {
  return JSON.parse(readFileSync(new URL('./quotes.json', import.meta.url), 'utf8')) as GoldQuote[];
}

const words = (s: string): string => comparable(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Honorifics a name may be written with or without ("Dr. Salim al-Hinai"). */
const HONORIFIC = /^(?:(?:dr|mr|mrs|ms|prof|professor|sheikh|sir) )+/;

/** Speaker names compare without articles, honorifics or case; "Tehran source" matches "a Tehran source". */
export function sameSpeaker(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const x = words(a).replace(/^(?:a|an|the) /, '').replace(HONORIFIC, '');
  const y = words(b).replace(/^(?:a|an|the) /, '').replace(HONORIFIC, '');
  return x === y;
}

export interface QuoteScores {
  readonly gold: number;
  readonly extracted: number;
  readonly precision: number;
  readonly recall: number;
  readonly speakerAccuracy: number;
  readonly unmatched: readonly string[];
  readonly spurious: readonly string[];
  readonly wrongSpeaker: readonly string[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function scoreQuotations(extracted: readonly Quotation[], gold: readonly GoldQuote[] = loadGoldQuotes()): QuoteScores {
  const used = new Set<Quotation>();
  let matched = 0;
  let speakers = 0;
  const unmatched: string[] = [];
  const wrongSpeaker: string[] = [];
  // One statement split by its attribution in two ('"We did not come here for a photograph," he
  // said. "We came because …"') is one quotation to the extractor and may be two in a gold list:
  // an extracted quotation that is consecutive gold ones joined matches each of them.
  const joinedHit = new Map<GoldQuote, Quotation>();
  gold.forEach((g, i) => {
    for (let k = 2; k <= 3 && !joinedHit.has(g); k++) {
      const run = gold.slice(i, i + k);
      if (run.length < k || run.some((r) => r.source !== g.source || joinedHit.has(r))) break;
      const text = words(run.map((r) => r.text).join(' '));
      const hit = extracted.find((q) => q.source === g.source && words(q.text) === text);
      if (hit) for (const r of run) joinedHit.set(r, hit);
    }
  });
  for (const g of gold) {
    const joined = joinedHit.get(g);
    const hit = joined ?? extracted.find((q) => !used.has(q) && q.source === g.source && words(q.text) === words(g.text));
    if (!hit) {
      unmatched.push(`${g.source}: ${g.text}`);
      continue;
    }
    used.add(hit);
    matched++;
    if (sameSpeaker(hit.speaker, g.speaker)) speakers++;
    else wrongSpeaker.push(`${g.text.slice(0, 40)}: got ${hit.speaker}, want ${g.speaker}`);
  }
  const spurious = extracted.filter((q) => !used.has(q)).map((q) => `${q.source}: ${q.text}`);
  return {
    gold: gold.length,
    extracted: extracted.length,
    precision: round(extracted.length === 0 ? 0 : (extracted.length - spurious.length) / extracted.length),
    recall: round(matched / gold.length),
    speakerAccuracy: round(matched === 0 ? 0 : speakers / matched),
    unmatched,
    spurious,
    wrongSpeaker,
  };
}
