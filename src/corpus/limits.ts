/**
 * How big one article can be before a file is probably something else: several articles, a
 * whole site or a feed pasted into one file. Such a file is still loaded, but flagged (by npm
 * run check-corpus, by add-source and as a warning at every load), because its passages crowd
 * out the real articles' in the answers.
 */
import type { Document } from './chunk.ts';

/**
 * Passages one article makes, at most. The seed articles make 24 and 19 (a passage is a
 * paragraph of up to 600 characters); a 15,000-word long read makes about 150. Twelve times the
 * larger seed leaves that margin, and a pasted site (a 2 MB file made 4,516) is far above it.
 */
export const MAX_ARTICLE_PASSAGES = 300;

/** One line for each document with more passages than one article makes, naming its file. */
export function oversizeWarnings(documents: readonly Pick<Document, 'file' | 'passages'>[], max: number = MAX_ARTICLE_PASSAGES): string[] {
  return documents
    .filter((d) => d.passages.length > max)
    .map(
      (d) =>
        `${d.file} makes ${d.passages.length} passages, more than one article makes (${max}): it is probably several articles or a whole site; split it into one file per article`,
    );
}
