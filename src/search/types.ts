/**
 * What the engine returns: the shapes every front end renders. Nothing here knows about Discord.
 */
import type { Span } from '../corpus/sentences.ts';
import type { SourceMeta } from '../corpus/load.ts';
import type { IndexedPassage } from './index.ts';

export type { SourceMeta, IndexedPassage, Span };

/** One quotation found in a source at ingestion. */
export interface Quotation {
  /** `${source}-q${n}`, stable within one corpus. */
  readonly id: string;
  readonly source: string;
  readonly passageId: string;
  /** The quoted words (parts of a quotation split by its attribution joined by a space). */
  readonly text: string;
  /** Canonical speaker ("Steve Witkoff" for NEO's "Whitcoff"), or null when the text names none. */
  readonly speaker: string | null;
  /** The speaker's role as the text gives it ("Iranian Foreign Minister"), or null. */
  readonly role: string | null;
  /** "term": a scare quote of a word or two ("format", «despite»); "statement": something said or written. */
  readonly kind: 'statement' | 'term';
  /** Offsets of the quotation, marks included, in the source's cleaned text. */
  readonly start: number;
  readonly end: number;
  /** The sentence(s) holding the quotation. */
  readonly context: string;
}

export interface QuoteHit {
  readonly quotation: Quotation;
  readonly meta: SourceMeta;
  readonly score: number;
}

export interface QuoteResponse {
  readonly query: string;
  readonly quotes: readonly QuoteHit[];
  /** Why there is no quotation, when there is none. */
  readonly notice?: string;
}

export interface SpeakerSummary {
  readonly name: string;
  readonly role: string | null;
  readonly quotes: number;
}

export interface ComparePassage {
  readonly passage: IndexedPassage;
  readonly highlight: { readonly text: string; readonly span: Span };
  readonly score: number;
}

export interface CompareSide {
  readonly source: string;
  readonly meta: SourceMeta;
  /** Best first, at most three; empty when the source does not cover the topic. */
  readonly passages: readonly ComparePassage[];
  /** The source only touches on the topic: its passages meet part of it, none all of it. */
  readonly weak?: boolean;
}

export interface Difference {
  readonly kind: 'date' | 'number' | 'name' | 'title';
  /** What the values are about ("next round", "US envoy"). */
  readonly about: string;
  /** Each source's value as written. */
  readonly values: readonly { readonly source: string; readonly value: string }[];
  /** A plain sentence for the reader ("NEO spells Witkoff as Whitcoff"). */
  readonly note: string;
}

export interface CompareResponse {
  readonly query: string;
  readonly sides: readonly CompareSide[];
  readonly differences: readonly Difference[];
  readonly notice?: string;
}

export interface SourceSummary {
  readonly meta: SourceMeta;
  readonly passages: number;
  readonly quotations: number;
}
