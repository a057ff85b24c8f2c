/**
 * A fake Discord (REST API v10 + JSON gateway) on 127.0.0.1 that the real discord.js Client logs into.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   await client.login('fake-token-not-real');
 *   const id = fake.sendInteraction(fake.chatInputInteraction('ask', { question: 'hi' }));
 *   const [callback] = await fake.waitForInteractionResponses(id, 1);
 *
 * One port serves both: HTTP under /api/v<n>/..., WebSocket upgrades for the gateway.
 * Always `await client.destroy()` before `await fake.close()`: a client whose gateway vanishes
 * keeps trying to resume and keeps the process alive.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeGateway } from './gateway.ts';
import { delivered, userMessage, type UserMessageInit } from './messages.ts';
import * as P from './payloads.ts';
import { FakeRest } from './rest.ts';
import {
  Watch,
  type FailMatch,
  type FailResponse,
  type FakeDiscordOptions,
  type FakeGuild,
  type GatewayEvent,
  type IdentifyRecord,
  type InteractionState,
  type RecordedRequest,
} from './types.ts';

export * from './types.ts';
export { DM_CHANNEL_ID, INTENT, type UserMessageInit } from './messages.ts';
export {
  DEFAULT_IDS,
  snowflake,
  shardForGuild,
  randomToken,
  user,
  member,
  message,
  guildCreate,
  textChannel,
  completeInteraction,
  toOptions,
  type Json,
  type InteractionInput,
  type InteractionPayload,
  type InteractionContext,
  type CommandContext,
  type ComponentContext,
  type CommandOption,
  type OptionValue,
  type MessageInit,
} from './payloads.ts';

const DEFAULT_TIMEOUT_MS = 5000;

export interface FakeDiscord {
  /** e.g. http://127.0.0.1:PORT/api — pass to new Client({ rest: { api } }) and new REST({ api }). */
  apiUrl: string;
  /** ws://127.0.0.1:PORT — what GET /gateway/bot returns. */
  gatewayUrl: string;
  /** The resume_gateway_url sent in READY (ws://127.0.0.1:PORT/resume), so a resume can be told apart. */
  resumeGatewayUrl: string;
  applicationId: string;
  botUserId: string;
  /** Every REST request received, in order (status/response filled in once answered). */
  requests: RecordedRequest[];
  /** Every IDENTIFY received, in order. */
  identifies: IdentifyRecord[];
  /** Gateway log: connect / identify / ready / resume / resumed / dispatch / heartbeat / close / invalid_session. */
  gatewayEvents: GatewayEvent[];
  /** Registered application commands by scope ("global" or a guild id), as last PUT/POSTed. */
  commands: Map<string, P.Json[]>;
  /** Messages created through POST /channels/:id/messages. */
  channelMessages: P.Json[];

  /** Resolves with the first request (already received or future) matching pred, once it was answered. */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves once `shardId` (default 0) IDENTIFYed and was sent READY (checks history too). */
  ready(shardId?: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the first gateway event (already logged or future) matching pred. */
  waitForGatewayEvent(pred: (e: GatewayEvent) => boolean, timeoutMs?: number): Promise<GatewayEvent>;

  /**
   * Dispatches INTERACTION_CREATE (missing context fields are filled in) and returns the interaction id.
   * Default shard: the guild's shard ((guild_id >> 22) % shard count), or 0 for DMs.
   */
  sendInteraction(interaction: P.InteractionInput, shardId?: number): string;
  /**
   * A user posts a message (default: in the default guild channel; guildId null: a DM to the bot).
   * It is dispatched as MESSAGE_CREATE as Discord would, given the intents the shard identified
   * with (see messages.ts): `delivered` is false when Discord would not have sent it at all.
   */
  sendMessage(init: UserMessageInit, shardId?: number): { id: string; message: P.Json; delivered: boolean };
  /** The messages the bot posted in reply to message `id` (POST /channels/:id/messages with message_reference). */
  repliesTo(messageId: string): RecordedRequest[];
  /** Any other dispatch (MESSAGE_CREATE, ...). Returns the sequence number. */
  dispatch(event: string, data: unknown, shardId?: number): number;

  chatInputInteraction(name: string, options?: Record<string, P.OptionValue> | P.CommandOption[], ctx?: P.CommandContext): P.InteractionPayload;
  autocompleteInteraction(
    name: string,
    options: Record<string, P.OptionValue> | P.CommandOption[],
    focused?: string,
    ctx?: P.CommandContext,
  ): P.InteractionPayload;
  buttonInteraction(customId: string, ctx?: P.ComponentContext): P.InteractionPayload;
  messageContextMenuInteraction(name: string, targetMessage: P.Json, ctx?: P.CommandContext): P.InteractionPayload;
  modalSubmitInteraction(customId: string, fields: Record<string, string>, ctx?: P.InteractionContext): P.InteractionPayload;
  /** A message payload (default: in the default guild channel, by the default user). */
  message(init?: P.MessageInit): P.Json;

  /** Requests answering this interaction: POST /interactions/:id/:token/callback and /webhooks/:appId/:token[/messages/...], in order (failed ones included; check .status). */
  interactionResponses(interactionId: string): RecordedRequest[];
  /** Waits until interactionResponses(id) has at least `count` answered requests with status < 400. */
  waitForInteractionResponses(interactionId: string, count?: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** The current state of the interaction's original response message / follow-ups, as the fake stores them. */
  interactionState(interactionId: string): InteractionState | undefined;

  /** Fault injection: the next `times` (default 1) requests matching get this response instead. */
  failNext(match: FailMatch, response: FailResponse, times?: number): void;
  /** Close the gateway sockets abruptly (client sees 1006 and resumes), or with `code`. */
  dropConnections(opts?: { code?: number; shardId?: number }): void;
  /** Send op 7 RECONNECT (the client closes and resumes). */
  requestReconnect(shardId?: number): void;
  /** Send op 9 INVALID_SESSION; not resumable → the client identifies again. */
  invalidateSession(shardId: number, resumable?: boolean): void;
  close(): Promise<void>;
}

interface PendingFailure {
  match: FailMatch;
  response: FailResponse;
  remaining: number;
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = opts.applicationId ?? opts.botUserId ?? P.DEFAULT_IDS.applicationId;
  const botUserId = opts.botUserId ?? applicationId;
  const botUser = P.user({ id: botUserId, username: opts.botUsername ?? 'TalksBot', bot: true, globalName: null });
  const guilds: FakeGuild[] = opts.guilds ?? [{ id: P.DEFAULT_IDS.guildId, name: 'Fake Guild', channelIds: [P.DEFAULT_IDS.channelId] }];
  const shards = opts.shards ?? 1;
  const application: P.Json = {
    id: applicationId,
    name: botUser.username,
    icon: null,
    description: 'A fake application',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    hook: true,
    is_monetized: false,
    owner: P.user({ id: P.DEFAULT_IDS.userId, username: 'owner' }),
    team: null,
    bot: botUser,
    approximate_guild_count: guilds.length,
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
  };

  const requests = new Watch<RecordedRequest>();
  const events = new Watch<GatewayEvent>();
  const identifies: IdentifyRecord[] = [];
  const interactions = new Map<string, InteractionState>();
  const interactionsByToken = new Map<string, InteractionState>();
  const failures: PendingFailure[] = [];
  let port = 0;

  const gatewayUrl = (): string => `ws://127.0.0.1:${port}`;
  const resumeUrl = (): string => `ws://127.0.0.1:${port}/resume`;

  const rest = new FakeRest({
    token: opts.token,
    applicationId,
    botUser,
    application,
    shards,
    maxConcurrency: opts.maxConcurrency ?? Math.max(16, shards),
    initialResponseTimeoutMs: opts.initialResponseTimeoutMs,
    gatewayUrl,
    baseUrl: () => `http://127.0.0.1:${port}`,
    requests,
    interactions,
    interactionsByToken,
    takeFailure(method, pathAndQuery) {
      const i = failures.findIndex(
        (f) => (f.match.method === undefined || f.match.method.toUpperCase() === method) && pathAndQuery.includes(f.match.pathIncludes),
      );
      if (i < 0) return undefined;
      const f = failures[i];
      if (!f) return undefined;
      f.remaining--;
      if (f.remaining <= 0) failures.splice(i, 1);
      return f.response;
    },
  });

  const gateway = new FakeGateway({
    token: opts.token,
    botUser,
    applicationId,
    guilds,
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41250,
    gatewayUrl,
    resumeUrl,
    events,
    identifies,
  });

  const server: Server = createServer(rest.handle);
  server.keepAliveTimeout = 1000;
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => gateway.handleConnection(ws, req));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const interactionResponses = (interactionId: string): RecordedRequest[] => {
    const state = interactions.get(interactionId);
    if (!state) return [];
    const cbPrefix = `/interactions/${interactionId}/`;
    const whPrefix = `/webhooks/${applicationId}/${state.token}`;
    return requests.items.filter((r) => r.path.startsWith(cbPrefix) || r.path === whPrefix || r.path.startsWith(`${whPrefix}/`));
  };

  let closed = false;

  const fake: FakeDiscord = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    resumeGatewayUrl: resumeUrl(),
    applicationId,
    botUserId,
    requests: requests.items,
    identifies,
    gatewayEvents: events.items,
    commands: rest.commands,
    channelMessages: rest.channelMessages,

    waitForRequest(pred, timeoutMs = DEFAULT_TIMEOUT_MS) {
      return requests.wait(
        (r) => r.status !== undefined && pred(r),
        timeoutMs,
        () => `a matching request; received: ${requests.items.map((r) => `${r.method} ${r.path} → ${r.status ?? '…'}`).join(', ') || 'none'}`,
      );
    },

    async ready(shardId = 0, timeoutMs = DEFAULT_TIMEOUT_MS) {
      await events.wait((e) => e.type === 'ready' && e.shardId === shardId, timeoutMs, () => `READY on shard ${shardId}`);
    },

    waitForGatewayEvent(pred, timeoutMs = DEFAULT_TIMEOUT_MS) {
      return events.wait(pred, timeoutMs, () => 'a matching gateway event');
    },

    sendInteraction(input, shardId) {
      const payload = P.completeInteraction(input, { applicationId });
      let shard = shardId;
      if (shard === undefined) {
        const count = gateway.identifiedShardCount() ?? shards;
        shard = typeof payload.guild_id === 'string' ? P.shardForGuild(payload.guild_id, count) : 0;
      }
      const state: InteractionState = {
        id: payload.id,
        token: payload.token,
        type: payload.type,
        payload,
        shardId: shard,
        dispatchedAt: Date.now(),
        followUps: new Map(),
      };
      interactions.set(state.id, state);
      interactionsByToken.set(state.token, state);
      gateway.dispatch(shard, 'INTERACTION_CREATE', payload);
      return state.id;
    },

    sendMessage(init, shardId) {
      const m = userMessage(init, botUser);
      const id = String(m.id);
      const count = gateway.identifiedShardCount() ?? shards;
      const shard = shardId ?? (typeof m.guild_id === 'string' ? P.shardForGuild(m.guild_id, count) : 0);
      const data = delivered(m, gateway.intentsOf(shard) ?? 0, botUserId);
      if (data) gateway.dispatch(shard, 'MESSAGE_CREATE', data);
      return { id, message: m, delivered: data !== undefined };
    },

    repliesTo: (messageId) =>
      requests.items.filter((r) => {
        const ref = r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && typeof r.body === 'object' && r.body !== null ? (r.body as P.Json).message_reference : undefined;
        return typeof ref === 'object' && ref !== null && (ref as P.Json).message_id === messageId;
      }),

    dispatch(event, data, shardId = 0) {
      return gateway.dispatch(shardId, event, data);
    },

    chatInputInteraction: (name, options, ctx = {}) => P.chatInputInteraction(name, options, { applicationId, ...ctx }),
    autocompleteInteraction: (name, options, focused, ctx = {}) => P.autocompleteInteraction(name, options, focused, { applicationId, ...ctx }),
    buttonInteraction: (customId, ctx = {}) => P.buttonInteraction(customId, { applicationId, ...ctx }),
    messageContextMenuInteraction: (name, target, ctx = {}) => P.messageContextMenuInteraction(name, target, { applicationId, ...ctx }),
    modalSubmitInteraction: (customId, fields, ctx = {}) => P.modalSubmitInteraction(customId, fields, { applicationId, ...ctx }),
    message: (init = {}) => P.message({ guildId: P.DEFAULT_IDS.guildId, ...init }),

    interactionResponses,

    async waitForInteractionResponses(interactionId, count = 1, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const ok = (): RecordedRequest[] => interactionResponses(interactionId).filter((r) => r.status !== undefined && r.status < 400);
      if (ok().length >= count) return ok();
      await requests.wait(
        () => ok().length >= count,
        timeoutMs,
        () =>
          `${count} successful response(s) to interaction ${interactionId}; got: ${
            interactionResponses(interactionId)
              .map((r) => `${r.method} ${r.path} → ${r.status ?? '…'}`)
              .join(', ') || 'none'
          }`,
        false,
      );
      return ok();
    },

    interactionState: (interactionId) => interactions.get(interactionId),

    failNext(match, response, times = 1) {
      failures.push({ match, response, remaining: times });
    },

    dropConnections(o) {
      gateway.drop(o);
    },
    requestReconnect(shardId) {
      gateway.requestReconnect(shardId);
    },
    invalidateSession(shardId, resumable) {
      gateway.invalidateSession(shardId, resumable);
    },

    async close() {
      if (closed) return;
      closed = true;
      requests.cancelAll('closed');
      events.cancelAll('closed');
      gateway.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fake;
}
