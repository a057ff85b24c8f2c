/**
 * The engine: the one object every front end (Discord, console, command line) uses. It loads
 * the corpus, builds the index and answers; it knows nothing of how answers are shown.
 */
import { cacheKey, cachePath, DEFAULT_CACHE_DIR, readCache, writeCache } from './cache.ts';
import type { Document } from './corpus/chunk.ts';
import { DEFAULT_CORPUS_DIR, loadCorpus, type SourceMeta } from './corpus/load.ts';
import { oversizeWarnings } from './corpus/limits.ts';
import { buildDocuments } from './corpus/pipeline.ts';
import { Analyzer } from './search/analyzer.ts';
import { ask, type AskResponse } from './search/ask.ts';
import { PassageIndex } from './search/index.ts';
import { compare } from './search/compare.ts';
import { askDifferences, differencesOver, type FoundDifference } from './search/disagreements.ts';
import { readIntent } from './search/intent.ts';
import { askSaid } from './search/said.ts';
import { QuotationExtractor } from './search/quotations.ts';
import { QuoteIndex } from './search/quotes.ts';
import { buildLexicon, type Lexicon } from './search/related.ts';
import { Suggester, type Suggestion } from './search/suggest.ts';
import type { CompareResponse, QuoteResponse, SourceSummary, SpeakerSummary } from './search/types.ts';
import { TermVectors, WordVectors } from './search/vectors.ts';
import { quotedFirst, verbatimMatch } from './search/verbatim.ts';
import { decodeSnapshot, encodeSnapshot, type EngineSnapshot } from './snapshot.ts';

/** Topics offered for compare, at most. */
const MAX_TOPICS = 200;
/** Topics compared to answer "where do the sources differ", at most. */
const DIFFERENCE_TOPICS = 60;

export interface EngineOptions {
  /** The corpus folder (sources/ and tables/). */
  readonly corpusDir?: string;
  /** Which paraphrase bridges to use (both by default); the evaluation turns them off to measure each. */
  readonly bridges?: { readonly wordnet?: boolean; readonly vectors?: boolean };
  /** Where the engine cache lives (default .cache/ in the project); false builds without a cache. */
  readonly cache?: string | false;
  /** Hears of a cache that could not be used, or a file too big to be one article (default: a line on standard error). */
  readonly warn?: (message: string) => void;
}

/** What a load ends with, from the cache or built. */
interface Parts {
  readonly snapshot: Pick<EngineSnapshot, 'documents' | 'related' | 'nonNouns' | 'quotations'>;
  readonly index: PassageIndex;
  readonly vectors: TermVectors | undefined;
  readonly quotes: QuoteIndex;
}

export class Engine {
  private constructor(
    readonly documents: readonly Document[],
    readonly index: PassageIndex,
    readonly lexicon: Lexicon,
    readonly quotes: QuoteIndex,
    /** Whether this engine came from the cache. */
    readonly cached: boolean,
  ) {
    this.sourceIds = documents.map((d) => d.meta.id);
  }

  /** The corpus's source ids, which a question may name ("where do NEO and RSIS differ"). */
  private readonly sourceIds: readonly string[];

  /**
   * Loads and indexes the corpus, from the cache when it holds this very corpus and code.
   * Throws a CorpusError naming the file for a bad corpus.
   */
  static load(options: EngineOptions = {}): Engine {
    const corpusDir = options.corpusDir ?? DEFAULT_CORPUS_DIR;
    const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
    const corpus = loadCorpus(corpusDir);
    const { bytes: vectorBytes, words } = WordVectors.readTable(corpusDir);
    const analyzer = new Analyzer(corpus.tables);
    const cacheDir = options.cache === undefined ? DEFAULT_CACHE_DIR : options.cache;
    const key = cacheDir === false ? '' : cacheKey(new Map<string, string | Buffer>([...corpus.files, ['tables/word-vectors.bin', vectorBytes]]));

    const useWordNet = options.bridges?.wordnet ?? true;
    const useVectors = options.bridges?.vectors ?? true;
    const metasOf = (documents: readonly Document[]): Map<string, SourceMeta> => new Map(documents.map((d) => [d.meta.id, d.meta]));

    let parts: Parts | undefined;
    const snapshot = cacheDir === false ? undefined : readCache(cacheDir, key, decodeSnapshot, warn);
    if (snapshot) {
      try {
        const index = PassageIndex.restore(snapshot.documents, analyzer, snapshot.index);
        parts = {
          snapshot,
          index,
          vectors: useVectors ? new TermVectors(words, index.surfaces, snapshot.vectors) : undefined,
          quotes: new QuoteIndex(snapshot.quotations, metasOf(snapshot.documents), analyzer, snapshot.quoteIndex),
        };
      } catch (err) {
        warn(`index cache ${cacheDir === false ? '' : cachePath(cacheDir, key)} is corrupt (${(err as Error).message}); rebuilding`);
      }
    }
    const cached = parts !== undefined;
    if (!parts) {
      const documents = buildDocuments(corpus.sources, corpus.tables);
      const index = PassageIndex.build(documents, analyzer);
      const lexicon = buildLexicon(index.vocabulary(), analyzer, corpus.tables.related);
      const extractor = new QuotationExtractor(analyzer);
      const quotations = documents.flatMap((d) => extractor.extract(d));
      // The cache holds the term vectors whichever bridges this engine uses.
      const vectors = useVectors || cacheDir !== false ? new TermVectors(words, index.surfaces) : undefined;
      const quotes = new QuoteIndex(quotations, metasOf(documents), analyzer);
      const built = {
        documents,
        related: [...lexicon.related].map(([t, r]) => [t, [...r]] as const),
        nonNouns: [...lexicon.nonNouns],
        quotations,
      };
      if (cacheDir !== false) {
        const full = (): EngineSnapshot => ({ ...built, index: index.snapshot(), vectors: (vectors as TermVectors).save(), quoteIndex: quotes.snapshot() });
        writeCache(cacheDir, key, (w) => encodeSnapshot(full(), w), warn);
      }
      parts = { snapshot: built, index, vectors: useVectors ? vectors : undefined, quotes };
    }
    const { snapshot: built, index, vectors, quotes } = parts;
    for (const line of oversizeWarnings(built.documents)) warn(line);
    const lexicon: Lexicon = {
      related: useWordNet ? new Map(built.related) : new Map(),
      nonNouns: new Set(built.nonNouns),
      words,
      names: corpus.tables.names,
      languages: corpus.tables.languages,
      ...(vectors ? { vectors } : {}),
    };
    return new Engine(built.documents, index, lexicon, quotes, cached);
  }

  /**
   * The passages that best answer `question`, best first (at most `limit`, default 5); for "what
   * did X say", X's words; for "where do the sources differ", the differences (see intent.ts).
   */
  ask(question: string, limit?: number): AskResponse {
    const query = question.trim();
    const intent = readIntent(query, this.sourceIds);
    if (intent?.kind === 'said') {
      const said = askSaid(query, intent.who, intent.about, this.index, this.lexicon, this.quotes, limit);
      if (said) return said;
    }
    if (intent?.kind === 'differences') {
      return askDifferences(query, intent.about, () => this.allDifferences(), (t) => this.compare(t), this.index, this.lexicon, limit);
    }
    const response = ask(query, this.index, this.lexicon, limit);
    // A question quoting a sentence (a picked suggestion) gets that sentence's passage first.
    const quoted = verbatimMatch(query, this.index);
    return quoted ? quotedFirst(response, quoted, this.index, this.lexicon, limit) : response;
  }

  private differenceList: readonly FoundDifference[] | undefined;

  /**
   * Every difference compare finds over the first DIFFERENCE_TOPICS topics it offers (the names
   * the sources mention most, then headings), worked out once: 0.2 s on the seeds, bounded on an archive.
   */
  allDifferences(): readonly FoundDifference[] {
    this.differenceList ??= differencesOver(this.topics().slice(0, DIFFERENCE_TOPICS), (t) => this.compare(t));
    return this.differenceList;
  }

  /** Quotations by speaker (any alias or part of the name) or by their words, best first. */
  quote(query: string, limit?: number): QuoteResponse {
    return this.quotes.quote(query, limit);
  }

  /** Each source's best passages on a topic, side by side, and where they differ. */
  compare(topic: string): CompareResponse {
    return compare(topic, this.index, this.lexicon, this.documents.map((d) => d.meta));
  }

  /** Everyone quoted, most quoted first. */
  speakers(): SpeakerSummary[] {
    return this.quotes.speakers();
  }

  private topicList: readonly string[] | undefined;

  /** Topics to offer for compare: the names the sources mention most, then the section headings (worked out once). */
  topics(): readonly string[] {
    this.topicList ??= this.findTopics();
    return this.topicList;
  }

  private findTopics(): string[] {
    const analyzer = this.index.analyzer;
    const names = [...analyzer.canonical]
      .filter(([term]) => analyzer.kinds.get(term) !== 'term' && this.index.df(term) >= 2)
      .sort(([a], [b]) => this.index.df(b) - this.index.df(a))
      .map(([, name]) => name);
    const headings = this.documents.flatMap((d) => d.passages.map((p) => p.heading).filter((h): h is string => h !== null));
    return [...new Set([...names, ...headings])].slice(0, MAX_TOPICS);
  }

  private suggester: Suggester | undefined;

  /** Sentences to offer while a question is typed, best first (at most `limit`, 25 by default); built on first use. */
  suggest(partial: string, limit?: number): Suggestion[] {
    this.suggester ??= new Suggester(this.index.passages, this.index.analyzer);
    return this.suggester.suggest(partial, limit);
  }

  sources(): SourceSummary[] {
    return this.documents.map((d) => ({
      meta: d.meta,
      passages: d.passages.length,
      quotations: this.quotes.quotations.filter((q) => q.source === d.meta.id).length,
    }));
  }
}
