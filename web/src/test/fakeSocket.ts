import { SocketClient, type SocketLike, type SocketOptions } from '../api/socket';
import type * as Contract from '../api/contract';

/** A frame the client sent, as the server reads it. */
export interface SentFrame {
  type: string;
  id?: string;
  payload?: Record<string, unknown>;
}

/** A WebSocket stand-in: records what the client sent and lets a test play the server. */
export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: SentFrame[] = [];
  closedWith: number | null = null;
  /** answer every ping with a pong, as the gateway does */
  autoPong = false;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static last(): FakeSocket {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }

  send(data: string): void {
    const frame = JSON.parse(data) as SentFrame;
    this.sent.push(frame);
    if (this.autoPong && frame.type === 'ping') queueMicrotask(() => this.push({ type: 'pong', id: frame.id, payload: { serverTime: 0 } }));
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  // ---- server side ----
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  push(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  ready(conversations: object[] = [], user = { phone: '10001', nickname: 'A', avatar: null, signature: '', createdAt: 0 }): void {
    this.open();
    this.push({ type: 'session.ready', payload: { user, serverTime: Date.now(), conversations } });
  }

  ack(id: string | undefined, payload: object = {}): void {
    this.push({ type: 'ack', id, payload });
  }

  error(id: string | undefined, code: string, message = code): void {
    this.push({ type: 'error', id, payload: { code, message } });
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  sentOf(type: string) {
    return this.sent.filter((f) => f.type === type);
  }
}

/** A SocketClient on FakeSockets (`FakeSocket.last()` is its connection), with a 15-minute token. */
export function testSocketClient(overrides: Partial<SocketOptions> = {}): SocketClient {
  return new SocketClient({
    url: (token) => `ws://test/ws?access_token=${token}`,
    getToken: () => Promise.resolve('tok'),
    renewToken: () => Promise.resolve('tok2'),
    tokenExpiresAt: () => Date.now() + 900_000,
    createSocket: (url) => new FakeSocket(url),
    watchNetwork: () => () => {},
    ...overrides,
  });
}

/** A text message with this seq. */
export function testMessage(conversationId: string, seq: number, from = '10002'): Contract.Message {
  return { id: `m${conversationId}${seq}`, conversationId, seq, from, kind: 'text', content: { text: 'x' + seq }, clientMsgId: null, createdAt: seq, recalled: false };
}
