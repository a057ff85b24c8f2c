/**
 * Realistic Discord API v10 payload builders for the fake Discord.
 *
 * The shapes follow what Discord sends (and what discord.js 14.28 reads): ids are
 * snowflake strings, timestamps are ISO strings, users have discriminator "0" and a
 * global_name, guild interactions carry a `member`, DM interactions a `user`.
 */

export type Json = Record<string, unknown>;

/** Fixed, obviously fake ids used when a test does not pass its own. */
export const DEFAULT_IDS = {
  applicationId: '1364000000000000001',
  botUserId: '1364000000000000001',
  guildId: '1364000000000000100',
  channelId: '1364000000000000200',
  userId: '1364000000000000300',
} as const;

const DISCORD_EPOCH = 1420070400000n;
let snowflakeIncrement = 0n;

/** A fresh snowflake for "now" (unique within this process). */
export function snowflake(at: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

/** The shard a guild belongs to: (guild_id >> 22) % shard_count, as Discord computes it. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** An interaction token shaped like Discord's: base64url("interaction:<id>:<random>"). */
export function randomToken(interactionId: string = snowflake()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let secret = '';
  for (let i = 0; i < 64; i++) secret += alphabet[Math.floor(Math.random() * alphabet.length)];
  return Buffer.from(`interaction:${interactionId}:${secret}`).toString('base64url');
}

export interface UserInit {
  id?: string;
  username?: string;
  globalName?: string | null;
  bot?: boolean;
}

export function user(init: UserInit = {}): Json {
  const id = init.id ?? DEFAULT_IDS.userId;
  const u: Json = {
    id,
    username: init.username ?? `user${id.slice(-4)}`,
    discriminator: '0',
    global_name: init.globalName === undefined ? (init.bot ? null : `User ${id.slice(-4)}`) : init.globalName,
    avatar: null,
    public_flags: 0,
    flags: 0,
    avatar_decoration_data: null,
    primary_guild: null,
    collectibles: null,
  };
  if (init.bot) u.bot = true;
  return u;
}

export function member(u: Json, opts: { roles?: string[]; permissions?: string; nick?: string | null } = {}): Json {
  return {
    user: u,
    nick: opts.nick ?? null,
    avatar: null,
    banner: null,
    roles: opts.roles ?? [],
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
    permissions: opts.permissions ?? '2248473465835073',
  };
}

export function textChannel(id: string, guildId: string, name = 'general', position = 0): Json {
  return {
    id,
    type: 0,
    guild_id: guildId,
    name,
    position,
    flags: 0,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
  };
}

export interface GuildInit {
  id: string;
  name?: string;
  /** Text channels the guild has; the first defaults to DEFAULT_IDS.channelId for the default guild. */
  channelIds?: string[];
}

/** A complete-enough GUILD_CREATE payload (available guild with channels, roles and the bot as member). */
export function guildCreate(init: GuildInit, botUser: Json, ownerId: string = DEFAULT_IDS.userId): Json {
  const channels = (init.channelIds ?? []).map((id, i) => textChannel(id, init.id, i === 0 ? 'general' : `channel-${i}`, i));
  return {
    id: init.id,
    name: init.name ?? `Guild ${init.id.slice(-4)}`,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: ownerId,
    application_id: null,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: 'en-US',
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    features: [],
    roles: [
      {
        id: init.id,
        name: '@everyone',
        description: null,
        permissions: '2248473465835073',
        position: 0,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        managed: false,
        mentionable: false,
        icon: null,
        unicode_emoji: null,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    soundboard_sounds: [],
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    large: false,
    unavailable: false,
    member_count: 2,
    lazy: true,
    voice_states: [],
    members: [member(botUser, { permissions: undefined })],
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    embedded_activities: [],
    incidents_data: null,
    version: Date.now(),
  };
}

export interface MessageInit {
  id?: string;
  channelId?: string;
  guildId?: string | null;
  author?: Json;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  attachments?: unknown[];
  flags?: number;
  type?: number;
  applicationId?: string;
  webhookId?: string;
  interactionMetadata?: Json;
}

export function message(init: MessageInit = {}): Json {
  const id = init.id ?? snowflake();
  const m: Json = {
    id,
    type: init.type ?? 0,
    channel_id: init.channelId ?? DEFAULT_IDS.channelId,
    author: init.author ?? user(),
    content: init.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: init.attachments ?? [],
    embeds: init.embeds ?? [],
    components: init.components ?? [],
    reactions: [],
    pinned: false,
    flags: init.flags ?? 0,
  };
  if (init.guildId) m.guild_id = init.guildId;
  if (init.applicationId) m.application_id = init.applicationId;
  if (init.webhookId) m.webhook_id = init.webhookId;
  if (init.interactionMetadata) m.interaction_metadata = init.interactionMetadata;
  return m;
}

/** What an interaction is sent as: Discord's fields; everything but `type` is filled in by completeInteraction. */
export interface InteractionInput {
  type: number;
  data?: unknown;
  id?: string;
  token?: string;
  application_id?: string;
  guild_id?: string;
  channel_id?: string;
  [key: string]: unknown;
}

export interface InteractionPayload extends InteractionInput {
  id: string;
  token: string;
  application_id: string;
  version: number;
}

export interface InteractionContext {
  userId?: string;
  username?: string;
  globalName?: string | null;
  /** null → a DM interaction (user instead of member, channel type 1, context 1). */
  guildId?: string | null;
  channelId?: string;
  locale?: string;
  roles?: string[];
  applicationId?: string;
}

/** Fills in the context fields Discord always sends (ids, token, member/user, channel, locale, ...). */
export function completeInteraction(input: InteractionInput, ctx: InteractionContext = {}): InteractionPayload {
  const applicationId = input.application_id ?? ctx.applicationId ?? DEFAULT_IDS.applicationId;
  // A payload that already has a `user` but no guild is a DM interaction (e.g. built with guildId: null).
  const isDm = ctx.guildId === null || (input.guild_id === undefined && 'user' in input && !('member' in input));
  const guildId = isDm ? undefined : (input.guild_id ?? ctx.guildId ?? DEFAULT_IDS.guildId);
  const channelId = input.channel_id ?? ctx.channelId ?? DEFAULT_IDS.channelId;
  const u = user({ id: ctx.userId, username: ctx.username, globalName: ctx.globalName });
  const id = input.id ?? snowflake();
  const base: InteractionPayload = {
    id,
    application_id: applicationId,
    type: input.type,
    token: input.token ?? randomToken(id),
    version: 1,
    channel_id: channelId,
    locale: ctx.locale ?? 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    attachment_size_limit: 10485760,
  };
  if (guildId) {
    base.guild_id = guildId;
    base.guild = { id: guildId, locale: 'en-US', features: [] };
    base.guild_locale = 'en-US';
    base.channel = { ...textChannel(channelId, guildId) };
    base.member = member(u, { roles: ctx.roles });
    base.authorizing_integration_owners = { '0': guildId };
    base.context = 0;
  } else {
    base.user = u;
    base.channel = { id: channelId, type: 1, flags: 0, last_message_id: null, recipients: [u] };
    base.authorizing_integration_owners = { '0': '0' };
    base.context = 1;
  }
  const out: InteractionPayload = { ...base, ...input, id: base.id, token: base.token, application_id: applicationId, version: 1 };
  if (isDm) delete out.guild_id;
  return out;
}

export type OptionValue = string | number | boolean;

export interface CommandOption {
  name: string;
  type: number;
  value?: OptionValue;
  focused?: boolean;
  options?: CommandOption[];
}

/**
 * Converts {question: 'x', count: 3, ephemeral: true} into Discord option objects
 * (string → 3, integer → 4, non-integer number → 10, boolean → 5). Arrays pass through.
 */
export function toOptions(options: Record<string, OptionValue> | CommandOption[] | undefined, focused?: string): CommandOption[] {
  if (!options) return [];
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => {
    const type = typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10;
    const o: CommandOption = { name, type, value };
    if (focused === name) o.focused = true;
    return o;
  });
}

export interface CommandContext extends InteractionContext {
  commandId?: string;
}

/** type 2 / data.type 1: a slash command. */
export function chatInputInteraction(
  name: string,
  options?: Record<string, OptionValue> | CommandOption[],
  ctx: CommandContext = {},
): InteractionPayload {
  return completeInteraction(
    {
      type: 2,
      data: {
        id: ctx.commandId ?? snowflake(),
        name,
        type: 1,
        options: toOptions(options),
      },
    },
    ctx,
  );
}

/** type 4: autocomplete. `focused` names the option being typed (defaults to the first option). */
export function autocompleteInteraction(
  name: string,
  options: Record<string, OptionValue> | CommandOption[],
  focused?: string,
  ctx: CommandContext = {},
): InteractionPayload {
  const opts = toOptions(options, focused);
  if (!opts.some((o) => o.focused) && opts[0]) opts[0] = { ...opts[0], focused: true };
  return completeInteraction({ type: 4, data: { id: ctx.commandId ?? snowflake(), name, type: 1, options: opts } }, ctx);
}

export interface ComponentContext extends InteractionContext {
  messageId?: string;
  /** The message the component sits on (defaults to a bot message with one button carrying customId). */
  message?: Json;
  componentType?: number;
  /** For select menus. */
  values?: string[];
}

/** type 3: a button (component_type 2) or, with componentType/values, a select menu. */
export function buttonInteraction(customId: string, ctx: ComponentContext = {}): InteractionPayload {
  const componentType = ctx.componentType ?? 2;
  const guildId = ctx.guildId === null ? null : (ctx.guildId ?? DEFAULT_IDS.guildId);
  const msg =
    ctx.message ??
    message({
      id: ctx.messageId,
      channelId: ctx.channelId,
      guildId,
      author: user({ id: ctx.applicationId ?? DEFAULT_IDS.botUserId, username: 'TalksBot', bot: true }),
      applicationId: ctx.applicationId ?? DEFAULT_IDS.applicationId,
      content: 'A bot message with a button',
      components: [{ type: 1, id: 1, components: [{ type: 2, id: 2, style: 1, label: 'Button', custom_id: customId }] }],
    });
  const data: Json = { custom_id: customId, component_type: componentType };
  if (ctx.values) data.values = ctx.values;
  return completeInteraction({ type: 3, data, message: msg }, ctx);
}

/** type 2 / data.type 3: a message context-menu command on targetMessage. */
export function messageContextMenuInteraction(name: string, targetMessage: Json, ctx: CommandContext = {}): InteractionPayload {
  const targetId = String(targetMessage.id);
  return completeInteraction(
    {
      type: 2,
      data: { id: ctx.commandId ?? snowflake(), name, type: 3, target_id: targetId, resolved: { messages: { [targetId]: targetMessage } } },
    },
    ctx,
  );
}

/** type 5: a modal submit with text inputs {custom_id: value}. */
export function modalSubmitInteraction(customId: string, fields: Record<string, string>, ctx: InteractionContext = {}): InteractionPayload {
  return completeInteraction(
    {
      type: 5,
      data: {
        custom_id: customId,
        components: Object.entries(fields).map(([id, value]) => ({
          type: 1,
          components: [{ type: 4, custom_id: id, value }],
        })),
      },
    },
    ctx,
  );
}
