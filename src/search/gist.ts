/**
 * The gist of the texts ("tldr", "whats neo's take", "the rsis piece's main argument", "what
 * happened"): what each says where it opens and where it concludes. A text states its point in
 * its first passage (a synopsis, a news lead) and sums it up at the start of its last section
 * (a conclusion); both are shown, not a search for the words "main argument". And when the
 * texts came out ("when was it published"), from their front matter.
 */
import { MESSAGES } from '../messages.ts';
import type { Answer, AskResponse } from './ask.ts';
import type { IndexedPassage, PassageIndex } from './index.ts';

/**
 * Whether `rest` (a question without its words asking for a gist) names no topic: none of its
 * terms, or only words of the sources' titles ("summary of the talks": the talks are what the
 * texts are about).
 */
export function namesNoTopic(rest: string, index: PassageIndex, titles: readonly string[]): boolean {
  const own = new Set(titles.flatMap((t) => index.analyzer.terms(t)));
  return index.analyzer.terms(rest).every((t) => own.has(t));
}

/** The passages of each of `ids`, in order, read in one pass over the index. */
function passagesOf(index: PassageIndex, ids: readonly string[]): Map<string, IndexedPassage[]> {
  const out = new Map(ids.map((id) => [id, [] as IndexedPassage[]]));
  for (const p of index.passages) out.get(p.source)?.push(p);
  return out;
}

/** A source's opening passage and the one opening its last section (its author's note aside), given its passages in order. */
export function gistPassages(index: PassageIndex, passages: readonly IndexedPassage[], author: string | undefined): IndexedPassage[] {
  const [opening] = passages;
  if (!opening) return [];
  const authorTerms = author ? index.analyzer.terms(author) : [];
  const namesAuthor = (p: IndexedPassage): boolean => {
    const held = new Set(index.analyzer.terms(p.text));
    return authorTerms.length > 0 && authorTerms.every((t) => held.has(t));
  };
  const body = passages.filter((p) => !namesAuthor(p));
  const openers = body.filter((p) => p !== opening && index.opensSection(p));
  const closing = openers.at(-1) ?? body.at(-1);
  return closing && closing !== opening ? [opening, closing] : [opening];
}

function asAnswer(passage: IndexedPassage): Answer {
  const span = passage.sentences[0] ?? { start: 0, end: passage.text.length };
  return {
    passage,
    score: 1,
    coverage: 1,
    ownCoverage: 1,
    missed: 0,
    highlight: { text: passage.text.slice(span.start, span.end), span },
    matched: [],
  };
}

/**
 * The gist of `sources` (ids with their authors), each source's opening and closing passages in
 * turn; when they do not all fit in `limit`, the first sources' openings only. Sure: these passages are, by
 * their place, what was asked for.
 */
export function askGist(query: string, index: PassageIndex, sources: readonly { id: string; author?: string }[], limit: number): AskResponse {
  const all = passagesOf(index, sources.map((s) => s.id));
  const whole = sources.length * 2 <= limit;
  const passages = whole
    ? sources.flatMap((s) => gistPassages(index, all.get(s.id) ?? [], s.author))
    : sources.flatMap((s) => (all.get(s.id) ?? []).slice(0, 1)).slice(0, limit);
  const ids = sources.map((s) => s.id);
  return {
    query,
    answers: passages.map(asAnswer),
    notice: MESSAGES.askGist(ids.length === 1 ? ids : []),
    confidence: passages.length > 0 ? 'high' : 'low',
    intent: 'gist',
  };
}

/**
 * When the texts came out ("when was the rsis piece published"): their dates, from their front
 * matter, with each text's opening passage. `sources`: those asked about.
 */
export function askPublished(query: string, index: PassageIndex, sources: readonly { id: string; date: string }[]): AskResponse {
  const all = passagesOf(index, sources.map((s) => s.id));
  const openings = sources.flatMap((s) => (all.get(s.id) ?? []).slice(0, 1));
  return { query, answers: openings.map(asAnswer), notice: MESSAGES.askPublished(sources), confidence: openings.length > 0 ? 'high' : 'low', intent: 'published' };
}
