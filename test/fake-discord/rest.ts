/**
 * The REST half of the fake Discord: API v10 routes a bot built on discord.js uses,
 * with every request recorded and optional injected failures.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { message, snowflake, type Json } from './payloads.ts';
import type { FailResponse, InteractionState, RecordedFile, RecordedRequest, Watch } from './types.ts';

export interface RestContext {
  /** Expected bot token; undefined → any "Bot x" is accepted. */
  token: string | undefined;
  applicationId: string;
  botUser: Json;
  application: Json;
  shards: number;
  maxConcurrency: number;
  initialResponseTimeoutMs: number | undefined;
  gatewayUrl(): string;
  baseUrl(): string;
  requests: Watch<RecordedRequest>;
  interactions: Map<string, InteractionState>;
  interactionsByToken: Map<string, InteractionState>;
  takeFailure(method: string, pathAndQuery: string): FailResponse | undefined;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const LOADING = 1 << 7;
const EPHEMERAL = 1 << 6;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function error(status: number, code: number, messageText: string): Reply {
  return { status, body: { message: messageText, code } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** JSON or multipart/form-data (payload_json + files[n]) bodies, as @discordjs/rest sends them. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files?: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined };
  const ct = contentType ?? '';
  if (ct.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': ct } }).formData();
    const files: RecordedFile[] = [];
    const fields: Json = {};
    let payload: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') payload = JSON.parse(value);
        else fields[field] = value;
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field, filename: value.name, contentType: value.type, size: data.length, data });
      }
    }
    return { body: payload ?? fields, files };
  }
  const text = raw.toString('utf8');
  if (ct.includes('json')) return { body: JSON.parse(text) };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text };
  }
}

function headerRecord(req: IncomingMessage): Record<string, string | string[] | undefined> {
  return { ...req.headers };
}

export class FakeRest {
  /** Registered application commands: key "global" or a guild id. */
  readonly commands = new Map<string, Json[]>();
  /** Messages the bot created with POST /channels/:id/messages. */
  readonly channelMessages: Json[] = [];
  private commandIdsByName = new Map<string, string>();

  constructor(private readonly ctx: RestContext) {}

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    void this.handleAsync(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake-discord internal error: ${String(err)}`, code: 0 }));
      }
    });
  };

  private async handleAsync(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    let parsed: { body: unknown; files?: RecordedFile[] };
    try {
      parsed = await parseBody(raw, req.headers['content-type']);
    } catch {
      parsed = { body: raw.toString('utf8') };
    }
    const versioned = /^\/api\/v(\d+)(\/.*)?$/.exec(url.pathname);
    const rawPath = versioned ? (versioned[2] ?? '/') : url.pathname;
    let path: string;
    try {
      path = decodeURIComponent(rawPath); // discord.js sends @original as %40original
    } catch {
      path = rawPath;
    }
    const rec: RecordedRequest = {
      index: this.ctx.requests.items.length,
      at: Date.now(),
      method,
      path,
      query: Object.fromEntries(url.searchParams.entries()),
      url: rawUrl,
      headers: headerRecord(req),
      body: parsed.body,
    };
    if (parsed.files && parsed.files.length > 0) rec.files = parsed.files;
    this.ctx.requests.items.push(rec);

    let reply: Reply;
    const failure = this.ctx.takeFailure(method, path + url.search);
    if (failure) {
      if (failure.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
      reply = injectedReply(failure);
      rec.injected = true;
    } else if (!versioned) {
      reply = error(404, 0, '404: Not Found');
    } else {
      reply = this.route(method, path, rec);
    }
    rec.status = reply.status;
    rec.response = reply.body;
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    if (reply.body !== undefined && reply.status !== 204) {
      headers['content-type'] = 'application/json';
      res.writeHead(reply.status, headers);
      res.end(JSON.stringify(reply.body));
    } else {
      res.writeHead(reply.status, headers);
      res.end();
    }
    this.ctx.requests.notify(rec);
  }

  private authorized(rec: RecordedRequest): boolean {
    const auth = rec.headers.authorization;
    if (typeof auth !== 'string' || !auth.startsWith('Bot ')) return false;
    const token = auth.slice(4);
    return this.ctx.token === undefined ? token.length > 0 : token === this.ctx.token;
  }

  private route(method: string, path: string, rec: RecordedRequest): Reply {
    const seg = path.split('/').filter(Boolean);
    const body = isObject(rec.body) ? rec.body : {};

    // Routes authenticated by the interaction/webhook token: discord.js sends them with auth: false.
    if (seg[0] === 'interactions' && seg.length === 4 && seg[3] === 'callback' && method === 'POST') {
      return this.interactionCallback(seg[1] ?? '', seg[2] ?? '', body, rec);
    }
    if (seg[0] === 'webhooks' && seg.length >= 3) {
      return this.webhook(method, seg, body, rec);
    }

    if (!this.authorized(rec)) return error(401, 0, '401: Unauthorized');

    const key = `${method} /${seg.join('/')}`;
    if (key === 'GET /gateway') return { status: 200, body: { url: this.ctx.gatewayUrl() } };
    if (key === 'GET /gateway/bot') {
      return {
        status: 200,
        body: {
          url: this.ctx.gatewayUrl(),
          shards: this.ctx.shards,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: this.ctx.maxConcurrency },
        },
      };
    }
    if (key === 'GET /users/@me') return { status: 200, body: this.ctx.botUser };
    if (key === 'GET /applications/@me' || key === 'GET /oauth2/applications/@me') return { status: 200, body: this.ctx.application };

    if (seg[0] === 'applications') return this.commandsRoute(method, seg, rec.body);

    if (seg[0] === 'channels' && seg[1]) {
      const channelId = seg[1];
      if (method === 'GET' && seg.length === 2) {
        return { status: 200, body: { id: channelId, type: 0, name: 'general', position: 0, flags: 0, permission_overwrites: [] } };
      }
      if (method === 'POST' && seg[2] === 'typing' && seg.length === 3) return { status: 204 };
      if (method === 'POST' && seg[2] === 'messages' && seg.length === 3) {
        const msg = this.messageFromBody(body, rec.files, { channelId, author: this.ctx.botUser });
        this.channelMessages.push(msg);
        return { status: 200, body: msg };
      }
    }
    return error(404, 0, '404: Not Found');
  }

  // ---- application commands -------------------------------------------------------------

  private commandsRoute(method: string, seg: string[], body: unknown): Reply {
    const appId = seg[1];
    if (appId !== this.ctx.applicationId) return error(404, 10002, 'Unknown Application');
    let scope: string;
    let rest: string[];
    if (seg[2] === 'commands') {
      scope = 'global';
      rest = seg.slice(3);
    } else if (seg[2] === 'guilds' && seg[3] && seg[4] === 'commands') {
      scope = seg[3];
      rest = seg.slice(5);
    } else {
      return error(404, 0, '404: Not Found');
    }
    const current = this.commands.get(scope) ?? [];
    if (rest.length === 0) {
      if (method === 'GET') return { status: 200, body: current };
      if (method === 'PUT') {
        if (!Array.isArray(body)) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
        const cmds = body.map((c: unknown) => this.echoCommand(scope, isObject(c) ? c : {}));
        this.commands.set(scope, cmds);
        return { status: 200, body: cmds };
      }
      if (method === 'POST') {
        const cmd = this.echoCommand(scope, isObject(body) ? body : {});
        const next = current.filter((c) => c.name !== cmd.name);
        next.push(cmd);
        this.commands.set(scope, next);
        return { status: 201, body: cmd };
      }
    } else if (rest.length === 1) {
      const found = current.find((c) => c.id === rest[0]);
      if (!found) return error(404, 10063, 'Unknown application command');
      if (method === 'GET') return { status: 200, body: found };
      if (method === 'DELETE') {
        this.commands.set(
          scope,
          current.filter((c) => c !== found),
        );
        return { status: 204 };
      }
      if (method === 'PATCH') {
        const updated = this.echoCommand(scope, { ...found, ...(isObject(body) ? body : {}) });
        this.commands.set(
          scope,
          current.map((c) => (c === found ? updated : c)),
        );
        return { status: 200, body: updated };
      }
    }
    return error(405, 0, '405: Method Not Allowed');
  }

  private echoCommand(scope: string, c: Json): Json {
    const type = typeof c.type === 'number' ? c.type : 1;
    const name = typeof c.name === 'string' ? c.name : '';
    const idKey = `${scope}:${type}:${name}`;
    let id = this.commandIdsByName.get(idKey);
    if (!id) {
      id = snowflake();
      this.commandIdsByName.set(idKey, id);
    }
    const out: Json = {
      description: '',
      default_member_permissions: null,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      ...c,
      id,
      application_id: this.ctx.applicationId,
      version: snowflake(),
      type,
      name,
    };
    if (scope !== 'global') out.guild_id = scope;
    return out;
  }

  // ---- interactions -----------------------------------------------------------------------

  private interactionCallback(id: string, token: string, body: Json, rec: RecordedRequest): Reply {
    const state = this.ctx.interactions.get(id);
    if (!state || state.token !== token) return error(404, 10062, 'Unknown interaction');
    const timeout = this.ctx.initialResponseTimeoutMs;
    if (timeout !== undefined && rec.at - state.dispatchedAt > timeout) return error(404, 10062, 'Unknown interaction');
    if (state.responseType !== undefined) return error(400, 40060, 'Interaction has already been acknowledged.');
    const type = typeof body.type === 'number' ? body.type : -1;
    const data = isObject(body.data) ? body.data : {};
    const componentMessage = isObject(state.payload.message) ? state.payload.message : undefined;
    const flags = typeof data.flags === 'number' ? data.flags : 0;

    switch (type) {
      case 1: // PONG
        break;
      case 4: // CHANNEL_MESSAGE_WITH_SOURCE
        state.original = this.interactionMessage(state, data, rec.files, flags);
        break;
      case 5: // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        state.original = this.interactionMessage(state, {}, undefined, (flags & EPHEMERAL) | LOADING);
        break;
      case 6: // DEFERRED_UPDATE_MESSAGE
      case 7: // UPDATE_MESSAGE
        if (state.type !== 3 && state.type !== 5) return error(400, 40043, 'Interaction type does not support this response type');
        if (componentMessage) {
          state.original = type === 7 ? this.applyEdit({ ...componentMessage }, data, rec.files) : { ...componentMessage };
        }
        break;
      case 8: // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        if (state.type !== 4) return error(400, 40043, 'Interaction type does not support this response type');
        break;
      case 9: // MODAL
      case 10: // PREMIUM_REQUIRED (deprecated)
      case 12: // LAUNCH_ACTIVITY
        break;
      default:
        return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.' }] } } } };
    }
    state.responseType = type;

    if (rec.query.with_response !== 'true') return { status: 204 };
    const interaction: Json = { id: state.id, type: state.type };
    const resource: Json = { type };
    if (state.original && (type === 4 || type === 5 || type === 7)) {
      const origFlags = typeof state.original.flags === 'number' ? state.original.flags : 0;
      interaction.response_message_id = state.original.id;
      interaction.response_message_loading = (origFlags & LOADING) !== 0;
      interaction.response_message_ephemeral = (origFlags & EPHEMERAL) !== 0;
      resource.message = state.original;
    }
    return { status: 200, body: { interaction, resource } };
  }

  private webhook(method: string, seg: string[], body: Json, rec: RecordedRequest): Reply {
    const [, appId, token] = seg;
    const state = token ? this.ctx.interactionsByToken.get(token) : undefined;
    if (!state || appId !== this.ctx.applicationId) return error(404, 10015, 'Unknown Webhook');
    if (seg.length === 3) {
      if (method !== 'POST') return error(405, 0, '405: Method Not Allowed');
      if (state.responseType === undefined) return error(404, 10015, 'Unknown Webhook');
      const data = body;
      const flags = typeof data.flags === 'number' ? data.flags : 0;
      let msg: Json;
      const orig = state.original;
      if (orig && typeof orig.flags === 'number' && (orig.flags & LOADING) !== 0) {
        // Discord: the first follow-up after a deferred reply edits the loading message.
        msg = this.applyEdit(orig, data, rec.files);
        msg.flags = (orig.flags & ~LOADING) | (flags & ~EPHEMERAL);
        msg.edited_timestamp = null;
      } else {
        msg = this.interactionMessage(state, data, rec.files, flags);
        state.followUps.set(String(msg.id), msg);
      }
      return rec.query.wait === 'true' ? { status: 200, body: msg } : { status: 204 };
    }
    if (seg[3] !== 'messages' || seg.length !== 5) return error(404, 0, '404: Not Found');
    const messageId = seg[4] ?? '';
    const isOriginal = messageId === '@original' || (state.original !== undefined && state.original.id === messageId);
    const target = isOriginal ? state.original : state.followUps.get(messageId);
    if (!target) return error(404, 10008, 'Unknown Message');
    if (method === 'GET') return { status: 200, body: target };
    if (method === 'DELETE') {
      if (isOriginal) state.original = undefined;
      else state.followUps.delete(messageId);
      return { status: 204 };
    }
    if (method === 'PATCH') {
      const wasLoading = typeof target.flags === 'number' && (target.flags & LOADING) !== 0;
      const edited = this.applyEdit(target, body, rec.files);
      if (typeof edited.flags === 'number') edited.flags &= ~LOADING;
      edited.edited_timestamp = wasLoading ? null : new Date().toISOString();
      return { status: 200, body: edited };
    }
    return error(405, 0, '405: Method Not Allowed');
  }

  private interactionMessage(state: InteractionState, data: Json, files: RecordedFile[] | undefined, flags: number): Json {
    const payloadData = isObject(state.payload.data) ? state.payload.data : {};
    const user = isObject(state.payload.member) ? state.payload.member.user : state.payload.user;
    return this.messageFromBody({ ...data, flags }, files, {
      channelId: typeof state.payload.channel_id === 'string' ? state.payload.channel_id : undefined,
      guildId: typeof state.payload.guild_id === 'string' ? state.payload.guild_id : null,
      author: this.ctx.botUser,
      applicationId: this.ctx.applicationId,
      webhookId: this.ctx.applicationId,
      type: state.type === 2 ? (payloadData.type === 1 ? 20 : 23) : 19,
      interactionMetadata: {
        id: state.id,
        type: state.type,
        user: isObject(user) ? user : {},
        authorizing_integration_owners: state.payload.authorizing_integration_owners ?? {},
        ...(state.type === 2 && typeof payloadData.name === 'string' ? { name: payloadData.name, command_type: payloadData.type } : {}),
      },
    });
  }

  private messageFromBody(
    body: Json,
    files: RecordedFile[] | undefined,
    base: {
      channelId?: string;
      guildId?: string | null;
      author: Json;
      applicationId?: string;
      webhookId?: string;
      type?: number;
      interactionMetadata?: Json;
    },
  ): Json {
    const msg = message({
      ...base,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      attachments: this.attachments(body, files),
      flags: typeof body.flags === 'number' ? body.flags : 0,
    });
    if (body.tts === true) msg.tts = true;
    return msg;
  }

  /** Applies a PATCH/update body to a stored message in place and returns it. */
  private applyEdit(target: Json, body: Json, files: RecordedFile[] | undefined): Json {
    if ('content' in body) target.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) target.embeds = Array.isArray(body.embeds) ? body.embeds : [];
    if ('components' in body) target.components = Array.isArray(body.components) ? body.components : [];
    if ('attachments' in body || (files && files.length > 0)) target.attachments = this.attachments(body, files);
    if (typeof body.flags === 'number') {
      const current = typeof target.flags === 'number' ? target.flags : 0;
      // Only SUPPRESS_EMBEDS (4) and IS_COMPONENTS_V2 (32768) can be changed by an edit.
      target.flags = (current & ~(4 | 32768)) | (body.flags & (4 | 32768));
    }
    return target;
  }

  private attachments(body: Json, files: RecordedFile[] | undefined): unknown[] {
    const declared = Array.isArray(body.attachments) ? body.attachments.filter(isObject) : [];
    const out: Json[] = [];
    (files ?? []).forEach((f, i) => {
      const m = /^files\[(\d+)\]$/.exec(f.field);
      const idx = m ? Number(m[1]) : i;
      const meta = declared.find((a) => String(a.id) === String(idx));
      const id = snowflake();
      const filename = typeof meta?.filename === 'string' ? meta.filename : f.filename;
      out.push({
        id,
        filename,
        size: f.size,
        url: `${this.ctx.baseUrl()}/attachments/${id}/${encodeURIComponent(filename)}`,
        proxy_url: `${this.ctx.baseUrl()}/attachments/${id}/${encodeURIComponent(filename)}`,
        content_type: f.contentType,
        ...(typeof meta?.description === 'string' ? { description: meta.description } : {}),
      });
    });
    // Kept attachments (already uploaded: their id is a snowflake, not a file index).
    for (const a of declared) {
      if (typeof a.id === 'string' && a.id.length > 5 && !out.some((o) => o.id === a.id)) out.push(a);
    }
    return out;
  }
}

function injectedReply(f: FailResponse): Reply {
  const headers: Record<string, string> = { ...(f.headers ?? {}) };
  let body = f.body;
  if (f.status === 429) {
    const given = isObject(body) && typeof body.retry_after === 'number' ? body.retry_after : undefined;
    const headerGiven = Object.keys(headers).find((h) => h.toLowerCase() === 'retry-after');
    const retryAfter = given ?? (headerGiven ? Number(headers[headerGiven]) : 0.1);
    if (!headerGiven) headers['retry-after'] = String(retryAfter);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'x-ratelimit-scope')) headers['x-ratelimit-scope'] = 'user';
    body ??= { message: 'You are being rate limited.', retry_after: retryAfter, global: false };
  }
  if (body === undefined && f.status >= 400) {
    body = { message: `${f.status}: injected failure`, code: 0 };
  }
  return { status: f.status, body, headers };
}
