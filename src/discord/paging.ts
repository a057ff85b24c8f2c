/**
 * Paging buttons whose whole state lives in the custom id, so nothing is kept in memory:
 *
 *   page:<command>:<askerId>:<page>:=<query>     the query itself, when the id stays ≤ 100 characters
 *   page:<command>:<askerId>:<page>:#<hash>      otherwise: a hash of the query, which is read back
 *                                               from the message's "**Label:** query" line and checked
 *
 * The page is the one the button leads to; the asker is the only user who may turn pages.
 *
 * discord.js's enums are imported as types only, their values written as numbers that tsc checks
 * against them (`2 satisfies ComponentType.Button`): building a reply (here, feedback.ts,
 * replies.ts) loads no discord.js, which takes 0.4 s, in the tests that only build replies.
 */
import { createHash } from 'node:crypto';
import type { APIActionRowComponent, APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { escapeText, oneLine, unescapeText } from './escape.ts';
import { LIMITS } from './limits.ts';

export const PAGE_PREFIX = 'page';

export interface PageState {
  readonly command: string;
  readonly userId: string;
  readonly page: number;
  /** The query, when the id carries it. */
  readonly query?: string;
  /** The query's hash, when the id carries only that. */
  readonly hash?: string;
}

/** A page to show: the state with its query known. */
export interface PageRequest {
  readonly command: string;
  readonly userId: string;
  readonly page: number;
  readonly query: string;
}

/** A short, stable hash of a query (10 base64url characters of its SHA-256). */
export function queryHash(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 10);
}

export function pageCustomId(command: string, userId: string, page: number, query: string): string {
  const head = `${PAGE_PREFIX}:${command}:${userId}:${page}:`;
  const full = `${head}=${query}`;
  return full.length <= LIMITS.customId ? full : `${head}#${queryHash(query)}`;
}

export function parsePageCustomId(customId: string): PageState | null {
  const m = /^page:([a-z0-9_-]{1,32}):(\d{1,20}):(\d{1,3}):([=#])(.*)$/s.exec(customId);
  if (!m) return null;
  const [, command = '', userId = '', page = '0', kind, rest = ''] = m;
  const base = { command, userId, page: Number(page) };
  if (kind === '=') return { ...base, query: rest };
  return /^[A-Za-z0-9_-]{10}$/.test(rest) ? { ...base, hash: rest } : null;
}

/** The line a paged message shows its query on (escaped), which `queryFromContent` reads back. */
export function queryLine(label: string, query: string): string {
  return `**${label}:** ${escapeText(oneLine(query))}`;
}

export function queryFromContent(content: string): string | null {
  const m = /^\*\*[A-Za-z ]{1,30}:\*\* (.*)$/m.exec(content);
  return m?.[1] === undefined ? null : unescapeText(m[1]);
}

/** The query a button stands for: from the id, or read back from the message and checked against the hash. */
export function resolvePageQuery(state: PageState, messageContent: string): string | null {
  if (state.query !== undefined) return state.query;
  const query = queryFromContent(messageContent);
  return query !== null && queryHash(query) === state.hash ? query : null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly pageCount: number;
  /** 1-based position of the page's first item among all. */
  readonly first: number;
  readonly total: number;
}

export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  return { items: all.slice(p * size, (p + 1) * size), page: p, pageCount, first: p * size + 1, total: all.length };
}

/** "Previous" and "More results" buttons, or no row at all when everything fits on one page. */
export function pageButtons(command: string, userId: string, query: string, page: number, pageCount: number): APIActionRowComponent<APIButtonComponent>[] {
  if (pageCount <= 1) return [];
  const clamp = (p: number): number => Math.min(Math.max(0, p), pageCount - 1);
  const button = (label: string, to: number, disabled: boolean): APIButtonComponent => ({
    type: 2 satisfies ComponentType.Button,
    style: 2 satisfies ButtonStyle.Secondary,
    label,
    custom_id: pageCustomId(command, userId, clamp(to), query),
    disabled,
  });
  return [
    {
      type: 1 satisfies ComponentType.ActionRow,
      components: [button('◀ Previous', page - 1, page <= 0), button(`More results ▶ (${page + 1}/${pageCount})`, page + 1, page >= pageCount - 1)],
    },
  ];
}
