/**
 * The analyzer turns text into index terms, the same way for passages and for questions:
 *
 * 1. tokens that keep "U.S.", "B-2", "Bavar-373" and "2.16" whole (a hyphenated word also
 *    yields its parts, so "Oman-mediated" is found by "Oman", unless it is a verb and its
 *    particle: "lead-up" is no lead);
 * 2. case and accent folding;
 * 3. the alias table: every name or spelling of a group becomes the group's one term
 *    ("Whitcoff", "Steve Witkoff" → `steve_witkoff`), multi-word entries first;
 * 4. chat forms to the word meant (ppl → people), then stop words dropped;
 * 5. irregular forms to their base (wrote → write), then Porter2 stemming of plain words.
 */
import stem from 'wink-porter2-stemmer';
import type { NameKind } from '../corpus/load.ts';
import { fold } from '../corpus/normalize.ts';

/** A word of the text, before analysis. */
export interface Token {
  /** The word as written. */
  readonly surface: string;
  /** Folded, without a possessive 's or the final period of an acronym. */
  readonly folded: string;
  readonly start: number;
  readonly end: number;
}

/** One index term and the words of the text it came from. */
export interface AnalyzedTerm {
  readonly term: string;
  /** The words as written ("Stephen Whitcoff"). */
  readonly source: string;
  /** The folded word, for a term of one word (no possessive): what fuzzy matching compares. */
  readonly folded: string;
  readonly start: number;
  readonly end: number;
  /** Whether the term stands for an alias group. */
  readonly alias: boolean;
}

export interface AnalyzerTables {
  readonly stopwords: ReadonlySet<string>;
  readonly irregular: ReadonlyMap<string, string>;
  /** Chat forms and the word meant (ppl → people); optional for callers that have none. */
  readonly chat?: ReadonlyMap<string, string>;
  readonly aliasGroups: readonly { readonly kind: NameKind; readonly names: readonly string[] }[];
}

const TOKEN = /\p{L}(?:\.\p{L})+\.?|[\p{L}\p{N}]+(?:'\p{L}+)?(?:[-.][\p{L}\p{N}]+)*/gu;
const PLAIN_WORD = /^\p{L}+$/u;
const MAX_STEMMED = 40;
/** The particles of phrasal verbs: a hyphenated word ending with one is one word, not its parts. */
const PARTICLES = new Set(['up', 'down', 'out', 'off', 'over', 'back', 'away']);
const MAX_REMEMBERED_STEMS = 200_000;

interface AliasEntry {
  readonly words: readonly string[];
  readonly key: string;
  /** "US": matches only a word written in capitals. */
  readonly capitalsOnly: boolean;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const surface = m[0];
    let folded = fold(surface);
    if (folded.endsWith("'s")) folded = folded.slice(0, -2);
    if (/^(?:\p{L}\.)+$/u.test(folded)) folded = folded.slice(0, -1);
    // The plural of a model's designation is the designation: B-2s, F-35s, b2s (not 1990s).
    if (/\p{L}.*\p{N}s$/u.test(folded)) folded = folded.slice(0, -1);
    out.push({ surface, folded, start: m.index, end: m.index + surface.length });
  }
  return out;
}

/** The term that stands for a whole alias group: its canonical entry, folded, words joined by _. */
export function aliasKey(canonical: string): string {
  return tokenize(canonical)
    .map((t) => t.folded)
    .join('_');
}

export class Analyzer {
  readonly stopwords: ReadonlySet<string>;
  private readonly irregular: ReadonlyMap<string, string>;
  private readonly chat: ReadonlyMap<string, string>;
  private readonly stems = new Map<string, string>();
  /** Alias entries by their first folded word, longest first. */
  private readonly aliases = new Map<string, AliasEntry[]>();
  /** Canonical name of each alias term. */
  readonly canonical = new Map<string, string>();
  /** What each alias term names (person, place, org, media, term). */
  readonly kinds = new Map<string, NameKind>();
  /** Every single-word alias form (folded) and the term it stands for: what fuzzy matching of names looks at. */
  readonly aliasWords = new Map<string, string>();
  /**
   * Each word of a person's multi-word names (folded; "abbas" of "Abbas Araghchi") and the people
   * it is part of: a first name alone can only mean them when the sources write it no other way.
   */
  readonly nameParts = new Map<string, string[]>();

  constructor(tables: AnalyzerTables) {
    this.stopwords = tables.stopwords;
    this.irregular = tables.irregular;
    this.chat = tables.chat ?? new Map();
    for (const group of tables.aliasGroups) {
      const canonical = group.names[0];
      if (canonical === undefined) continue;
      const key = aliasKey(canonical);
      this.canonical.set(key, canonical);
      this.kinds.set(key, group.kind);
      for (const entry of group.names) {
        const words = tokenize(entry).map((t) => t.folded);
        const first = words[0];
        if (first === undefined) continue;
        const capitalsOnly = !/\p{Ll}/u.test(entry) && words.length === 1 && this.stopwords.has(first);
        const list = this.aliases.get(first) ?? [];
        list.push({ words, key, capitalsOnly });
        list.sort((a, b) => b.words.length - a.words.length);
        this.aliases.set(first, list);
        if (words.length === 1 && !capitalsOnly) this.aliasWords.set(first, key);
        if (group.kind === 'person' && words.length > 1) {
          for (const w of words) {
            const people = this.nameParts.get(w) ?? [];
            if (!this.stopwords.has(w) && !people.includes(key)) this.nameParts.set(w, [...people, key]);
          }
        }
      }
    }
  }

  /** The alias entry that starts at token i, if any. */
  private matchAlias(tokens: readonly Token[], i: number): AliasEntry | undefined {
    const first = tokens[i];
    if (!first) return undefined;
    // "the us" is the country however it is written: the pronoun takes no article.
    const named = !/\p{Ll}/u.test(first.surface) || tokens[i - 1]?.folded === 'the';
    return this.aliases.get(first.folded)?.find((e) => e.words.every((w, k) => tokens[i + k]?.folded === w) && (!e.capitalsOnly || named));
  }

  /** The word a chat form stands for ("govt": government), or the word itself. */
  chatForm(folded: string): string {
    return this.chat.get(folded) ?? folded;
  }

  /** Term of one folded word that is not an alias: null for a stop word or noise. */
  wordTerm(written: string): string | null {
    const folded = this.chatForm(written);
    if (folded.length === 0 || this.stopwords.has(folded)) return null;
    // No English word is longer than MAX_STEMMED letters, and the stemmer's cost grows with the square of length.
    if (!PLAIN_WORD.test(folded) || folded.length <= 2 || folded.length > MAX_STEMMED) return folded;
    // A corpus has tens of thousands of distinct words and millions of occurrences: stem each once.
    let stemmed = this.stems.get(folded);
    if (stemmed === undefined) {
      if (this.stems.size >= MAX_REMEMBERED_STEMS) this.stems.clear();
      stemmed = stem(this.irregular.get(folded) ?? folded);
      this.stems.set(folded, stemmed);
    }
    return stemmed;
  }

  private single(token: Token, out: AnalyzedTerm[]): void {
    const aliasTerm = this.aliasWords.get(token.folded);
    const alias = aliasTerm !== undefined;
    const term = aliasTerm ?? this.wordTerm(token.folded);
    if (term !== null) out.push({ term, source: token.surface, folded: token.folded, start: token.start, end: token.end, alias });
  }

  /** Every term of `text`, in order, with where it came from. */
  analyze(text: string): AnalyzedTerm[] {
    const tokens = tokenize(text);
    const out: AnalyzedTerm[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const entry = this.matchAlias(tokens, i);
      if (entry) {
        const last = tokens[i + entry.words.length - 1] as Token;
        const source = text.slice(token.start, last.end);
        out.push({ term: entry.key, source, folded: fold(source), start: token.start, end: last.end, alias: true });
        i += entry.words.length - 1;
        continue;
      }
      if (token.folded.includes('-')) {
        // The compound whole, then its parts (a part of one letter, or of digits under three, is noise).
        const whole = this.aliasWords.get(token.folded) ?? token.folded;
        out.push({ term: whole, source: token.surface, folded: token.folded, start: token.start, end: token.end, alias: whole !== token.folded });
        if (whole !== token.folded) continue;
        // A noun made of a verb and its particle ("lead-up", "follow-up", "run-up") means neither
        // part: "who led the team" is not about the lead-up to the talks.
        if (PARTICLES.has(token.folded.slice(token.folded.lastIndexOf('-') + 1))) continue;
        let offset = token.start;
        for (const part of token.surface.split('-')) {
          const folded = fold(part).replace(/\.$/, '');
          if (/\p{L}{2}|\p{N}{3}/u.test(folded)) {
            this.single({ surface: part, folded, start: offset, end: offset + part.length }, out);
          }
          offset += part.length + 1;
        }
        continue;
      }
      this.single(token, out);
    }
    return out;
  }

  /** The index terms of `text`: what MiniSearch stores. */
  terms(text: string): string[] {
    return this.analyze(text).map((t) => t.term);
  }

  /** The one term a single word analyzes to (a hyphenated word: its whole), or null (a stop word, several words). */
  term(word: string): string | null {
    const terms = this.analyze(word);
    if (terms.length === 1) return terms[0]?.term ?? null;
    // A hyphenated word is one term too, beside its parts ("go-between": go-between, go).
    const whole = terms.find((t) => t.source === word.trim());
    return whole ? whole.term : null;
  }
}
