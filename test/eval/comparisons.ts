/**
 * Compare evaluation against test/eval/compare.json: for every topic, each source must return
 * the labelled passage in its top three, or nothing ("not covered") where the label is null.
 */
import { readFileSync } from 'node:fs';
import type { CompareResponse } from '../../src/search/types.ts';
import { holds } from './retrieval.ts';

export interface CompareTopic {
  readonly topic: string;
  readonly [source: string]: string | null;
}

export function loadCompareTopics(): CompareTopic[] {
  return (JSON.parse(readFileSync(new URL('./compare.json', import.meta.url), 'utf8')) as { topics: CompareTopic[] }).topics;
}

export interface CompareScores {
  readonly topics: number;
  /** Sides (topic × source) answered right: the labelled passage in the top 3, or "not covered" when it should be. */
  readonly sidesRight: number;
  readonly sides: number;
  readonly topicsRight: number;
  /** Of the sides of topics both sources cover, those with the labelled passage in the top 3. */
  readonly bothCoveredRight: number;
  readonly bothCoveredSides: number;
  /** Sides called "not covered" whose source has a labelled passage: a false claim about a source. */
  readonly falseNotCovered: number;
  readonly failures: readonly string[];
}

export function scoreCompare(compare: (topic: string) => CompareResponse, topics: readonly CompareTopic[] = loadCompareTopics()): CompareScores {
  let sides = 0;
  let sidesRight = 0;
  let topicsRight = 0;
  let bothCoveredRight = 0;
  let bothCoveredSides = 0;
  let falseNotCovered = 0;
  const failures: string[] = [];
  for (const t of topics) {
    const r = compare(t.topic);
    let all = true;
    for (const side of r.sides) {
      const phrase = t[side.source];
      if (phrase === undefined) continue;
      sides++;
      const ok = phrase === null ? side.passages.length === 0 : side.passages.some((p) => holds(p.passage.text, phrase));
      const bothCovered = r.sides.every((x) => t[x.source] !== null && t[x.source] !== undefined);
      if (bothCovered) {
        bothCoveredSides++;
        if (ok) bothCoveredRight++;
      }
      if (phrase !== null && side.passages.length === 0) falseNotCovered++;
      if (ok) sidesRight++;
      else {
        all = false;
        failures.push(`${t.topic} / ${side.source}: want ${phrase === null ? 'not covered' : JSON.stringify(phrase)}, got ${side.passages.map((p) => p.passage.id).join(', ') || 'not covered'}`);
      }
    }
    if (all) topicsRight++;
  }
  return { topics: topics.length, sides, sidesRight, topicsRight, bothCoveredRight, bothCoveredSides, falseNotCovered, failures };
}
