import { ApiError } from './errors';
import { isServerEvent, type PushedEvent, type ServerFrame } from './events';
import type { SessionReady } from './types';

export type SocketState = 'idle' | 'connecting' | 'ready' | 'offline' | 'closed';

/** A frame as it travels; what a pushed event's payload holds is `ServerEventPayloads`'s to say. */
export interface Frame {
  type: string;
  id?: string;
  payload?: unknown;
}

/** The payload of an `error` frame (contract: code, message; retryAfter when rate limited). */
interface ErrorPayload {
  code?: string;
  message?: string;
  retryAfter?: number | null;
}

/** The part of the browser WebSocket this client uses (a fake one in tests). */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface SocketOptions {
  /** ws url for a token, e.g. ws://host/ws?access_token=... */
  url: (token: string) => string;
  /** a valid access token (refreshing it when it is about to expire) */
  getToken: () => Promise<string>;
  /** spends the refresh token for a new access token (for in-band `auth`) */
  renewToken: () => Promise<string>;
  /** when the current access token expires (epoch ms) */
  tokenExpiresAt: () => number;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  now?: () => number;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  requestTimeoutMs?: number;
  queueTimeoutMs?: number;
  /** subscribe to the browser's online/offline events; returns an unsubscribe */
  watchNetwork?: (online: () => void, offline: () => void) => () => void;
}

interface Pending {
  id: string;
  frame: Frame;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** sent again after a reconnect if the connection died before the answer (idempotent frames) */
  resend: boolean;
  sent: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface RequestOptions {
  /** hold the frame while offline and send it once connected (default true) */
  queue?: boolean;
  /** resend after a reconnect when unanswered (default: only idempotent types) */
  resend?: boolean;
  timeoutMs?: number;
}

type Listener<T> = (value: T) => void;

interface Events {
  state: SocketState;
  ready: SessionReady;
  /** a pushed event of the contract's catalogue (others are dropped) */
  event: ServerFrame<PushedEvent>;
  /** close code when the server ends the session (4001) and no new token could be had */
  unauthorized: number;
}

const IDEMPOTENT = new Set(['message.send', 'message.recall', 'message.read', 'history', 'auth']);
const OPEN = 1;

function defaultWatchNetwork(online: () => void, offline: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  };
}

/**
 * The WebSocket client: correlates requests with their ack or error, waits for session.ready,
 * queues frames while offline, reconnects with exponential backoff and jitter, renews the token
 * in band before it expires, and keeps the connection alive with pings. Transport only: what the
 * events mean is the frame router's (store/frameRouter.ts), filling seq gaps the gap filler's
 * (api/gapFiller.ts).
 */
export class SocketClient {
  private readonly opts: Required<Omit<SocketOptions, 'createSocket'>> & { createSocket: (url: string) => SocketLike };
  private ws: SocketLike | null = null;
  private nextId = 1;
  private pending = new Map<string, Pending>();
  private outbox: Pending[] = [];
  private listeners = new Map<keyof Events, Set<Listener<never>>>();
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private authTimer: ReturnType<typeof setTimeout> | null = null;
  private unwatch: (() => void) | null = null;
  private running = false;
  private browserOffline = false;
  state: SocketState = 'idle';
  /** connections opened so far (the first is not a "reconnect") */
  connections = 0;

  constructor(opts: SocketOptions) {
    this.opts = {
      createSocket: opts.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      random: Math.random,
      now: Date.now,
      // a link that silently stops carrying data is noticed within 5 + 4 s (issue 16, defect 9)
      pingIntervalMs: 5_000,
      pongTimeoutMs: 4_000,
      requestTimeoutMs: 20_000,
      queueTimeoutMs: 120_000,
      watchNetwork: defaultWatchNetwork,
      ...opts,
    };
  }

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry = listener as Listener<never>;
    set.add(entry);
    return () => set.delete(entry);
  }

  private emit<K extends keyof Events>(event: K, value: Events[K]): void {
    this.listeners.get(event)?.forEach((l) => {
      try {
        (l as Listener<Events[K]>)(value);
      } catch (e) {
        console.error(e);
      }
    });
  }

  private setState(state: SocketState): void {
    if (this.state !== state) {
      this.state = state;
      this.emit('state', state);
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unwatch = this.opts.watchNetwork(() => this.onBrowserOnline(), () => this.onBrowserOffline());
    void this.connect();
  }

  /** Closes for good (logout): every waiting request fails. */
  stop(): void {
    this.running = false;
    this.unwatch?.();
    this.unwatch = null;
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.close(1000, 'bye');
    }
    const error = new ApiError('CLOSED', 'Connection closed');
    for (const p of [...this.pending.values(), ...this.outbox]) this.fail(p, error);
    this.pending.clear();
    this.outbox = [];
    this.setState('closed');
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    if (this.authTimer) clearTimeout(this.authTimer);
    this.reconnectTimer = this.pingTimer = this.pongTimer = this.authTimer = null;
  }

  private async connect(): Promise<void> {
    if (!this.running || this.ws) return;
    this.setState(this.browserOffline ? 'offline' : 'connecting');
    let token: string;
    try {
      token = await this.opts.getToken();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.emit('unauthorized', 4001);
        this.stop();
        return;
      }
      this.scheduleReconnect();
      return;
    }
    if (!this.running || this.ws) return;
    const ws = this.opts.createSocket(this.opts.url(token));
    this.ws = ws;
    ws.onmessage = (ev) => this.onFrame(ev.data);
    ws.onclose = (ev) => this.onClose(ws, ev.code);
    ws.onerror = () => {};
  }

  private onBrowserOffline(): void {
    this.browserOffline = true;
    // The browser says the network is gone; a socket may linger without noticing. Drop it now.
    if (this.ws) this.drop(this.ws, 4000);
    this.setState('offline');
  }

  private onBrowserOnline(): void {
    this.browserOffline = false;
    if (!this.running) return;
    this.attempt = 0;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    void this.connect();
  }

  /** Forces a fresh connection (used after a lost pong). */
  private drop(ws: SocketLike, code: number): void {
    ws.onclose = null;
    ws.onmessage = null;
    try {
      ws.close(code === 4000 ? 4000 : 1000);
    } catch {
      // already closed
    }
    this.onClose(ws, code);
  }

  private onClose(ws: SocketLike, code: number): void {
    if (this.ws !== ws) return;
    this.ws = null;
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    if (this.authTimer) clearTimeout(this.authTimer);
    this.pingTimer = this.pongTimer = this.authTimer = null;
    // Unanswered frames: the idempotent ones go back to the outbox, in their order; the rest fail.
    const unanswered = [...this.pending.values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
    this.pending.clear();
    const back: Pending[] = [];
    for (const p of unanswered) {
      if (p.resend) {
        p.sent = false;
        if (p.timer) clearTimeout(p.timer);
        p.timer = this.queueTimer(p);
        back.push(p);
      } else {
        this.fail(p, new ApiError('DISCONNECTED', 'Connection lost'));
      }
    }
    this.outbox = [...back, ...this.outbox];
    if (!this.running) return;
    if (code === 4001) {
      // Token expired or revoked: a fresh token (or the login page) decides.
      this.setState('connecting');
      void this.connect();
      return;
    }
    this.setState(this.browserOffline ? 'offline' : 'connecting');
    this.scheduleReconnect();
  }

  /** Exponential backoff, 0.5 s doubling up to 30 s, with full jitter in [50%, 100%]. */
  backoffDelay(attempt: number): number {
    const max = Math.min(30_000, 500 * 2 ** attempt);
    return Math.round(max / 2 + (this.opts.random() * max) / 2);
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    if (this.browserOffline) {
      this.setState('offline');
      return; // the online event reconnects
    }
    const delay = this.backoffDelay(this.attempt++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private onFrame(data: unknown): void {
    let frame: Frame;
    try {
      frame = JSON.parse(String(data)) as Frame;
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== 'string') return;
    if (frame.type === 'session.ready') {
      this.onReady(frame.payload as SessionReady);
      return;
    }
    if ((frame.type === 'ack' || frame.type === 'error' || frame.type === 'pong') && frame.id) {
      const p = this.pending.get(frame.id);
      if (p) {
        this.pending.delete(frame.id);
        if (p.timer) clearTimeout(p.timer);
        if (frame.type === 'error') {
          const e: ErrorPayload = frame.payload ?? {};
          p.reject(new ApiError(e.code ?? 'INTERNAL', e.message ?? 'Error', 0, e.retryAfter ?? null));
        } else {
          p.resolve(frame.payload ?? {});
        }
      }
      return;
    }
    if (frame.type === 'ack' || frame.type === 'error' || frame.type === 'pong') return;
    // The one place where JSON from the wire is taken to be what the contract says it is.
    if (isServerEvent(frame.type)) this.emit('event', { type: frame.type, payload: frame.payload ?? {} } as ServerFrame<PushedEvent>);
  }

  private onReady(ready: SessionReady): void {
    this.attempt = 0;
    this.connections += 1;
    this.setState('ready');
    this.emit('ready', ready);
    this.startPing();
    this.scheduleAuth();
    const queued = this.outbox;
    this.outbox = [];
    for (const p of queued) {
      if (p.timer) clearTimeout(p.timer);
      p.timer = null;
      this.transmit(p);
    }
  }

  private startPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      const ws = this.ws;
      if (!ws || this.state !== 'ready') return;
      if (this.pongTimer) return;
      this.pongTimer = setTimeout(() => {
        this.pongTimer = null;
        if (this.ws === ws) this.drop(ws, 1006); // no pong: the link is dead
      }, this.opts.pongTimeoutMs);
      this.request('ping', {}, { queue: false, resend: false, timeoutMs: this.opts.pongTimeoutMs })
        .then(() => {
          if (this.pongTimer) clearTimeout(this.pongTimer);
          this.pongTimer = null;
        })
        .catch(() => {});
    }, this.opts.pingIntervalMs);
  }

  /** Renews the connection's token in band a minute before it expires (or at 80% of a short life). */
  private scheduleAuth(): void {
    if (this.authTimer) clearTimeout(this.authTimer);
    const remaining = this.opts.tokenExpiresAt() - this.opts.now();
    const lead = Math.min(60_000, remaining * 0.2);
    const delay = Math.max(1_000, remaining - lead);
    this.authTimer = setTimeout(() => {
      this.authTimer = null;
      void this.renewAuth();
    }, delay);
  }

  private async renewAuth(): Promise<void> {
    const ws = this.ws;
    if (!ws || this.state !== 'ready') return;
    try {
      const token = await this.opts.renewToken();
      await this.request('auth', { token }, { queue: false, resend: false });
      if (this.ws === ws) this.scheduleAuth();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.emit('unauthorized', 4001);
        this.stop();
        return;
      }
      // Try again shortly; at worst the server closes with 4001 and we reconnect with a fresh token.
      if (this.ws === ws) this.authTimer = setTimeout(() => void this.renewAuth(), 5_000);
    }
  }

  /** Sends a frame with an id; resolves with the ack payload, rejects with the error. */
  request<T = unknown>(type: string, payload: object = {}, opts: RequestOptions = {}): Promise<T> {
    const id = 'c' + this.nextId++;
    const queue = opts.queue ?? true;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = {
        id,
        frame: { type, id, payload },
        resolve: resolve as (v: unknown) => void,
        reject,
        resend: opts.resend ?? IDEMPOTENT.has(type),
        sent: false,
        timer: null,
      };
      if (opts.timeoutMs) (p as Pending & { timeoutMs?: number }).timeoutMs = opts.timeoutMs;
      if (this.state === 'ready' && this.ws && this.ws.readyState === OPEN) {
        this.transmit(p);
      } else if (queue && this.running) {
        p.timer = this.queueTimer(p);
        this.outbox.push(p);
      } else {
        reject(new ApiError('OFFLINE_CLIENT', 'Not connected'));
      }
    });
  }

  private queueTimer(p: Pending): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      const i = this.outbox.indexOf(p);
      if (i >= 0) this.outbox.splice(i, 1);
      this.fail(p, new ApiError('TIMEOUT', 'Not connected'));
    }, this.opts.queueTimeoutMs);
  }

  private transmit(p: Pending): void {
    const ws = this.ws;
    if (!ws) {
      this.outbox.push(p);
      return;
    }
    p.sent = true;
    this.pending.set(p.id, p);
    // An idempotent frame (message.send with its clientMsgId) is the outbox's to keep: it waits out
    // a dead link (found by the pings) and goes again on the next connection, failing only when
    // nothing answered it within the queue's time. Other frames fail after the request timeout.
    const timeout = (p as Pending & { timeoutMs?: number }).timeoutMs ?? (p.resend ? this.opts.queueTimeoutMs : this.opts.requestTimeoutMs);
    p.timer = setTimeout(() => {
      if (this.pending.get(p.id) === p) {
        this.pending.delete(p.id);
        this.fail(p, new ApiError('TIMEOUT', 'No answer from the server'));
      }
    }, timeout);
    try {
      ws.send(JSON.stringify(p.frame));
    } catch {
      // onclose will requeue or fail it
    }
  }

  private fail(p: Pending, error: ApiError): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    p.reject(error);
  }

  /** Frames whose outcome nobody waits for (typing). Dropped when not connected. */
  fire(type: string, payload: object): void {
    if (this.state !== 'ready' || !this.ws) return;
    try {
      this.ws.send(JSON.stringify({ type, payload }));
    } catch {
      // ignore
    }
  }
}
