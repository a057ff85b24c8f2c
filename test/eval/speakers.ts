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
import { DEFAULT_CORPUS_DIR, loadTables, parseSource, type CorpusTables } from '../../src/corpus/load.ts';
import { buildDocuments } from '../../src/corpus/pipeline.ts';
import { Analyzer } from '../../src/search/analyzer.ts';
import { QuotationExtractor } from '../../src/search/quotations.ts';
import { scoreQuotations, type GoldQuote, type QuoteScores } from './quotations.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));

/**
 * The sets of test articles, in the order they were written. Each was written by a helper who
 * saw neither the extractor nor the sets before it, scored once as it came (`firstLook`), and
 * only then read for its misses; the last set is the one never tuned on.
 */
export const SPEAKER_SETS = [
  { name: 'first (wire, feature, social, analysis)', dir: fixture('speaker-articles'), firstLook: 0.35 },
  { name: 'second (broadcast, European, Gulf)', dir: fixture('speaker-articles-heldout'), firstLook: 0.6 },
  { name: 'third (Tehran, Asian, US daily)', dir: fixture('speaker-articles-third'), firstLook: 0.485 },
  { name: 'fourth (markets, Moscow, live blog), never tuned on', dir: fixture('speaker-articles-fourth'), firstLook: 0.969 },
] as const;
export const SPEAKER_ARTICLES = SPEAKER_SETS[0].dir;

export function loadSpeakerArticles(dir: string = SPEAKER_ARTICLES, tables: CorpusTables = loadTables(DEFAULT_CORPUS_DIR)): Document[] {
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
  return scoreQuotations(loadSpeakerArticles(dir, tables).flatMap((d) => extractor.extract(d)), loadSpeakerGold(dir));
}
