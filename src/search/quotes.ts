/**
 * quote(query): quotations by speaker or by their words.
 *
 * A query names a speaker when it is one of the speaker's alias-table names (Whitcoff finds
 * Steve Witkoff) or when all its words are words of the speaker's name ("Sherman", "Tehran
 * source"), a misspelling of one edit allowed from five letters. Every quotation of a named
 * speaker comes first (statements before terms, in text order); then quotations whose words
 * match the query, best BM25 first.
 */
import type { SourceMeta } from '../corpus/load.ts';
import { MESSAGES } from '../messages.ts';
import { fold } from '../corpus/normalize.ts';
import type { Analyzer } from './analyzer.ts';
import { SavableMiniSearch, type IndexState } from './saved-index.ts';
import type { Quotation, QuoteHit, QuoteResponse, SpeakerSummary } from './types.ts';

const words = (s: string): string[] => fold(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

function editDistanceAtMost1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export const QUOTE_LIMIT = 10;

interface SpeakerQuery {
  readonly aliasTerms: readonly string[];
  readonly words: readonly string[];
}

type QuoteDoc = { id: string; text: string; speaker: string };

export class QuoteIndex {
  private readonly search: SavableMiniSearch<QuoteDoc>;
  private readonly byId = new Map<string, Quotation>();
  /** Words and alias terms of each speaker's name. */
  private readonly speakerWords = new Map<string, Set<string>>();

  /**
   * `saved`: what {@link save} gave for these quotations (the engine cache keeps it), instead of
   * indexing them again; throws for one that does not fit them or that MiniSearch cannot restore.
   */
  constructor(
    readonly quotations: readonly Quotation[],
    private readonly metas: ReadonlyMap<string, SourceMeta>,
    private readonly analyzer: Analyzer,
    saved?: IndexState,
  ) {
    const tokenize = (text: string): string[] => analyzer.terms(text);
    const options = { fields: ['text', 'speaker'], tokenize, processTerm: (t: string) => t, searchOptions: { tokenize, processTerm: (t: string) => t } };
    if (saved) {
      if (saved.documentCount !== quotations.length) throw new Error('the saved quotation index does not fit these quotations');
      this.search = SavableMiniSearch.restore<QuoteDoc>(saved, options);
    } else {
      this.search = new SavableMiniSearch<QuoteDoc>(options);
      this.search.addAll(quotations.map((q) => ({ id: q.id, text: q.text, speaker: q.speaker ?? '' })));
    }
    for (const q of quotations) {
      this.byId.set(q.id, q);
      if (q.speaker && !this.speakerWords.has(q.speaker)) {
        this.speakerWords.set(q.speaker, new Set([...words(q.speaker), ...analyzer.analyze(q.speaker).filter((t) => t.alias).map((t) => t.term)]));
      }
    }
  }

  /** The quotation index, for the engine cache. */
  save(): IndexState {
    return this.search.save();
  }

  /** What of a query can name a speaker: its alias-table names and its words other than stop words. */
  private parse(query: string): SpeakerQuery {
    return {
      aliasTerms: this.analyzer
        .analyze(query)
        .filter((t) => t.alias && this.analyzer.kinds.get(t.term) !== 'term')
        .map((t) => t.term),
      words: words(query).filter((w) => !this.analyzer.stopwords.has(w)),
    };
  }

  /** Whether the query names `speaker`. */
  private names(q: SpeakerQuery, speaker: string): boolean {
    const known = this.speakerWords.get(speaker);
    if (!known) return false;
    if (q.aliasTerms.length > 0 && q.aliasTerms.every((t) => known.has(t))) return true;
    return q.words.length > 0 && q.words.every((w) => known.has(w) || (w.length >= 5 && [...known].some((k) => editDistanceAtMost1(w, k))));
  }

  speakers(): SpeakerSummary[] {
    const out = new Map<string, { name: string; roles: Map<string, number>; quotes: number }>();
    for (const q of this.quotations) {
      if (!q.speaker) continue;
      const s = out.get(q.speaker) ?? { name: q.speaker, roles: new Map(), quotes: 0 };
      s.quotes++;
      if (q.role) s.roles.set(q.role, (s.roles.get(q.role) ?? 0) + 1);
      out.set(q.speaker, s);
    }
    return [...out.values()]
      .map((s) => ({ name: s.name, role: [...s.roles].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null, quotes: s.quotes }))
      .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name));
  }

  quote(query: string, limit: number = QUOTE_LIMIT): QuoteResponse {
    const q = query.trim();
    if (words(q).length === 0) return { query: q, quotes: [], notice: MESSAGES.quoteEmpty };
    const hits: QuoteHit[] = [];
    const seen = new Set<string>();
    const add = (quotation: Quotation, score: number): void => {
      if (seen.has(quotation.id)) return;
      seen.add(quotation.id);
      const meta = this.metas.get(quotation.source);
      if (meta) hits.push({ quotation, meta, score: Math.round(score * 1000) / 1000 });
    };
    const parsed = this.parse(q);
    const bySpeaker = this.quotations
      .filter((x) => x.speaker !== null && this.names(parsed, x.speaker))
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'statement' ? -1 : 1));
    for (const x of bySpeaker) add(x, x.kind === 'statement' ? 2 : 1.5);
    for (const r of this.search.search(q, { boost: { speaker: 2 }, combineWith: 'OR' })) {
      const x = this.byId.get(String(r.id));
      if (x) add(x, r.score / (1 + r.score));
    }
    const quotes = hits.slice(0, Math.max(limit, bySpeaker.length));
    return quotes.length > 0 ? { query: q, quotes } : { query: q, quotes, notice: MESSAGES.quoteNone };
  }
}
