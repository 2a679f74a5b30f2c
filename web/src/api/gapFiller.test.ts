import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GapFiller } from './gapFiller';
import type { SocketClient } from './socket';
import type { Message } from './types';
import { FakeSocket, testMessage as msg, testSocketClient } from '../test/fakeSocket';

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('GapFiller', () => {
  let client: SocketClient;
  let gaps: GapFiller;
  let got: Message[];

  beforeEach(() => {
    FakeSocket.all = [];
    got = [];
    client = testSocketClient({ random: () => 0.5 });
    gaps = new GapFiller(client, (_, messages) => got.push(...messages));
  });

  /** The client connected, and its connection ready. */
  async function connected(): Promise<FakeSocket> {
    client.start();
    await flush();
    const ws = FakeSocket.last();
    ws.ready();
    return ws;
  }

  afterEach(() => {
    gaps.close();
    client.stop();
    vi.useRealTimers();
  });

  it('fills a seq gap with history {after} until hasMore is false', async () => {
    const ws = await connected();
    gaps.markHeld('c1', 3);
    ws.push({ type: 'message.new', payload: { message: msg('c1', 4) } });
    expect(ws.sentOf('history')).toHaveLength(0); // contiguous: nothing to fill
    ws.push({ type: 'message.new', payload: { message: msg('c1', 9) } });
    const h1 = ws.sentOf('history');
    expect(h1).toHaveLength(1);
    expect(h1[0].payload).toMatchObject({ conversationId: 'c1', after: 4 });
    ws.ack(h1[0].id, { messages: [msg('c1', 5), msg('c1', 6)], hasMore: true });
    await flush();
    const h2 = ws.sentOf('history');
    expect(h2).toHaveLength(2);
    expect(h2[1].payload).toMatchObject({ after: 6 });
    ws.ack(h2[1].id, { messages: [msg('c1', 7), msg('c1', 8), msg('c1', 9)], hasMore: false });
    await flush();
    expect(ws.sentOf('history')).toHaveLength(2);
    expect(got.map((m) => m.seq)).toEqual([5, 6, 7, 8, 9]);
    expect(gaps.heldSeq('c1')).toBe(9);
  });

  it('a seq jump seen while a fill runs fetches again once it ends', async () => {
    const ws = await connected();
    gaps.markHeld('c1', 1);
    gaps.observe('c1', 3);
    gaps.observe('c1', 6);
    const h1 = ws.sentOf('history');
    expect(h1).toHaveLength(1);
    ws.ack(h1[0].id, { messages: [msg('c1', 2), msg('c1', 3)], hasMore: false });
    await flush();
    const h2 = ws.sentOf('history');
    expect(h2).toHaveLength(2);
    expect(h2[1].payload).toMatchObject({ conversationId: 'c1', after: 3 });
  });

  it('after a reconnect, catches up every conversation whose lastSeq moved past what it holds', async () => {
    vi.useFakeTimers();
    client.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().ready();
    gaps.markHeld('c1', 2);
    gaps.markHeld('c2', 5);
    FakeSocket.last().drop(1001);
    await vi.advanceTimersByTimeAsync(30_000);
    const ws = FakeSocket.last();
    ws.ready([
      { id: 'c1', lastSeq: 4 },
      { id: 'c2', lastSeq: 5 },
      { id: 'c3', lastSeq: 8 },
    ]);
    const history = ws.sentOf('history');
    expect(history).toHaveLength(1);
    expect(history[0].payload).toMatchObject({ conversationId: 'c1', after: 2 });
  });

  it('once closed, hears no more frames', async () => {
    const ws = await connected();
    gaps.markHeld('c1', 1);
    gaps.close();
    ws.push({ type: 'message.new', payload: { message: msg('c1', 5) } });
    expect(ws.sentOf('history')).toHaveLength(0);
  });
});
