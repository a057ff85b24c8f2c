/**
 * The engine: the one object every front end (Discord, console, command line) uses. It loads
 * the corpus, builds the index and answers; it knows nothing of how answers are shown.
 */
import type { Document } from './corpus/chunk.ts';
import { DEFAULT_CORPUS_DIR, loadCorpus, type SourceMeta } from './corpus/load.ts';
import { buildDocuments } from './corpus/pipeline.ts';
import { Analyzer } from './search/analyzer.ts';
import { ask, type AskResponse } from './search/ask.ts';
import { PassageIndex } from './search/index.ts';
import { buildLexicon, type Lexicon } from './search/related.ts';
import { TermVectors, WordVectors } from './search/vectors.ts';
import { join } from 'node:path';

export interface SourceSummary {
  readonly meta: SourceMeta;
  readonly passages: number;
}

export interface EngineOptions {
  /** The corpus folder (sources/ and tables/). */
  readonly corpusDir?: string;
}

export class Engine {
  private constructor(
    readonly documents: readonly Document[],
    readonly index: PassageIndex,
    readonly lexicon: Lexicon,
  ) {}

  /** Loads and indexes the corpus. Throws a CorpusError naming the file for a bad corpus. */
  static load(options: EngineOptions = {}): Engine {
    const corpusDir = options.corpusDir ?? DEFAULT_CORPUS_DIR;
    const corpus = loadCorpus(corpusDir);
    const documents = buildDocuments(corpus.sources, corpus.tables);
    const analyzer = new Analyzer(corpus.tables);
    const index = new PassageIndex(documents, analyzer);
    const words = WordVectors.read(join(corpusDir, 'tables', 'word-vectors.bin'));
    const lexicon = { ...buildLexicon(index.vocabulary(), analyzer), vectors: new TermVectors(words, index.surfaces) };
    return new Engine(documents, index, lexicon);
  }

  /** The passages that best answer `question`, best first (at most `limit`). */
  ask(question: string, limit?: number): AskResponse {
    return ask(question, this.index, this.lexicon, limit);
  }

  sources(): SourceSummary[] {
    return this.documents.map((d) => ({ meta: d.meta, passages: d.passages.length }));
  }
}
