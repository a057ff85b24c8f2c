/**
 * The baselines the engine is compared with, over the same raw paragraphs (non-empty lines of
 * each source's body, as test/eval/retrieval.ts's plainMiniSearch takes them):
 * - plain MiniSearch with default options (the evaluation's baseline);
 * - Lunr with its default pipeline (trimmer, stop-word filter, stemmer), queried through
 *   `Index#query` with the question's tokens, which is `Index#search` without the query
 *   syntax (so "?", ":", "-" or "*" in a question cannot throw a parse error).
 */
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load.ts';
import type { Searcher } from '../test/eval/retrieval.ts';

export type BaselineName = 'minisearch' | 'lunr';
export const BASELINES: readonly BaselineName[] = ['minisearch', 'lunr'];
export const BASELINE_LABEL: Record<BaselineName, string> = {
  minisearch: 'plain MiniSearch (defaults)',
  lunr: 'Lunr (default pipeline)',
};

export interface RawParagraph {
  readonly id: string;
  readonly source: string;
  readonly text: string;
}

/** The same documents as plainMiniSearch in test/eval/retrieval.ts. */
export function rawParagraphs(corpusDir: string): RawParagraph[] {
  const corpus = loadCorpus(corpusDir);
  return corpus.sources.flatMap((s) =>
    s.body
      .split(/\n/)
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .map((text, i) => ({ id: `${s.meta.id}-${i}`, source: s.meta.id, text })),
  );
}

export function buildBaseline(name: BaselineName, docs: readonly RawParagraph[]): Searcher {
  if (name === 'minisearch') {
    const ms = new MiniSearch<RawParagraph>({ fields: ['text'], storeFields: ['source', 'text'] });
    ms.addAll(docs);
    return (q) =>
      ms
        .search(q)
        .slice(0, 5)
        .map((r) => ({ source: String(r['source']), text: String(r['text']) }));
  }
  const byId = new Map(docs.map((d) => [d.id, d]));
  const idx = lunr(function () {
    this.ref('id');
    this.field('text');
    for (const d of docs) this.add(d);
  });
  return (q) => {
    const tokens = lunr.tokenizer(q);
    return idx
      .query((query) => {
        query.term(tokens, {});
      })
      .slice(0, 5)
      .flatMap((r) => {
        const d = byId.get(r.ref);
        return d ? [{ source: d.source, text: d.text }] : [];
      });
  };
}
