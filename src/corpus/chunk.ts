/**
 * Chunking a cleaned document into passages: one paragraph each, a long paragraph split at
 * sentence boundaries into balanced parts, each under the heading it stands below.
 */
import type { CleanDocument } from './clean.ts';
import type { SourceMeta } from './load.ts';
import { splitSentences, type SentenceRules, type Span } from './sentences.ts';

export interface Passage {
  /** Stable within one corpus: `${source}-${position}`. */
  readonly id: string;
  readonly source: string;
  readonly heading: string | null;
  /** Order of the passage in its source, from 0. */
  readonly position: number;
  /** Offsets of the passage in the source's cleaned text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Sentence spans, relative to `text`. */
  readonly sentences: readonly Span[];
}

export interface Document {
  readonly meta: SourceMeta;
  readonly file: string;
  readonly text: string;
  readonly passages: readonly Passage[];
}

/** Paragraphs longer than this many characters are split. */
export const MAX_PASSAGE_CHARS = 600;

/** Groups consecutive sentences into `parts` runs of about equal length. */
function balance(sentences: readonly Span[], parts: number): Span[][] {
  const total = sentences.reduce((n, s) => n + (s.end - s.start), 0);
  const groups: Span[][] = [];
  let current: Span[] = [];
  let done = 0;
  for (const s of sentences) {
    current.push(s);
    done += s.end - s.start;
    const target = (total * (groups.length + 1)) / parts;
    if (done >= target && groups.length < parts - 1) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Whether `text` names the author `author` (by surname, as a word): a note on who wrote the piece. */
function namesAuthor(text: string, author: string): boolean {
  const surname = author.trim().split(/\s+/).at(-1) ?? '';
  return surname.length > 1 && text.split(/[^\p{L}\p{N}]+/u).includes(surname);
}

export function chunkDocument(doc: CleanDocument, rules: SentenceRules, maxChars = MAX_PASSAGE_CHARS): Document {
  const passages: Passage[] = [];
  let heading: string | null = null;
  const lastBlock = doc.blocks.at(-1);
  for (const block of doc.blocks) {
    if (block.kind === 'heading') {
      heading = block.text;
      continue;
    }
    // A closing paragraph on the author ("Victor Mikhin, a corresponding member …") belongs to no
    // section of the article, though no heading of its own sets it apart.
    if (block === lastBlock && namesAuthor(block.text, doc.meta.author) && !/author/i.test(heading ?? '')) heading = null;
    const sentences = splitSentences(block.text, rules);
    const parts = Math.min(sentences.length, Math.ceil(block.text.length / maxChars));
    for (const group of balance(sentences, Math.max(1, parts))) {
      const first = group[0];
      const last = group[group.length - 1];
      if (!first || !last) continue;
      const text = block.text.slice(first.start, last.end);
      passages.push({
        id: `${doc.meta.id}-${passages.length}`,
        source: doc.meta.id,
        heading,
        position: passages.length,
        start: block.start + first.start,
        end: block.start + last.end,
        text,
        sentences: group.map((s) => ({ start: s.start - first.start, end: s.end - first.start })),
      });
    }
  }
  return { meta: doc.meta, file: doc.file, text: doc.text, passages };
}
