/**
 * The engine: the one object every front end (Discord, console, command line) uses. It loads
 * the corpus, builds the index and answers; it knows nothing of how answers are shown.
 */
import { join } from 'node:path';
import type { Document } from './corpus/chunk.ts';
import { DEFAULT_CORPUS_DIR, loadCorpus } from './corpus/load.ts';
import { buildDocuments } from './corpus/pipeline.ts';
import { Analyzer } from './search/analyzer.ts';
import { ask, type AskResponse } from './search/ask.ts';
import { PassageIndex } from './search/index.ts';
import { compare } from './search/compare.ts';
import { QuotationExtractor } from './search/quotations.ts';
import { QuoteIndex } from './search/quotes.ts';
import { buildLexicon, type Lexicon } from './search/related.ts';
import type { CompareResponse, QuoteResponse, SourceSummary, SpeakerSummary } from './search/types.ts';
import { TermVectors, WordVectors } from './search/vectors.ts';

export interface EngineOptions {
  /** The corpus folder (sources/ and tables/). */
  readonly corpusDir?: string;
  /** Which paraphrase bridges to use (both by default); the evaluation turns them off to measure each. */
  readonly bridges?: { readonly wordnet?: boolean; readonly vectors?: boolean };
}

export class Engine {
  private constructor(
    readonly documents: readonly Document[],
    readonly index: PassageIndex,
    readonly lexicon: Lexicon,
    readonly quotes: QuoteIndex,
  ) {}

  /** Loads and indexes the corpus. Throws a CorpusError naming the file for a bad corpus. */
  static load(options: EngineOptions = {}): Engine {
    const corpusDir = options.corpusDir ?? DEFAULT_CORPUS_DIR;
    const corpus = loadCorpus(corpusDir);
    const documents = buildDocuments(corpus.sources, corpus.tables);
    const analyzer = new Analyzer(corpus.tables);
    const index = new PassageIndex(documents, analyzer);
    const words = WordVectors.read(join(corpusDir, 'tables', 'word-vectors.bin'));
    const useWordNet = options.bridges?.wordnet ?? true;
    const useVectors = options.bridges?.vectors ?? true;
    const wordnet = buildLexicon(index.vocabulary(), analyzer, corpus.tables.related);
    const lexicon: Lexicon = {
      related: useWordNet ? wordnet.related : new Map(),
      nonNouns: wordnet.nonNouns,
      words,
      ...(useVectors ? { vectors: new TermVectors(words, index.surfaces) } : {}),
    };
    const extractor = new QuotationExtractor(analyzer);
    const metas = new Map(documents.map((d) => [d.meta.id, d.meta]));
    const quotes = new QuoteIndex(documents.flatMap((d) => extractor.extract(d)), metas, analyzer);
    return new Engine(documents, index, lexicon, quotes);
  }

  /** The passages that best answer `question`, best first (at most `limit`, default 5). */
  ask(question: string, limit?: number): AskResponse {
    return ask(question, this.index, this.lexicon, limit);
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

  /** Topics to offer for compare: the names both sources mention, then the section headings. */
  topics(): string[] {
    const analyzer = this.index.analyzer;
    const bySource = this.documents.map(
      (d) => new Set(analyzer.analyze(d.text).filter((t) => t.alias && analyzer.kinds.get(t.term) !== 'term').map((t) => t.term)),
    );
    const shared = [...(bySource[0] ?? [])].filter((t) => bySource.every((s) => s.has(t)));
    const names = shared.map((t) => analyzer.canonical.get(t) ?? t);
    const headings = this.documents.flatMap((d) => d.passages.map((p) => p.heading).filter((h): h is string => h !== null));
    return [...new Set([...names, ...headings])];
  }

  sources(): SourceSummary[] {
    return this.documents.map((d) => ({
      meta: d.meta,
      passages: d.passages.length,
      quotations: this.quotes.quotations.filter((q) => q.source === d.meta.id).length,
    }));
  }
}
