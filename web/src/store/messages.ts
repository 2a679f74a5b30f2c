import type { HistoryPage, Message } from '../api/types';
import { dispatch, useApp } from './app';
import { currentGaps, currentSocket, perLogin, requireSocket } from './client';

/** Loads the newest page of a conversation (when it is opened the first time). */
export async function loadNewest(conversationId: string): Promise<void> {
  const page = await requireSocket().request<HistoryPage>('history', { conversationId, limit: 30 });
  dispatch({ type: 'messages', conversationId, messages: page.messages, page: 'newest', hasMore: page.hasMore });
  const last = page.messages[page.messages.length - 1];
  const gaps = currentGaps();
  if (!gaps) return;
  gaps.markHeld(conversationId, last ? last.seq : 0);
  // messages that arrived after the page was read
  const conv = useApp.getState().conversations[conversationId];
  if (conv && last && conv.lastSeq > last.seq) void gaps.fill(conversationId);
}

/** Loads the page before the oldest held message; resolves to whether more exist. */
export async function loadOlder(conversationId: string): Promise<boolean> {
  const list = useApp.getState().messages[conversationId];
  const before = list?.firstSeq;
  if (!before || before <= 1) {
    dispatch({ type: 'messages', conversationId, messages: [], page: 'older', hasMore: false });
    return false;
  }
  const page = await requireSocket().request<HistoryPage>('history', { conversationId, before, limit: 30 });
  dispatch({ type: 'messages', conversationId, messages: page.messages, page: 'older', hasMore: page.hasMore });
  return page.hasMore;
}

/** Loads older pages until the message with this seq is held (a quote's original); false if it never comes. */
export async function loadUntil(conversationId: string, seq: number): Promise<boolean> {
  for (;;) {
    const list = useApp.getState().messages[conversationId];
    if (list?.bySeq[seq]) return true;
    if (!list || (list.firstSeq !== null && list.firstSeq <= seq) || !list.hasOlder) return false;
    await loadOlder(conversationId);
  }
}

/** Per conversation, the highest seq whose read mark went to the server. */
const readSent = perLogin(new Map<string, number>());

/** Marks everything in the conversation read (the chat is on screen). */
export async function markRead(conversationId: string): Promise<void> {
  const state = useApp.getState();
  const conv = state.conversations[conversationId];
  const socket = currentSocket();
  if (!conv || !socket) return;
  const seq = conv.lastSeq;
  dispatch({ type: 'read', conversationId, reader: state.me?.phone ?? '', seq });
  if ((readSent.get(conversationId) ?? -1) >= seq) return;
  readSent.set(conversationId, seq);
  try {
    await socket.request('message.read', { conversationId, seq });
  } catch {
    readSent.delete(conversationId);
  }
}

export async function recall(message: Message): Promise<void> {
  await requireSocket().request('message.recall', { messageId: message.id });
  dispatch({ type: 'recalled', conversationId: message.conversationId, messageId: message.id, seq: message.seq });
}

const lastTyping = perLogin(new Map<string, number>());
/** Tells the others "typing…" at most every 1.5 s per conversation (the server relays 1/s). */
export function sendTyping(conversationId: string): void {
  const now = Date.now();
  if (now - (lastTyping.get(conversationId) ?? 0) < 1500) return;
  lastTyping.set(conversationId, now);
  currentSocket()?.fire('typing', { conversationId });
}
