/**
 * MESSAGE_CREATE as Discord delivers it to a bot, given the intents it identified with:
 * guild messages only with GUILD_MESSAGES, DMs only with DIRECT_MESSAGES; without the privileged
 * MESSAGE_CONTENT intent, the content, embeds, attachments and components of a message are
 * empty unless it mentions the bot, is a DM, or is the bot's own.
 */
import { DEFAULT_IDS, member, message, user, type Json } from './payloads.ts';

export const INTENT = { guildMessages: 1 << 9, directMessages: 1 << 12, messageContent: 1 << 15 } as const;

/** The DM channel between the default user and the bot. */
export const DM_CHANNEL_ID = '1364000000000000250';

export interface UserMessageInit {
  readonly content: string;
  /** null: a DM to the bot. Default: the default guild. */
  readonly guildId?: string | null;
  readonly channelId?: string;
  /** Default: a user with this id (default DEFAULT_IDS.userId). */
  readonly author?: Json;
  readonly userId?: string;
}

/** The user ids `<@id>` / `<@!id>` in `content`, in order, once each. */
function mentionedIds(content: string): string[] {
  return [...new Set([...content.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1] ?? ''))];
}

/** The full message a user sent (what Discord stores), before any intent filtering. */
export function userMessage(init: UserMessageInit, botUser: Json): Json {
  const author = init.author ?? user({ id: init.userId });
  const inDm = init.guildId === null;
  const guildId = inDm ? null : (init.guildId ?? DEFAULT_IDS.guildId);
  const m = message({ channelId: init.channelId ?? (inDm ? DM_CHANNEL_ID : DEFAULT_IDS.channelId), guildId, author, content: init.content });
  // Discord sends the channel's type with each message; discord.js needs it to build an uncached DM channel.
  m.channel_type = inDm ? 1 : 0;
  m.mentions = mentionedIds(init.content).map((id) => (id === botUser.id ? botUser : user({ id })));
  if (guildId) {
    const { user: _user, ...partialMember } = member(author);
    m.member = partialMember;
  }
  return m;
}

/** What a bot with `intents` receives of `m`, or undefined when Discord would not send it at all. */
export function delivered(m: Json, intents: number, botUserId: string): Json | undefined {
  const inDm = m.guild_id === undefined;
  if ((intents & (inDm ? INTENT.directMessages : INTENT.guildMessages)) === 0) return undefined;
  const author = m.author as Json | undefined;
  const mentions = Array.isArray(m.mentions) ? (m.mentions as Json[]) : [];
  const readable = (intents & INTENT.messageContent) !== 0 || inDm || author?.id === botUserId || mentions.some((u) => u.id === botUserId);
  return readable ? m : { ...m, content: '', embeds: [], attachments: [], components: [] };
}
