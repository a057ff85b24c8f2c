/**
 * The engine a running bot or console answers from, rebuilt when its corpus changes: a file
 * added, changed or removed under the corpus's sources/ (a watcher), or a SIGHUP.
 *
 * The new engine is built beside the old one, in a child process (build-cache.ts) that writes the
 * engine cache, so the old engine keeps answering while it builds; then the cache is loaded here
 * (a fraction of a second) and the new engine swapped in. When articles were only added, an
 * engine with them indexed (Engine.withAddedSources) is swapped in first, before the full build. Each question reads `engine` once when
 * it starts, so a question in flight finishes on the engine it started with. A broken corpus file
 * keeps the old engine answering, and the log says which file and why.
 */
import { spawn } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from './engine.ts';
import type { Logger } from './log.ts';

export interface LiveEngineOptions {
  readonly corpusDir: string;
  /** The engine over the corpus as it is now (a cache hit after `prebuild`); throws for a broken corpus. */
  readonly load: () => Engine;
  /**
   * The engine with what was added to the corpus, built here at once, when only articles were
   * added (see Engine.withAddedSources); undefined when anything else changed. Throws for a broken corpus.
   */
  readonly addOnly?: (engine: Engine) => Engine | undefined;
  /** Builds the new engine's cache without blocking this process; resolves with a one-line error, or null when built. */
  readonly prebuild?: (corpusDir: string) => Promise<string | null>;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  /** How long the corpus must be still before a rebuild starts (an editor writes a file in several steps). */
  readonly settleMs?: number;
}

const BUILD_SCRIPT = fileURLToPath(new URL('./build-cache.ts', import.meta.url));

/** Builds the engine cache for `corpusDir` in a child process; resolves with its error line, or null. */
export function buildInChild(corpusDir: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), BUILD_SCRIPT, corpusDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => resolve(`the rebuild could not start: ${err.message}`));
    child.on('close', (code) => resolve(code === 0 ? null : stderr.trim().split('\n')[0] || `the rebuild exited with code ${String(code)}`));
  });
}

export class LiveEngine {
  private current: Engine;
  private building: Promise<boolean> | undefined;
  private again = false;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    engine: Engine,
    private readonly options: LiveEngineOptions,
  ) {
    this.current = engine;
  }

  /** The engine to answer the next question from. */
  get engine(): Engine {
    return this.current;
  }

  /**
   * Rebuilds the engine from the corpus and swaps it in; resolves true when swapped, false when
   * the corpus is broken (the old engine stays). A reload asked for while one runs runs after it.
   */
  reload(reason: string): Promise<boolean> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = this.rebuild(reason).finally(() => {
      this.building = undefined;
      if (this.again) {
        this.again = false;
        void this.reload('the corpus changed during the last rebuild');
      }
    });
    return this.building;
  }

  private async rebuild(reason: string): Promise<boolean> {
    const { corpusDir, log } = this.options;
    log.info(`corpus: rebuilding (${reason})`);
    // Articles only added: answer from them at once; the full build (their words' relatives,
    // the cache for the next start) follows.
    try {
      const added = this.options.addOnly?.(this.current);
      if (added) this.swap(added, 'the added articles indexed; the full rebuild follows');
    } catch (err) {
      return this.keep(err);
    }
    const failed = this.options.prebuild ? await this.options.prebuild(corpusDir) : null;
    if (failed) return this.keep(failed);
    try {
      this.swap(this.options.load(), 'rebuilt');
    } catch (err) {
      return this.keep(err);
    }
    return true;
  }

  /** Keeps the engine already answering, and logs why (a broken file: the file, the field, the fix). */
  private keep(why: unknown): false {
    this.options.log.warn(`corpus: kept the engine already answering: ${why instanceof Error ? why.message : String(why)}`);
    return false;
  }

  private swap(engine: Engine, how: string): void {
    this.current = engine;
    this.options.log.info(`corpus: now answering from ${engine.sources().map((s) => s.meta.id).join(', ')} (${how})`);
  }

  /** Watches the corpus's sources/ folder and reloads once it has been still for `settleMs`; returns a function that stops watching. */
  watch(): () => void {
    const settle = this.options.settleMs ?? 500;
    this.watcher = watch(join(this.options.corpusDir, 'sources'), (_event, file) => {
      if (file !== null && !String(file).endsWith('.md')) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(`${String(file ?? 'a file')} changed`), settle).unref();
    });
    this.watcher.on('error', (err) => this.options.log.warn(`corpus: watching stopped: ${err.message}`));
    // Watching never keeps the process alive: the console still ends with its input.
    this.watcher.unref();
    return () => {
      clearTimeout(this.timer);
      this.watcher?.close();
    };
  }
}
