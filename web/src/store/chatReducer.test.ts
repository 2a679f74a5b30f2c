import { describe, expect, it } from 'vitest';
import { chatReducer, emptyChatState, orderedMessages, sortedConversations, totalUnread, displayName, type ChatState } from './chatReducer';
import type { Conversation, Message, Contact } from '../api/types';

const ME = '10001';
const PEER = '10002';
const CID = 'd_10001_10002';

function msg(seq: number, from = PEER, extra: Partial<Message> = {}): Message {
  return { id: 'm' + seq, conversationId: CID, seq, from, kind: 'text', content: { text: 't' + seq }, clientMsgId: null, createdAt: 1000 + seq, recalled: false, ...extra };
}

function conv(extra: Partial<Conversation> = {}): Conversation {
  return { id: CID, type: 'direct', peer: { phone: PEER, nickname: 'Bob', avatar: null, signature: '', createdAt: 0 }, group: null, lastMessage: null, lastSeq: 0, readSeq: 0, unread: 0, updatedAt: 0, ...extra };
}

function start(conversations: Conversation[] = [conv()]): ChatState {
  return chatReducer(emptyChatState, { type: 'session', me: { phone: ME, nickname: 'Me', avatar: null, signature: '', createdAt: 0 }, conversations });
}

describe('chatReducer', () => {
  it('shows a cached list at once and lets the server\'s list replace it whole, read marks included', () => {
    const me = { phone: ME, nickname: 'Me', avatar: null, signature: '', createdAt: 0 };
    const gone = conv({ id: 'g_left', type: 'group', peer: null });
    let s = chatReducer(emptyChatState, { type: 'cached', me, conversations: [conv({ lastSeq: 9, readSeq: 9 }), gone], contacts: [] });
    expect(s.fromCache).toBe(true);
    expect(sortedConversations(s)).toHaveLength(2);
    s = chatReducer(s, { type: 'session', me, conversations: [conv({ lastSeq: 9, readSeq: 4 })] });
    expect(s.fromCache).toBe(false);
    expect(Object.keys(s.conversations)).toEqual([CID]);
    expect(totalUnread(s)).toBe(5);
    // a snapshot never overwrites what the session already holds
    expect(chatReducer(s, { type: 'cached', me, conversations: [gone], contacts: [] })).toBe(s);
  });

  it('keeps messages ordered by seq whatever order they arrive in', () => {
    let s = start();
    s = chatReducer(s, { type: 'message', message: msg(3) });
    s = chatReducer(s, { type: 'messages', conversationId: CID, messages: [msg(1), msg(2)] });
    s = chatReducer(s, { type: 'message', message: msg(5) });
    s = chatReducer(s, { type: 'message', message: msg(4) });
    expect(orderedMessages(s.messages[CID]).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(s.messages[CID].firstSeq).toBe(1);
  });

  it('dedupes a message delivered twice (event, then history) by id', () => {
    let s = start();
    s = chatReducer(s, { type: 'message', message: msg(1) });
    s = chatReducer(s, { type: 'message', message: msg(1) });
    s = chatReducer(s, { type: 'messages', conversationId: CID, messages: [msg(1), msg(2)] });
    expect(orderedMessages(s.messages[CID])).toHaveLength(2);
    // unread counts the seqs, not the deliveries
    expect(s.conversations[CID].unread).toBe(2);
  });

  it('counts unread as lastSeq - readSeq and clears it when the chat is active', () => {
    let s = start([conv({ lastSeq: 2, readSeq: 1 })]);
    expect(s.conversations[CID].unread).toBe(1);
    s = chatReducer(s, { type: 'message', message: msg(3) });
    expect(s.conversations[CID].unread).toBe(2);
    expect(totalUnread(s)).toBe(2);
    s = chatReducer(s, { type: 'active', conversationId: CID });
    expect(s.conversations[CID].unread).toBe(0);
    s = chatReducer(s, { type: 'message', message: msg(4) });
    expect(s.conversations[CID].unread).toBe(0); // read as it arrives
    s = chatReducer(s, { type: 'active', conversationId: null });
    s = chatReducer(s, { type: 'message', message: msg(5) });
    expect(s.conversations[CID].unread).toBe(1);
  });

  it('own messages move readSeq (they never count as unread)', () => {
    let s = start([conv({ lastSeq: 3, readSeq: 1 })]);
    s = chatReducer(s, { type: 'message', message: msg(4, ME) });
    expect(s.conversations[CID].readSeq).toBe(4);
    expect(s.conversations[CID].unread).toBe(0);
  });

  it('peerReadSeq from the server is kept and moved forward by the peer\'s read events', () => {
    let s = start([conv({ lastSeq: 5, readSeq: 5, peerReadSeq: 3 })]);
    expect(s.conversations[CID].peerReadSeq).toBe(3);
    s = chatReducer(s, { type: 'read', conversationId: CID, reader: PEER, seq: 5 });
    expect(s.conversations[CID].peerReadSeq).toBe(5);
  });

  it('user.updated refreshes a profile wherever it shows, keeping the remark', () => {
    let s = start();
    s = chatReducer(s, { type: 'contacts', contacts: [{ phone: PEER, nickname: 'Bob', avatar: null, signature: '', createdAt: 0, remark: 'B', online: true, lastSeen: null }] });
    s = chatReducer(s, { type: 'user', user: { phone: PEER, nickname: 'Robert', avatar: '/api/media/' + 'a'.repeat(32), signature: 'hi', createdAt: 0 } });
    expect(s.contacts[PEER]).toMatchObject({ nickname: 'Robert', remark: 'B', online: true, signature: 'hi' });
    expect(s.conversations[CID].peer?.nickname).toBe('Robert');
    expect(s.profiles[PEER].nickname).toBe('Robert');
    s = chatReducer(s, { type: 'user', user: { phone: ME, nickname: 'Me 2', avatar: null, signature: '', createdAt: 0 } });
    expect(s.me?.nickname).toBe('Me 2');
  });

  it('my read on another device lowers unread; a peer read is kept for receipts', () => {
    let s = start([conv({ lastSeq: 5, readSeq: 1 })]);
    s = chatReducer(s, { type: 'read', conversationId: CID, reader: ME, seq: 4 });
    expect(s.conversations[CID].unread).toBe(1);
    s = chatReducer(s, { type: 'read', conversationId: CID, reader: PEER, seq: 3 });
    s = chatReducer(s, { type: 'read', conversationId: CID, reader: PEER, seq: 2 }); // never goes back
    expect(s.peerRead[CID][PEER]).toBe(3);
  });

  it('applies a recall to the message and to the list preview', () => {
    let s = start();
    s = chatReducer(s, { type: 'message', message: msg(1, ME) });
    s = chatReducer(s, { type: 'recalled', conversationId: CID, messageId: 'm1', seq: 1 });
    expect(s.messages[CID].bySeq[1]).toMatchObject({ recalled: true, content: null });
    expect(s.conversations[CID].lastMessage).toMatchObject({ recalled: true, content: null });
    // a stale copy from history does not bring the text back
    s = chatReducer(s, { type: 'messages', conversationId: CID, messages: [msg(1, ME)] });
    expect(s.messages[CID].bySeq[1].recalled).toBe(true);
  });

  it('replaces a pending outgoing message with the stored one on ack', () => {
    let s = start();
    s = chatReducer(s, { type: 'outgoing', message: { clientMsgId: 'c1', conversationId: CID, kind: 'text', content: { text: 'hi' }, createdAt: 1, status: 'sending' } });
    s = chatReducer(s, { type: 'outgoingStatus', clientMsgId: 'c1', status: 'failed' });
    expect(s.outgoing.c1.status).toBe('failed');
    s = chatReducer(s, { type: 'outgoingDone', clientMsgId: 'c1', message: msg(1, ME, { clientMsgId: 'c1' }) });
    expect(s.outgoing.c1).toBeUndefined();
    expect(orderedMessages(s.messages[CID]).map((m) => m.clientMsgId)).toEqual(['c1']);
    expect(s.conversations[CID].lastSeq).toBe(1);
  });

  it('an older snapshot does not roll back a message already applied', () => {
    let s = start([conv({ lastSeq: 1, readSeq: 1 })]);
    s = chatReducer(s, { type: 'message', message: msg(2) });
    s = chatReducer(s, { type: 'conversations', conversations: [conv({ lastSeq: 1, readSeq: 1, updatedAt: 5 })] });
    expect(s.conversations[CID].lastSeq).toBe(2);
    expect(s.conversations[CID].lastMessage?.seq).toBe(2);
  });

  it('sorts conversations newest first', () => {
    const a = conv({ id: 'a', updatedAt: 10 });
    const b = conv({ id: 'b', updatedAt: 30 });
    const c = conv({ id: 'c', updatedAt: 20 });
    expect(sortedConversations(start([a, b, c])).map((x) => x.id)).toEqual(['b', 'c', 'a']);
  });

  it('shows the remark before the nickname', () => {
    const contacts: Record<string, Contact> = { [PEER]: { phone: PEER, nickname: 'Bob', avatar: null, signature: '', createdAt: 0, remark: '老王', online: true, lastSeen: null } };
    expect(displayName(contacts, { phone: PEER, nickname: 'Bob' })).toBe('老王');
    expect(displayName({}, { phone: PEER, nickname: 'Bob' })).toBe('Bob');
  });

  it('tracks presence and removed contacts', () => {
    let s = start();
    s = chatReducer(s, { type: 'contacts', contacts: [{ phone: PEER, nickname: 'Bob', avatar: null, signature: '', createdAt: 0, remark: '', online: false, lastSeen: 5 }] });
    s = chatReducer(s, { type: 'presence', phone: PEER, online: true, lastSeen: null });
    expect(s.contacts[PEER].online).toBe(true);
    s = chatReducer(s, { type: 'contactRemoved', phone: PEER });
    expect(s.contacts[PEER]).toBeUndefined();
  });

  it('keeps conversations beyond a partial first page until the whole list replaces them', () => {
    const older = conv({ id: 'd_10001_10003', updatedAt: 1 });
    let s = start([conv({ updatedAt: 5 }), older]);
    s = chatReducer(s, { type: 'session', me: s.me!, conversations: [conv({ updatedAt: 6 })], partial: true });
    expect(Object.keys(s.conversations).sort()).toEqual([CID, older.id]);
    s = chatReducer(s, { type: 'conversations', conversations: [conv({ updatedAt: 6 })] });
    expect(Object.keys(s.conversations)).toEqual([CID]);
  });

  it('keeps a fetched full member list when a list brings the group summary again', () => {
    const user = (phone: string) => ({ phone, nickname: phone, avatar: null, signature: '', createdAt: 0 });
    const all = Array.from({ length: 12 }, (_, i) => user(String(20000 + i)));
    const group = { id: 'abc', name: 'G', owner: all[0].phone, notice: '', createdAt: 0, memberCount: 12 };
    const summary = conv({ id: 'g_abc', type: 'group', peer: null, group: { ...group, members: all.slice(0, 9) } });
    let s = start([summary]);
    s = chatReducer(s, { type: 'group', group: { ...group, members: all } });
    s = chatReducer(s, { type: 'conversations', conversations: [summary] });
    expect(s.conversations['g_abc'].group!.members).toHaveLength(12);
    s = chatReducer(s, { type: 'conversations', conversations: [{ ...summary, group: { ...group, memberCount: 13, members: all.slice(0, 9) } }] });
    expect(s.conversations['g_abc'].group!.members).toHaveLength(9);
  });
});
