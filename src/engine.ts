/**
 * The engine: the one object every front end (Discord, console, command line) uses. It loads
 * the corpus, builds the index and answers; it knows nothing of how answers are shown.
 */
import { createHash } from 'node:crypto';
import { cacheKey, cachePath, DEFAULT_CACHE_DIR, readCache, writeCache } from './cache.ts';
import type { Document } from './corpus/chunk.ts';
import { oversizeWarnings } from './corpus/limits.ts';
import { DEFAULT_CORPUS_DIR, loadCorpus, type LoadedCorpus, type SourceMeta } from './corpus/load.ts';
import { buildDocuments } from './corpus/pipeline.ts';
import { Analyzer } from './search/analyzer.ts';
import { ask, ASK_TUNING, type AskResponse } from './search/ask.ts';
import { PassageIndex } from './search/index.ts';
import { compare } from './search/compare.ts';
import { askDifferences, differencesOver, type FoundDifference } from './search/disagreements.ts';
import { askGist, askPublished, namesNoTopic } from './search/gist.ts';
import { aboutAllSources, asksAuthor, asksPublished, asksWhoIs, namedSource, onlySourceIn, readIntent, speaksOfTheSubject, withoutName } from './search/intent.ts';
import { introducedFirst, onlyName } from './search/introduce.ts';
import { askSaid, speakerByTitle } from './search/said.ts';
import { QuotationExtractor } from './search/quotations.ts';
import { QuoteIndex } from './search/quotes.ts';
import { buildLexicon, prepareWordNet, type Lexicon, type WordNetTerms } from './search/related.ts';
import { Suggester, type Suggestion } from './search/suggest.ts';
import type { CompareResponse, QuoteResponse, SourceSummary, SpeakerSummary } from './search/types.ts';
import { TermVectors, WordVectors } from './search/vectors.ts';
import { quotedFirst, verbatimMatch } from './search/verbatim.ts';
import { restoreParts, snapshotOf, type EngineParts, type EngineSnapshot } from './snapshot.ts';

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
  /**
   * Where WordNet's part of a build is cached (default: the engine cache's folder; false: prepared
   * here). It depends on no corpus, only on the code and the tables, so a build without an engine
   * cache (a throwaway corpus) can still share it.
   */
  readonly wordnetCache?: string | false;
  /** Hears of a cache that could not be used, or a file too big to be one article (default: a line on standard error). */
  readonly warn?: (message: string) => void;
}

/** What a load reads before it builds or restores anything: the corpus, the word vectors, and which cache file would hold them. */
interface Inputs {
  readonly corpus: LoadedCorpus;
  readonly words: WordVectors;
  readonly analyzer: Analyzer;
  /** A hash of each file read (sources, tables, word vectors), by name. */
  readonly fileHashes: ReadonlyMap<string, string>;
  /** The folder of WordNet's cache, or false with it off. */
  readonly wordnetCacheDir: string | false;
  /** The cache file for this corpus and code, or undefined with the cache off. */
  readonly cacheFile: string | undefined;
}

function readInputs(options: EngineOptions): Inputs {
  const corpusDir = options.corpusDir ?? DEFAULT_CORPUS_DIR;
  const corpus = loadCorpus(corpusDir);
  const { bytes: vectorBytes, words } = WordVectors.readTable(corpusDir);
  const cacheDir = options.cache ?? DEFAULT_CACHE_DIR;
  // Each file is hashed once: the cache key is made of these hashes, and the engine keeps them to tell what changed.
  const fileHashes = hashesOf(corpus, vectorBytes);
  return {
    corpus,
    words,
    analyzer: new Analyzer(corpus.tables),
    fileHashes,
    wordnetCacheDir: options.wordnetCache ?? cacheDir,
    cacheFile: cacheDir === false ? undefined : cachePath(cacheDir, cacheKey(fileHashes)),
  };
}

/**
 * The parts the cache file holds, or undefined when there is none. A file that cannot be read
 * or restored, whatever the reason, is reported and costs a rebuild, never the load.
 */
function restoreFromCache({ analyzer, words }: Inputs, file: string, warn: (m: string) => void): EngineParts | undefined {
  try {
    const snapshot = readCache(file);
    return snapshot === undefined ? undefined : restoreParts(snapshot as EngineSnapshot, analyzer, words);
  } catch (err) {
    warn(`index cache ${file} is corrupt or unreadable (${(err as Error).message}); rebuilding`);
    return undefined;
  }
}

/**
 * The WordNet this process last used (see WordNetTerms), while something still holds it (a weak
 * reference: the builds of one moment share it, a running bot does not keep it).
 */
let lastWordNet: { readonly key: string; readonly wordnet: WeakRef<WordNetTerms> } | undefined;

/**
 * WordNet prepared with the corpus's analyzer: the cache's (its file depends only on the tables,
 * the code and the versions, so every corpus shares it), else this process's last one, else
 * prepared; written to the cache when it did not come from there. A file that cannot be read is
 * reported and costs a preparation, never the load.
 */
function wordNetFor({ corpus, analyzer, fileHashes, wordnetCacheDir }: Inputs, warn: (m: string) => void): WordNetTerms {
  const key = cacheKey(new Map([...fileHashes].filter(([name]) => name.startsWith('tables') && corpus.files.has(name))));
  const file = wordnetCacheDir === false ? undefined : cachePath(wordnetCacheDir, key, 'wordnet');
  let wordnet: WordNetTerms | undefined;
  try {
    wordnet = file === undefined ? undefined : (readCache(file) as WordNetTerms | undefined);
  } catch (err) {
    warn(`WordNet cache ${file} is corrupt or unreadable (${(err as Error).message}); writing it again`);
  }
  if (!wordnet) {
    wordnet = (lastWordNet?.key === key ? lastWordNet.wordnet.deref() : undefined) ?? prepareWordNet(analyzer);
    if (file !== undefined) writeToCache(wordnet, file, warn);
  }
  lastWordNet = { key, wordnet: new WeakRef(wordnet) };
  return wordnet;
}

/** Everything the engine computes from the corpus: passages, index, WordNet's relatives, quotations, term vectors. */
function build(inputs: Inputs, warn: (m: string) => void): EngineParts {
  const { corpus, analyzer, words } = inputs;
  const documents = buildDocuments(corpus.sources, corpus.tables);
  const index = PassageIndex.build(documents, analyzer);
  const { related, nonNouns } = buildLexicon(index.vocabulary(), analyzer, corpus.tables.related, wordNetFor(inputs, warn));
  const extractor = new QuotationExtractor(analyzer);
  const quotations = documents.flatMap((d) => extractor.extract(d));
  const quotes = new QuoteIndex(quotations, new Map(documents.map((d) => [d.meta.id, d.meta])), analyzer);
  return { documents, index, related, nonNouns, vectors: new TermVectors(words, index.surfaces), quotes };
}

/** Writes a value to the cache; a failure is only reported. */
function writeToCache(value: unknown, file: string, warn: (m: string) => void): void {
  try {
    writeCache(file, value);
  } catch (err) {
    warn(`cache file ${file} could not be written (${(err as Error).message}); the next start rebuilds it`);
  }
}

/** A hash of each file of a corpus (sources, tables) and of its word-vector table, by name. */
function hashesOf(corpus: LoadedCorpus, vectorBytes: Buffer): Map<string, string> {
  const files = new Map<string, string | Buffer>([...corpus.files, ['tables/word-vectors.bin', vectorBytes]]);
  return new Map([...files].map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')] as const));
}

/** What the query planner knows of words, with the bridges the options leave on. */
function lexiconOf(parts: EngineParts, { corpus, words }: Inputs, bridges: EngineOptions['bridges']): Lexicon {
  return {
    related: (bridges?.wordnet ?? true) ? parts.related : new Map(),
    nonNouns: parts.nonNouns,
    words,
    names: corpus.tables.names,
    languages: corpus.tables.languages,
    ...((bridges?.vectors ?? true) ? { vectors: parts.vectors } : {}),
  };
}

export class Engine {
  private constructor(
    readonly documents: readonly Document[],
    readonly index: PassageIndex,
    readonly lexicon: Lexicon,
    readonly quotes: QuoteIndex,
    /** Whether this engine came from the cache. */
    readonly cached: boolean,
    /** A hash of each file of the corpus it was loaded from (sources/…, tables/…), to tell what changed since. */
    private readonly fileHashes: ReadonlyMap<string, string>,
  ) {
    this.sourceIds = documents.map((d) => d.meta.id);
  }

  /** The corpus's source ids, which a question may name ("where do NEO and RSIS differ"). */
  private readonly sourceIds: readonly string[];

  /**
   * Loads and indexes the corpus: restored from the cache when it holds this very corpus and
   * code, else built (and written to the cache). Throws a CorpusError naming the file for a bad corpus.
   */
  static load(options: EngineOptions = {}): Engine {
    const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
    const inputs = readInputs(options);
    const file = inputs.cacheFile;
    const restored = file === undefined ? undefined : restoreFromCache(inputs, file, warn);
    const parts = restored ?? build(inputs, warn);
    if (file !== undefined && !restored) writeToCache(snapshotOf(parts), file, warn);
    for (const line of oversizeWarnings(parts.documents)) warn(line);
    return new Engine(parts.documents, parts.index, lexiconOf(parts, inputs, options.bridges), parts.quotes, restored !== undefined, inputs.fileHashes);
  }

  /**
   * This engine with the articles added to `corpusDir` since it was loaded, when that is all
   * that changed there (no file changed or removed, tables included); undefined otherwise.
   * Only the new articles are analyzed, in a fraction of a full build; their words the corpus did
   * not have reach no WordNet relatives until the next full build. Throws a CorpusError for a
   * broken corpus.
   */
  withAddedSources(corpusDir: string): Engine | undefined {
    const corpus = loadCorpus(corpusDir);
    const hashes = hashesOf(corpus, WordVectors.readTable(corpusDir).bytes);
    for (const [name, hash] of this.fileHashes) if (hashes.get(name) !== hash) return undefined;
    const added = corpus.sources.filter((source) => !this.fileHashes.has(source.file));
    if (added.length === 0) return undefined;
    const analyzer = this.index.analyzer;
    const fresh = buildDocuments(added, corpus.tables);
    const documents = [...this.documents, ...fresh];
    const index = this.index.withDocuments(this.documents, fresh);
    const extractor = new QuotationExtractor(analyzer);
    const quotations = [...this.quotes.quotations, ...fresh.flatMap((d) => extractor.extract(d))];
    const quotes = new QuoteIndex(quotations, new Map(documents.map((d) => [d.meta.id, d.meta])), analyzer);
    const { vectors, words } = this.lexicon;
    const lexicon: Lexicon = { ...this.lexicon, ...(vectors && words ? { vectors: new TermVectors(words, index.surfaces) } : {}) };
    return new Engine(documents, index, lexicon, quotes, false, hashes);
  }

  /**
   * The passages that best answer `question`, best first (at most `limit`, default 5); for "what
   * did X say", X's words; for "where do the sources differ", the differences; for "tldr", the
   * gist of the texts (see intent.ts).
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
    const from = namedSource(query, this.sourceIds);
    if (intent?.kind === 'gist') {
      // In a question for a gist, a source's id can only name the text ("rsis main points?").
      const text = from ?? onlySourceIn(query, this.sourceIds);
      const metas = this.metasOf(text);
      if (namesNoTopic(intent.rest, this.index, metas.map((m) => m.title))) {
        return askGist(query, this.index, metas.map((m) => ({ id: m.id, author: m.author })), limit ?? ASK_TUNING.limit);
      }
    }
    // "When was the rsis article published", "when were they written": the dates of the texts.
    if (asksPublished(query) && (from !== undefined || aboutAllSources(query) || speaksOfTheSubject(query))) {
      const metas = this.metasOf(from);
      if (metas.length <= (limit ?? ASK_TUNING.limit)) return askPublished(query, this.index, metas);
    }
    const authorship = asksAuthor(query);
    if (authorship && from === undefined && aboutAllSources(query) && this.documents.length <= (limit ?? ASK_TUNING.limit)) {
      return this.eachAuthor(query);
    }
    const author = authorship && from !== undefined ? this.authorOf(from) : undefined;
    const asked = ask(query, this.index, this.lexicon, limit, from, author);
    // "who is X": where each source introduces X comes first.
    const explained = asksWhoIs(query);
    // X by name, or by the post the text gives them ("who is the us envoy": Witkoff).
    const term =
      explained !== undefined && from === undefined && asked.intent === undefined
        ? (onlyName(explained, this.index, this.lexicon) ?? speakerByTitle(explained, this.index))
        : undefined;
    const response = term !== undefined && asked.unmentioned === undefined ? introducedFirst(asked, term, this.index, limit ?? ASK_TUNING.limit) : asked;
    // A question quoting a sentence (a picked suggestion) gets that sentence's passage first.
    const quoted = verbatimMatch(query, this.index);
    return quoted ? quotedFirst(response, quoted, this.index, this.lexicon, limit) : response;
  }

  /**
   * "Who wrote these two articles": each source's passage on its author, one a source (asked only
   * when the sources fit in one answer), trusted when every one of them is.
   */
  private eachAuthor(query: string): AskResponse {
    const each = this.documents.map((d) => ask(query, this.index, this.lexicon, 1, d.meta.id, d.meta.author));
    const answers = each.flatMap((r) => r.answers.slice(0, 1));
    const confidence = answers.length === each.length && each.every((r) => r.confidence === 'high') ? 'high' : 'low';
    return { query, answers, confidence };
  }

  /** The front matter of the source `id`, or of every source when `id` is undefined. */
  private metasOf(id: string | undefined): SourceMeta[] {
    return this.documents.map((d) => d.meta).filter((m) => id === undefined || m.id === id);
  }

  /** The author of the source `id`, from its front matter. */
  private authorOf(id: string): string | undefined {
    return this.documents.find((d) => d.meta.id === id)?.meta.author;
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
    return compare(topic, this.index, this.lexicon, this.metasOf(undefined));
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

  /**
   * Sentences to offer while a question is typed, best first (at most `limit`, 25 by default);
   * built on first use. Read as ask reads the question: a source it names is the one offered from
   * (its name searched no more), and "who wrote …" seeks the author.
   */
  suggest(partial: string, limit?: number): Suggestion[] {
    this.suggester ??= new Suggester(this.index.passages, this.index.analyzer);
    const from = namedSource(partial, this.sourceIds);
    // A half-typed "who wrote the" names no text yet: every author, when the sources are few.
    const authors = !asksAuthor(partial)
      ? []
      : from !== undefined
        ? [this.authorOf(from)].filter((a) => a !== undefined)
        : this.documents.length <= ASK_TUNING.limit
          ? this.documents.map((d) => d.meta.author)
          : [];
    // The authors' names after a space: searched as whole words, not as the word being typed.
    const typed = [from === undefined ? partial : withoutName(partial, from), ...authors].join(' ') + (authors.length > 0 ? ' ' : '');
    return this.suggester.suggest(typed, limit, from);
  }

  sources(): SourceSummary[] {
    return this.documents.map((d) => ({
      meta: d.meta,
      passages: d.passages.length,
      quotations: this.quotes.quotations.filter((q) => q.source === d.meta.id).length,
    }));
  }
}
