/**
 * From a loaded corpus to documents of passages: clean, then chunk, each source in turn.
 */
import { chunkDocument, type Document } from './chunk.ts';
import { cleanSource } from './clean.ts';
import type { CorpusTables, SourceFile } from './load.ts';
import type { SentenceRules } from './sentences.ts';

const SENTENCE_STARTERS = ['however', 'thus', 'meanwhile', 'still', 'yet', 'instead', 'indeed', 'now'];

export function sentenceRules(tables: CorpusTables): SentenceRules {
  return { abbreviations: tables.abbreviations, starters: new Set([...tables.stopwords, ...SENTENCE_STARTERS]) };
}

export function buildDocuments(sources: readonly SourceFile[], tables: CorpusTables): Document[] {
  const rules = sentenceRules(tables);
  return sources.map((s) => chunkDocument(cleanSource(s, tables), rules));
}
