/** Helpers for tests that need the real corpus or a throwaway one. */
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DEFAULT_CACHE_DIR } from '../../src/cache.ts';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/load.ts';
import { Engine } from '../../src/engine.ts';

let engine: Engine | undefined;

/** The engine over the real corpus, built once per test file. */
export function realEngine(): Engine {
  engine ??= Engine.load();
  return engine;
}

/**
 * An engine built over a throwaway corpus without an engine cache (nothing is kept for it);
 * WordNet's part of the build, which depends on no corpus, comes from the project's cache.
 */
export function builtEngine(corpusDir: string, warn?: (message: string) => void): Engine {
  return Engine.load({ corpusDir, cache: false, wordnetCache: DEFAULT_CACHE_DIR, ...(warn ? { warn } : {}) });
}

/**
 * A corpus folder with the real tables and the given source files (name → text). The word
 * vectors (5 MB) are not copied: a corpus folder without them reads the code's, the same bytes.
 */
export function tempCorpus(sources: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  cpSync(join(DEFAULT_CORPUS_DIR, 'tables'), join(dir, 'tables'), { recursive: true, filter: (path) => basename(path) !== 'word-vectors.bin' });
  mkdirSync(join(dir, 'sources'));
  for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, 'sources', name), text);
  return dir;
}

export const GOOD_FRONT_MATTER = `---
id: TEST
publisher: Test Publisher
title: "A Test Article"
author: Jane Doe
date: 2025-04-20
---
`;
