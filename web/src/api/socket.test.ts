import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SocketClient } from './socket';
import { ApiError } from './errors';
import { FakeSocket, testMessage as msg, testSocketClient } from '../test/fakeSocket';
import type { Message, SessionReady } from './types';

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('SocketClient', () => {
  let online: () => void;
  let offline: () => void;
  let client: SocketClient;
  let random = 0.5;

  beforeEach(() => {
    FakeSocket.all = [];
    random = 0.5;
    client = testSocketClient({
      random: () => random,
      watchNetwork: (on, off) => {
        online = on;
        offline = off;
        return () => {};
      },
    });
  });

  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  async function connect(conversations: object[] = []): Promise<FakeSocket> {
    client.start();
    await flush();
    const ws = FakeSocket.last();
    ws.ready(conversations);
    return ws;
  }

  it('opens /ws with the access token and becomes ready on session.ready', async () => {
    const states: string[] = [];
    client.on('state', (s) => states.push(s));
    const ready = vi.fn<(ready: SessionReady) => void>();
    client.on('ready', ready);
    const ws = await connect();
    expect(ws.url).toBe('ws://test/ws?access_token=tok');
    expect(client.state).toBe('ready');
    expect(states).toEqual(['connecting', 'ready']);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(ready.mock.calls[0][0].user.phone).toBe('10001');
  });

  it('resolves a request with its ack and rejects with its error, matched by id', async () => {
    const ws = await connect();
    const first = client.request<{ message: Message }>('message.send', { to: '10002', clientMsgId: 'a', kind: 'text', content: { text: 'hi' } });
    const second = client.request('message.recall', { messageId: 'm1' });
    const [f1, f2] = ws.sent;
    expect(f1.type).toBe('message.send');
    expect(f1.id).not.toBe(f2.id);
    // answers out of order
    ws.error(f2.id, 'FORBIDDEN', 'not yours');
    ws.ack(f1.id, { message: msg('d_10001_10002', 7, '10001') });
    await expect(first).resolves.toMatchObject({ message: { seq: 7 } });
    const err = (await second.catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toBe('not yours');
  });

  it('queues requests while connecting and sends them after session.ready, in order', async () => {
    client.start();
    const p1 = client.request('message.send', { clientMsgId: '1' });
    const p2 = client.request('message.send', { clientMsgId: '2' });
    await flush();
    const ws = FakeSocket.last();
    ws.open();
    expect(ws.sent).toHaveLength(0); // nothing before session.ready
    ws.push({ type: 'session.ready', payload: { user: {}, serverTime: 0, conversations: [] } });
    expect(ws.sent.map((f) => f.payload?.clientMsgId)).toEqual(['1', '2']);
    ws.ack(ws.sent[0].id);
    ws.ack(ws.sent[1].id);
    await expect(Promise.all([p1, p2])).resolves.toHaveLength(2);
  });

  it('resends an unanswered message.send with the same frame after a reconnect', async () => {
    vi.useFakeTimers();
    client.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws1 = FakeSocket.last();
    ws1.ready();
    const sent = client.request('message.send', { clientMsgId: 'same', kind: 'text', content: { text: 'x' } });
    const typing = client.request<ApiError>('typing', { conversationId: 'c' });
    const typingFailed = typing.catch((e) => e as ApiError);
    expect(ws1.sent).toHaveLength(2);
    ws1.drop(1006);
    expect(client.state).toBe('connecting');
    expect((await typingFailed).code).toBe('DISCONNECTED');
    await vi.advanceTimersByTimeAsync(client.backoffDelay(0) + 1);
    const ws2 = FakeSocket.last();
    expect(ws2).not.toBe(ws1);
    ws2.ready();
    expect(ws2.sent).toHaveLength(1);
    expect(ws2.sent[0].payload).toMatchObject({ clientMsgId: 'same' });
    ws2.ack(ws2.sent[0].id, { message: msg('c', 1) });
    await expect(sent).resolves.toBeTruthy();
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    random = 0;
    expect(client.backoffDelay(0)).toBe(250);
    expect(client.backoffDelay(3)).toBe(2000);
    random = 1;
    expect(client.backoffDelay(0)).toBe(500);
    expect(client.backoffDelay(3)).toBe(4000);
    expect(client.backoffDelay(20)).toBe(30000);
    random = 0.5;
    const d = client.backoffDelay(4);
    expect(d).toBeGreaterThanOrEqual(4000);
    expect(d).toBeLessThanOrEqual(8000);
  });

  it('reconnects after repeated failures with growing delays', async () => {
    vi.useFakeTimers();
    random = 1;
    client.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(1);
    FakeSocket.last().drop(1006);
    await vi.advanceTimersByTimeAsync(499);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().drop(1006);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.last().ready();
    expect(client.state).toBe('ready');
  });

  it('drops the socket when the browser goes offline and reconnects at once when back online', async () => {
    const ws1 = await connect();
    offline();
    expect(client.state).toBe('offline');
    expect(ws1.closedWith).not.toBeNull();
    const queued = client.request('message.send', { clientMsgId: 'q' });
    online();
    await flush();
    const ws2 = FakeSocket.last();
    expect(ws2).not.toBe(ws1);
    ws2.ready();
    expect(ws2.sentOf('message.send')).toHaveLength(1);
    ws2.ack(ws2.sent[0].id);
    await expect(queued).resolves.toEqual({});
  });

  it('hands pushed events of the catalogue to its listeners, and drops types the contract does not name', async () => {
    const ws = await connect();
    const heard: string[] = [];
    client.on('event', (frame) => heard.push(frame.type));
    ws.push({ type: 'typing', payload: { conversationId: 'c1', from: '10002' } });
    ws.push({ type: 'no.such.event', payload: {} });
    ws.push({ type: 'call-ended', payload: { callId: 'x', reason: 'timeout' } });
    expect(heard).toEqual(['typing', 'call-ended']);
  });

  it('answers ping with pong and renews the token in band before it expires', async () => {
    vi.useFakeTimers();
    const now = Date.now();
    const c = new SocketClient({
      url: () => 'ws://x',
      getToken: () => Promise.resolve('t1'),
      renewToken: () => Promise.resolve('t2'),
      tokenExpiresAt: () => now + 120_000,
      now: () => Date.now(),
      createSocket: (url) => new FakeSocket(url),
      pingIntervalMs: 25_000,
      watchNetwork: () => () => {},
    });
    c.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.last();
    ws.autoPong = true;
    ws.ready();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(ws.sentOf('ping')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ws.sentOf('ping')).toHaveLength(3);
    expect(ws.closedWith).toBeNull(); // answered pings keep it open // 85 s: renewal is due at 120 s - 24 s = 96 s
    expect(ws.sentOf('auth')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(12_000);
    const auth = ws.sentOf('auth');
    expect(auth).toHaveLength(1);
    expect(auth[0].payload).toEqual({ token: 't2' });
    c.stop();
  });

  it('closes a connection whose pong never comes and opens another', async () => {
    vi.useFakeTimers();
    client.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws1 = FakeSocket.last();
    ws1.ready();
    await vi.advanceTimersByTimeAsync(25_000 + 10_000 + 1);
    expect(ws1.closedWith).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.all.length).toBe(2);
  });

  it('notices a link that silently stopped within 10 s and resends an unacked message.send with the same clientMsgId', async () => {
    vi.useFakeTimers();
    client.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws1 = FakeSocket.last();
    ws1.ready();
    const sent = client.request<{ message: { seq: number } }>('message.send', { conversationId: 'c', clientMsgId: 'm1', kind: 'text', content: { text: 'x' } });
    expect(ws1.sentOf('message.send')).toHaveLength(1);
    // the link carries nothing more: no ack, no pong
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ws1.closedWith).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    const ws2 = FakeSocket.last();
    expect(ws2).not.toBe(ws1);
    ws2.ready();
    const again = ws2.sentOf('message.send');
    expect(again).toHaveLength(1);
    expect(again[0].payload).toMatchObject({ clientMsgId: 'm1' });
    ws2.ack(again[0].id, { message: { seq: 7 } });
    await expect(sent).resolves.toEqual({ message: { seq: 7 } });
  });

  it('stop() fails pending requests and stays closed', async () => {
    const ws = await connect();
    const p = client.request('history', { conversationId: 'c' });
    expect(ws.sent).toHaveLength(1);
    client.stop();
    await expect(p).rejects.toMatchObject({ code: 'CLOSED' });
    expect(client.state).toBe('closed');
  });
});
