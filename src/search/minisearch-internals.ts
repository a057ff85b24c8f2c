/**
 * What this code relies on inside MiniSearch: the private state of a MiniSearch 7 instance (the
 * fields loadJS sets), and whether the installed release is that one. saved-index.ts fills this
 * state straight from the cache's columns; with any other release it goes through loadJS.
 * Searching uses MiniSearch's public API only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type MiniSearch from 'minisearch';
import type SearchableMap from 'minisearch/SearchableMap';

/** The private state of a MiniSearch 7 instance. */
export interface Internals {
  _documentCount: number;
  _nextId: number;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _dirtCount: number;
  /** Term → field id → document number → term frequency. */
  _index: SearchableMap<Map<number, Map<number, number>>>;
  _documentIds: Map<number, unknown>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, unknown>;
}

/** An installed package's version, from its package.json (which not every package exports), or "unknown". */
export function installedVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    } catch {
      // no package.json here: look one folder up
    }
  }
  return 'unknown';
}

/** Whether the installed MiniSearch keeps its state as {@link Internals} says (major 7). */
export const KNOWN_INTERNALS = parseInt(installedVersion('minisearch'), 10) === 7;

export function internalsOf<T>(search: MiniSearch<T>): Internals {
  return search as unknown as Internals;
}
