import type { Json } from './payloads.ts';

export interface RecordedFile {
  /** Multipart field name, e.g. "files[0]". */
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  /** 0-based position in FakeDiscord.requests. */
  index: number;
  at: number;
  method: string;
  /** The route after /api/v10, without the query string, e.g. "/interactions/123/tok/callback". */
  path: string;
  query: Record<string, string>;
  /** The raw request URL (path + query) as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the payload_json of a multipart body; undefined when there was none. */
  body: unknown;
  files?: RecordedFile[];
  /** Set once the fake has answered. */
  status?: number;
  response?: unknown;
  /** True when the answer came from failNext. */
  injected?: boolean;
}

export interface FailMatch {
  method?: string;
  /** Substring of path + query string (e.g. "/callback", "/messages/@original"). */
  pathIncludes: string;
}

export interface FailResponse {
  status: number;
  /** JSON body. For 429 the default is {message, retry_after, global:false}. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface FakeGuild {
  id: string;
  name?: string;
  channelIds?: string[];
}

export interface FakeDiscordOptions {
  /** Recommended shard count returned by GET /gateway/bot (default 1). */
  shards?: number;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /** When set, REST Authorization must be exactly "Bot <token>" and IDENTIFY/RESUME must carry it. Otherwise any "Bot x" is accepted. */
  token?: string;
  /** Guilds the bot is in; each goes to shard (id >> 22) % shardCount, in READY (unavailable) then GUILD_CREATE. Default: one guild with one text channel. [] → READY with no guilds. */
  guilds?: FakeGuild[];
  /** HELLO heartbeat_interval (default 41250). */
  heartbeatIntervalMs?: number;
  /** session_start_limit.max_concurrency (default 16, so discord.js does not wait 5 s between shard identifies). */
  maxConcurrency?: number;
  /** When set, an interaction callback later than this after dispatch gets 404 {code:10062}, like Discord's 3 s window. */
  initialResponseTimeoutMs?: number;
}

export interface GatewayEvent {
  type: 'connect' | 'identify' | 'resume' | 'ready' | 'resumed' | 'invalid_session' | 'close' | 'dispatch' | 'heartbeat';
  at: number;
  shardId?: number;
  sessionId?: string;
  /** For connect: the request path and query; for dispatch: the event name; for close: the code. */
  detail?: string;
  seq?: number;
}

export interface IdentifyRecord {
  shard: [number, number] | undefined;
  token: string;
  intents: number;
  compress: boolean;
  properties: unknown;
}

export interface InteractionState {
  id: string;
  token: string;
  type: number;
  payload: Json;
  shardId: number;
  dispatchedAt: number;
  /** Callback type of the accepted initial response, if any. */
  responseType?: number;
  original?: Json;
  followUps: Map<string, Json>;
}

/** Keeps a list and lets callers wait for an element matching a predicate (already present or future). */
export class Watch<T> {
  readonly items: T[] = [];
  private waiters = new Set<{ pred: (item: T) => boolean; resolve: (item: T) => void; reject: (err: Error) => void }>();

  push(item: T): void {
    this.items.push(item);
    this.notify(item);
  }

  /** Re-check an item already in the list (e.g. after its status was filled in). */
  notify(item: T): void {
    for (const w of [...this.waiters]) {
      if (w.pred(item)) {
        this.waiters.delete(w);
        w.resolve(item);
      }
    }
  }

  wait(pred: (item: T) => boolean, timeoutMs: number, describe: () => string, includeExisting = true): Promise<T> {
    if (includeExisting) {
      const found = this.items.find(pred);
      if (found !== undefined) return Promise.resolve(found);
    }
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        pred,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
        reject: (err: Error) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Rejects every pending wait (used by close()). */
  cancelAll(reason: string): void {
    for (const w of [...this.waiters]) {
      this.waiters.delete(w);
      w.reject(new Error(`fake-discord: ${reason}`));
    }
  }
}
