/**
 * The gateway half of the fake Discord: JSON encoding, no compression, HELLO / HEARTBEAT_ACK,
 * IDENTIFY → READY (+ GUILD_CREATE per guild of the shard), RESUME → replay + RESUMED.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import { guildCreate, shardForGuild, type Json } from './payloads.ts';
import type { FakeGuild, GatewayEvent, IdentifyRecord, Watch } from './types.ts';

export interface GatewayContext {
  token: string | undefined;
  botUser: Json;
  applicationId: string;
  guilds: FakeGuild[];
  heartbeatIntervalMs: number;
  gatewayUrl(): string;
  resumeUrl(): string;
  events: Watch<GatewayEvent>;
  identifies: IdentifyRecord[];
}

interface Session {
  id: string;
  shardId: number;
  shardCount: number;
  /** The intents the client identified with. */
  intents: number;
  seq: number;
  /** Every dispatch sent in this session (for replay on RESUME). */
  history: Array<{ s: number; text: string }>;
  socket: WebSocket | null;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
}

const MAX_HISTORY = 1000;

export class FakeGateway {
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  /** The live (latest identified) session of each shard. */
  private readonly shardSessions = new Map<number, Session>();

  constructor(private readonly ctx: GatewayContext) {}

  handleConnection(socket: WebSocket, req: IncomingMessage): void {
    const conn: Connection = { socket, session: null };
    this.connections.add(conn);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.log({ type: 'connect', detail: `${url.pathname}${url.search}` });
    if (url.searchParams.get('encoding') && url.searchParams.get('encoding') !== 'json') {
      socket.close(4002, 'Only JSON encoding is supported by the fake');
      return;
    }
    if (url.searchParams.has('compress')) {
      // zlib-stream would need a binary deflate stream; discord.js only asks for it when zlib-sync is installed.
      socket.close(4002, 'Transport compression is not supported by the fake');
      return;
    }
    socket.on('message', (raw, isBinary) => this.onMessage(conn, isBinary ? null : raw.toString()));
    socket.on('close', (code) => {
      this.connections.delete(conn);
      if (conn.session && conn.session.socket === socket) conn.session.socket = null;
      this.log({ type: 'close', shardId: conn.session?.shardId, sessionId: conn.session?.id, detail: String(code) });
    });
    socket.on('error', () => {
      /* abrupt disconnects are expected */
    });
    this.send(socket, { op: 10, d: { heartbeat_interval: this.ctx.heartbeatIntervalMs, _trace: ['["fake-discord-gateway"]'] }, s: null, t: null });
  }

  /** Sends a dispatch to a shard's session; buffered for replay when the shard is disconnected. Returns its sequence number. */
  dispatch(shardId: number, t: string, d: unknown): number {
    const session = this.shardSessions.get(shardId);
    if (!session) throw new Error(`fake-discord: shard ${shardId} has no session (has it identified?)`);
    return this.dispatchTo(session, t, d);
  }

  /** Shard count the client identified with (from the first live session), if any. */
  identifiedShardCount(): number | undefined {
    for (const s of this.shardSessions.values()) return s.shardCount;
    return undefined;
  }

  /** The intents the shard's live session identified with, if it has one. */
  intentsOf(shardId: number): number | undefined {
    return this.shardSessions.get(shardId)?.intents;
  }

  hasSession(shardId: number): boolean {
    return this.shardSessions.has(shardId);
  }

  /** Terminates sockets abruptly (close code 1006 on the client → discord.js resumes), or closes with `code`. */
  drop(opts: { code?: number; shardId?: number } = {}): void {
    for (const conn of [...this.connections]) {
      if (opts.shardId !== undefined && conn.session?.shardId !== opts.shardId) continue;
      if (opts.code === undefined) conn.socket.terminate();
      else conn.socket.close(opts.code, 'fake-discord closed the connection');
    }
  }

  /** op 7 RECONNECT: the client should reconnect and RESUME. */
  requestReconnect(shardId?: number): void {
    for (const conn of this.connections) {
      if (shardId !== undefined && conn.session?.shardId !== shardId) continue;
      if (conn.session) this.send(conn.socket, { op: 7, d: null, s: null, t: null });
    }
  }

  /** op 9 INVALID_SESSION on the shard's socket; when not resumable the session is forgotten. */
  invalidateSession(shardId: number, resumable = false): void {
    const session = this.shardSessions.get(shardId);
    if (!session) return;
    if (!resumable) this.forget(session);
    if (session.socket) this.send(session.socket, { op: 9, d: resumable, s: null, t: null });
    this.log({ type: 'invalid_session', shardId, sessionId: session.id, detail: String(resumable) });
  }

  close(): void {
    for (const conn of this.connections) conn.socket.terminate();
    this.connections.clear();
  }

  private forget(session: Session): void {
    this.sessions.delete(session.id);
    if (this.shardSessions.get(session.shardId) === session) this.shardSessions.delete(session.shardId);
  }

  private log(e: Omit<GatewayEvent, 'at'>): void {
    this.ctx.events.push({ ...e, at: Date.now() });
  }

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  private dispatchTo(session: Session, t: string, d: unknown): number {
    const s = ++session.seq;
    const text = JSON.stringify({ op: 0, t, s, d });
    session.history.push({ s, text });
    if (session.history.length > MAX_HISTORY) session.history.shift();
    if (session.socket && session.socket.readyState === WebSocket.OPEN) session.socket.send(text);
    this.log({ type: 'dispatch', shardId: session.shardId, sessionId: session.id, detail: t, seq: s });
    return s;
  }

  private onMessage(conn: Connection, text: string | null): void {
    let payload: unknown;
    try {
      payload = text === null ? null : JSON.parse(text);
    } catch {
      payload = null;
    }
    if (typeof payload !== 'object' || payload === null || !('op' in payload)) {
      conn.socket.close(4002, 'Decode error');
      return;
    }
    const { op, d } = payload as { op: unknown; d: unknown };
    const data = typeof d === 'object' && d !== null ? (d as Json) : {};
    switch (op) {
      case 1: // HEARTBEAT
        this.log({ type: 'heartbeat', shardId: conn.session?.shardId });
        this.send(conn.socket, { op: 11, d: null, s: null, t: null });
        return;
      case 2:
        this.identify(conn, data);
        return;
      case 6:
        this.resume(conn, data);
        return;
      case 3: // PRESENCE_UPDATE
      case 4: // VOICE_STATE_UPDATE
      case 8: // REQUEST_GUILD_MEMBERS
      case 31: // REQUEST_SOUNDBOARD_SOUNDS
        if (!conn.session) conn.socket.close(4003, 'Not authenticated.');
        return;
      default:
        conn.socket.close(4001, 'Unknown opcode.');
    }
  }

  private tokenOk(token: unknown): token is string {
    if (typeof token !== 'string' || token.length === 0) return false;
    const t = token.startsWith('Bot ') ? token.slice(4) : token;
    return this.ctx.token === undefined || t === this.ctx.token;
  }

  private identify(conn: Connection, d: Json): void {
    if (conn.session) {
      conn.socket.close(4005, 'Already authenticated.');
      return;
    }
    const shardRaw = d.shard;
    const shard =
      Array.isArray(shardRaw) && shardRaw.length === 2 && shardRaw.every((n) => typeof n === 'number')
        ? ([shardRaw[0], shardRaw[1]] as [number, number])
        : undefined;
    this.ctx.identifies.push({
      shard,
      token: typeof d.token === 'string' ? d.token : '',
      intents: typeof d.intents === 'number' ? d.intents : 0,
      compress: d.compress === true,
      properties: d.properties,
    });
    if (!this.tokenOk(d.token)) {
      conn.socket.close(4004, 'Authentication failed.');
      return;
    }
    const [shardId, shardCount] = shard ?? [0, 1];
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      conn.socket.close(4010, 'Invalid shard.');
      return;
    }
    const old = this.shardSessions.get(shardId);
    if (old) this.forget(old);
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    const session: Session = { id: randomBytes(16).toString('hex'), shardId, shardCount, intents, seq: 0, history: [], socket: conn.socket };
    this.sessions.set(session.id, session);
    this.shardSessions.set(shardId, session);
    conn.session = session;
    this.log({ type: 'identify', shardId, sessionId: session.id });

    const guilds = this.ctx.guilds.filter((g) => shardForGuild(g.id, shardCount) === shardId);
    this.dispatchTo(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...this.ctx.botUser, verified: true, mfa_enabled: false, email: null, flags: 0 },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      guild_join_requests: [],
      relationships: [],
      private_channels: [],
      presences: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.ctx.resumeUrl(),
      shard: [shardId, shardCount],
      application: { id: this.ctx.applicationId, flags: 0 },
      auth: {},
      geo_ordered_rtc_regions: ['fake'],
      _trace: ['["fake-discord-gateway"]'],
    });
    this.log({ type: 'ready', shardId, sessionId: session.id });
    for (const g of guilds) this.dispatchTo(session, 'GUILD_CREATE', guildCreate(g, this.ctx.botUser));
  }

  private resume(conn: Connection, d: Json): void {
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (!this.tokenOk(d.token)) {
      conn.socket.close(4004, 'Authentication failed.');
      return;
    }
    if (!session || seq > session.seq) {
      this.log({ type: 'invalid_session', shardId: session?.shardId, sessionId: typeof d.session_id === 'string' ? d.session_id : undefined, detail: 'false' });
      this.send(conn.socket, { op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.socket && session.socket !== conn.socket) session.socket.terminate();
    session.socket = conn.socket;
    conn.session = session;
    this.log({ type: 'resume', shardId: session.shardId, sessionId: session.id, seq });
    for (const h of session.history) if (h.s > seq) conn.socket.send(h.text);
    this.dispatchTo(session, 'RESUMED', { _trace: ['["fake-discord-gateway"]'] });
    this.log({ type: 'resumed', shardId: session.shardId, sessionId: session.id });
  }
}
