/**
 * "who is X", "whats the AOR": where each source introduces X. News writing gives a person's
 * post, and spells out a body's name, where it first names them ("U.S. Special Envoy for West
 * Asia Stephen Whitcoff", "the Axis of Resistance (AOR)"); later mentions only name them again
 * ("Whitcoff, speaking to NBC"). So X's first mention in each source comes first, its sentence
 * in bold, and the rest of the answers follow as ranked.
 */
import type { Answer, AskResponse } from './ask.ts';
import type { IndexedPassage, PassageIndex } from './index.ts';
import { planQuery } from './query.ts';
import type { Lexicon } from './related.ts';
import { titles } from './titles.ts';

/** Passages looked at for X's name, at most. */
const MAX_NAMED = 200;

/** The one name (alias term) `words` are, every one of them naming it; undefined otherwise ("the american negotiator"). */
export function onlyName(words: string, index: PassageIndex, lexicon: Lexicon): string | undefined {
  const concepts = planQuery(words, index, lexicon).concepts;
  const named = concepts.map((c) => c.candidates.find((x) => x.via !== 'related' && index.analyzer.canonical.has(x.term))?.term);
  const [first] = named;
  return first !== undefined && named.every((t) => t === first) ? first : undefined;
}

/** Each source's first passage holding `term` in its text, with the sentence that first does, in corpus order. */
export function firstMentions(index: PassageIndex, term: string): { passage: IndexedPassage; sentence: number }[] {
  const id = index.termId(term);
  if (id === undefined) return [];
  const first = new Map<string, IndexedPassage>();
  for (const { passage } of index.query(new Map([[term, 1]]), MAX_NAMED)) {
    const known = first.get(passage.source);
    if (!index.termIdsOf(passage).ids.includes(id)) continue;
    if (!known || passage.position < known.position) first.set(passage.source, passage);
  }
  return [...first.values()]
    .sort((a, b) => index.ordinalOf(a) - index.ordinalOf(b))
    .map((passage) => {
      const t = index.termIdsOf(passage);
      const sentence = passage.sentences.findIndex((_, k) => t.ids.subarray(t.bounds[k] ?? 0, t.bounds[k + 1] ?? 0).includes(id));
      return { passage, sentence: Math.max(0, sentence) };
    });
}

/**
 * `response` with the passages introducing `term` first. Sure when the first of them gives a
 * person a post ("Iranian President Masoud Pezeshkian") or spells out the name beside its short
 * form ("Popular Mobilisation Forces (PMF)"); otherwise as sure as the ranking was.
 */
export function introducedFirst(response: AskResponse, term: string, index: PassageIndex, limit: number): AskResponse {
  const intros = firstMentions(index, term);
  if (intros.length === 0 || response.answers.length === 0) return response;
  // Shown first, they score as the best answer did, so scores still fall down the list.
  const best = response.answers[0]?.score ?? 1;
  const answers: Answer[] = intros.map(({ passage, sentence }) => {
    const ranked = response.answers.find((a) => a.passage.id === passage.id);
    const span = passage.sentences[sentence] ?? { start: 0, end: passage.text.length };
    const highlight = { text: passage.text.slice(span.start, span.end), span };
    return ranked ? { ...ranked, score: Math.max(ranked.score, best), highlight } : { passage, score: best, coverage: 1, ownCoverage: 1, missed: 0, highlight, matched: [] };
  });
  const shown = new Set(answers.map((a) => a.passage.id));
  const all = [...answers, ...response.answers.filter((a) => !shown.has(a.passage.id))].slice(0, Math.max(limit, 1));
  const [lead] = answers;
  const spelledOut = (sentence: string): boolean => [...sentence.matchAll(/\(([^()]{1,40})\)/g)].some((m) => index.analyzer.terms(m[1] ?? '').includes(term));
  const introduces = lead !== undefined && ((titles(lead.highlight.text, index.analyzer).get(term)?.some((m) => m.title !== null) ?? false) || spelledOut(lead.highlight.text));
  return { ...response, answers: all, confidence: introduces ? 'high' : response.confidence };
}
