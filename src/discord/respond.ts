/**
 * Answering an interaction whatever state it is in: the first answer is a reply, after a defer
 * it edits the deferred reply, after a reply it is a follow-up. `replyError` always ends in a
 * short ephemeral message. "Unknown interaction" (10062: the 3 s window passed or the token
 * expired) and "already acknowledged" (40060) are never thrown — there is no one left to tell —
 * but kept (goneCode) for the interaction's log line, and logged at debug.
 */
import {
  DiscordAPIError,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type ButtonInteraction,
  type Interaction,
  type Message,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { Logger } from '../log.ts';
import { LIMITS, truncate } from './limits.ts';

/** Discord error codes that mean the interaction can no longer be answered. */
export const GONE_CODES: ReadonlySet<number | string> = new Set([10062, 40060, 10015]);

export function isGone(err: unknown): boolean {
  return err instanceof DiscordAPIError && GONE_CODES.has(err.code);
}

/** The Discord code that said an interaction could no longer be answered, kept for its log line. */
const goneCodes = new WeakMap<Interaction, number | string>();

/** Why `i` could not be answered (10062, 40060, 10015), if it could not. */
export function goneCode(i: Interaction): number | string | undefined {
  return goneCodes.get(i);
}

function gone(i: Interaction, err: DiscordAPIError, what: string, log: Logger | undefined): void {
  goneCodes.set(i, err.code);
  // Debug only: the interaction's own log line (interactions.ts) reports the outcome with the code.
  log?.debug(`interaction ${i.id}: could not ${what} (${err.code}: ${err.message})`);
}

export interface Reply {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly APIActionRowComponent<APIButtonComponent>[];
  readonly ephemeral?: boolean;
  /** Default: the client's `{ parse: [] }`, so nothing pings. */
  readonly allowedMentions?: MessageMentionOptions;
}

const NO_MENTIONS: MessageMentionOptions = { parse: [] };

function base(r: Reply): { content?: string; embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponent>[]; allowedMentions: MessageMentionOptions } {
  return {
    ...(r.content !== undefined ? { content: truncate(r.content, LIMITS.content) } : {}),
    embeds: [...(r.embeds ?? [])],
    components: [...(r.components ?? [])],
    allowedMentions: r.allowedMentions ?? NO_MENTIONS,
  };
}

/** Sends `r` as the right kind of answer. False when the interaction was gone (logged). */
export async function respond(i: RepliableInteraction, r: Reply, log?: Logger): Promise<boolean> {
  const flags = r.ephemeral ? MessageFlags.Ephemeral : undefined;
  try {
    if (i.deferred && !i.replied) await i.editReply(base(r));
    else if (i.replied) await i.followUp({ ...base(r), ...(flags ? { flags } : {}) });
    else await i.reply({ ...base(r), ...(flags ? { flags } : {}) });
    return true;
  } catch (err) {
    if (!isGone(err)) throw err;
    gone(i, err as DiscordAPIError, 'answer', log);
    return false;
  }
}

/**
 * Answers a message (an @mention, a DM) with `r` as a reply in its channel (`ephemeral` cannot
 * apply to a message). False when Discord refused it — no permission to write there, the message
 * gone — which is logged at warn: there is no one to tell.
 */
export async function replyToMessage(message: Message, r: Reply, log?: Logger): Promise<boolean> {
  try {
    await message.reply(base(r));
    return true;
  } catch (err) {
    if (!(err instanceof DiscordAPIError)) throw err;
    log?.warn(`message ${message.id}: could not reply (${err.code}: ${err.message})`);
    return false;
  }
}

/** Replaces the message a button sits on (or edits it after a deferUpdate). */
export async function updateMessage(i: ButtonInteraction, r: Reply, log?: Logger): Promise<boolean> {
  const { content, embeds, components, allowedMentions } = base(r);
  const body = { ...(content !== undefined ? { content } : {}), embeds, components, allowedMentions };
  try {
    if (i.deferred || i.replied) await i.editReply(body);
    else await i.update(body);
    return true;
  } catch (err) {
    if (!isGone(err)) throw err;
    gone(i, err as DiscordAPIError, 'update', log);
    return false;
  }
}

/**
 * A short ephemeral error, whatever was sent before. After a public deferReply the loading
 * message is deleted first (the first follow-up would otherwise become it, public). Never throws.
 */
export async function replyError(i: Interaction, message: string, log?: Logger): Promise<void> {
  const text = truncate(message, LIMITS.content);
  try {
    if (i.isAutocomplete()) {
      if (!i.responded) await i.respond([]);
      return;
    }
    const payload = { content: text, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
    if (!i.deferred && !i.replied) {
      await i.reply(payload);
    } else if (i.deferred && !i.replied && i.isCommand()) {
      if (i.ephemeral) {
        await i.editReply({ content: text, embeds: [], components: [], allowedMentions: NO_MENTIONS });
      } else {
        await i.deleteReply();
        await i.followUp(payload);
      }
    } else {
      await i.followUp(payload);
    }
  } catch (err) {
    if (isGone(err)) gone(i, err as DiscordAPIError, 'send the error', log);
    else log?.error(`interaction ${i.id}: could not send the error`, err);
  }
}
