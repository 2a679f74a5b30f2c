import type { PushedEvent, ServerFrame } from './events';
import type { SocketClient } from './socket';
import type { HistoryPage, Message, SessionReady } from './types';

/** What the gap filler needs of the socket: its history requests and the frames it hears. */
export type GapSource = Pick<SocketClient, 'request' | 'on'>;

/**
 * Live delivery is best effort (contract: "Durability"): a client that sees a seq jump, or
 * reconnects, fills the gap with `history {after: lastSeq}`. This keeps, per conversation, the
 * highest seq up to which every message is held, and fetches what is missing, one run per
 * conversation at a time. It lives as long as one login's socket.
 */
export class GapFiller {
  /** per conversation: every seq up to this one is held by the client */
  private readonly held = new Map<string, number>();
  private readonly filling = new Map<string, Promise<void>>();
  private readonly refill = new Set<string>();
  private readonly unsubscribe: (() => void)[];

  /** `onMessages` gets the fetched messages (ascending, one conversation at a time). */
  constructor(
    private readonly socket: GapSource,
    private readonly onMessages: (conversationId: string, messages: Message[]) => void,
  ) {
    this.unsubscribe = [socket.on('ready', (ready) => this.catchUp(ready)), socket.on('event', (frame) => this.heard(frame))];
  }

  /** Stops listening (logout); a running fill ends with its current page. */
  close(): void {
    this.unsubscribe.forEach((stop) => stop());
  }

  heldSeq(conversationId: string): number | undefined {
    return this.held.get(conversationId);
  }

  /** The client holds every message of the conversation up to seq (e.g. it loaded the newest page). */
  markHeld(conversationId: string, seq: number): void {
    const held = this.held.get(conversationId);
    if (held === undefined || seq > held) this.held.set(conversationId, seq);
  }

  /** A message with this seq arrived (event or ack): advance, or fill the gap before it. */
  observe(conversationId: string, seq: number): void {
    const held = this.held.get(conversationId);
    if (held === undefined || seq === held + 1) this.held.set(conversationId, seq);
    else if (seq > held + 1) void this.fill(conversationId);
  }

  /** history {after: held} until hasMore is false; one run per conversation at a time. */
  fill(conversationId: string): Promise<void> {
    const running = this.filling.get(conversationId);
    if (running) {
      this.refill.add(conversationId);
      return running;
    }
    const run = this.fetchMissing(conversationId).finally(() => {
      this.filling.delete(conversationId);
      if (this.refill.delete(conversationId)) void this.fill(conversationId);
    });
    this.filling.set(conversationId, run);
    return run;
  }

  private async fetchMissing(conversationId: string): Promise<void> {
    try {
      for (let guard = 0; guard < 1000; guard++) {
        const after = this.held.get(conversationId) ?? 0;
        const page = await this.socket.request<HistoryPage>('history', { conversationId, after, limit: 100 });
        const messages = page.messages ?? [];
        if (messages.length) {
          this.onMessages(conversationId, messages);
          this.markHeld(conversationId, messages[messages.length - 1].seq);
        }
        if (!page.hasMore || messages.length === 0) break;
      }
    } catch {
      // a later reconnect or seq jump tries again
    }
  }

  /** After a (re)connect: catch up every conversation whose lastSeq moved past what is held. */
  private catchUp(ready: SessionReady): void {
    for (const c of ready.conversations ?? []) {
      const held = this.held.get(c.id);
      if (held !== undefined && c.lastSeq > held) void this.fill(c.id);
    }
  }

  private heard(frame: ServerFrame<PushedEvent>): void {
    if (frame.type === 'message.new' && frame.payload.message) this.observe(frame.payload.message.conversationId, frame.payload.message.seq);
  }
}
