/**
 * Speakers found without a table: quotation extraction on short articles written for the tests
 * in other outlets' styles (a wire service, a feature, posts on social media, an analysis; see
 * test/fixtures/speaker-articles/README.md), scored against their gold list as the seeds are.
 * None of their speakers has an entry in the alias table (test/eval/speakers-data.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Document } from '../../src/corpus/chunk.ts';
import { DEFAULT_CORPUS_DIR, loadTables, parseSource } from '../../src/corpus/load.ts';
import { buildDocuments } from '../../src/corpus/pipeline.ts';
import { Analyzer } from '../../src/search/analyzer.ts';
import { QuotationExtractor } from '../../src/search/quotations.ts';
import { scoreQuotations, type GoldQuote, type QuoteScores } from './quotations.ts';

/** The first set, which the extractor was improved on. */
export const SPEAKER_ARTICLES = fileURLToPath(new URL('../fixtures/speaker-articles/', import.meta.url));
/** A second set, written later by someone who saw neither the extractor nor the first set, and never tuned on. */
export const HELD_OUT_SPEAKER_ARTICLES = fileURLToPath(new URL('../fixtures/speaker-articles-heldout/', import.meta.url));

export function loadSpeakerArticles(dir: string = SPEAKER_ARTICLES): Document[] {
  const tables = loadTables(DEFAULT_CORPUS_DIR);
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => parseSource(readFileSync(join(dir, f), 'utf8'), f));
  return buildDocuments(sources, tables);
}

export function loadSpeakerGold(dir: string = SPEAKER_ARTICLES): GoldQuote[] {
  return JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as GoldQuote[];
}

/** Extraction on a set of test articles, with the corpus's own tables, against their gold list. */
export function scoreSpeakerArticles(dir: string = SPEAKER_ARTICLES): QuoteScores {
  const tables = loadTables(DEFAULT_CORPUS_DIR);
  const extractor = new QuotationExtractor(new Analyzer(tables));
  return scoreQuotations(loadSpeakerArticles(dir).flatMap((d) => extractor.extract(d)), loadSpeakerGold(dir));
}
