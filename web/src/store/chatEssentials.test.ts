import { describe, expect, it } from 'vitest';
import { chatReducer, emptyChatState, hasUnreadMention, sortedConversations, totalUnread, type ChatState } from './chatReducer';
import { nextUnplayedVoice, voiceWidth } from './voicePlayer';
import { MARKS_KEPT, withMarks } from './deviceMarks';
import { menuActions, RECALL_WINDOW_MS } from '../components/messageMenu';
import { mentionsIn } from '../components/Composer';
import { MENTION_ALL } from '../components/mentionAll';
import type { Conversation, Message } from '../api/types';

// Issue 18's client logic: mentions, pinned and muted chats, voice runs, device marks, the message menu.
const ME = '10001';
const BOB = '10002';
const CAROL = '10003';
const GID = 'g_1';

function msg(seq: number, extra: Partial<Message> = {}): Message {
  return { id: 'm' + seq, conversationId: GID, seq, from: BOB, kind: 'text', content: { text: 't' + seq }, clientMsgId: null, createdAt: 1000 + seq, recalled: false, ...extra };
}

function group(extra: Partial<Conversation> = {}): Conversation {
  return { id: GID, type: 'group', peer: null, group: null, lastMessage: null, lastSeq: 0, readSeq: 0, unread: 0, updatedAt: 0, ...extra };
}

function start(conversations: Conversation[]): ChatState {
  return chatReducer(emptyChatState, { type: 'session', me: { phone: ME, nickname: 'Me', avatar: null, signature: '', createdAt: 0 }, conversations });
}

describe('mentions', () => {
  it('a message that mentions me (or everyone) raises mentionedSeq until the chat is opened', () => {
    let s = start([group()]);
    s = chatReducer(s, { type: 'message', message: msg(1, { mentions: [CAROL] }) });
    expect(hasUnreadMention(s.conversations[GID])).toBe(false);
    s = chatReducer(s, { type: 'message', message: msg(2, { mentions: [ME, CAROL] }) });
    expect(s.conversations[GID].mentionedSeq).toBe(2);
    expect(hasUnreadMention(s.conversations[GID])).toBe(true);
    s = chatReducer(s, { type: 'message', message: msg(3) });
    expect(hasUnreadMention(s.conversations[GID])).toBe(true);
    s = chatReducer(s, { type: 'active', conversationId: GID });
    expect(hasUnreadMention(s.conversations[GID])).toBe(false);
    s = chatReducer(s, { type: 'active', conversationId: null });
    s = chatReducer(s, { type: 'message', message: msg(4, { mentionAll: true }) });
    expect(s.conversations[GID].mentionedSeq).toBe(4);
  });

  it('my own mention of everyone does not mark the chat for me, and an older list does not lower the mark', () => {
    let s = start([group()]);
    s = chatReducer(s, { type: 'message', message: msg(1, { from: ME, mentionAll: true }) });
    expect(s.conversations[GID].mentionedSeq ?? 0).toBe(0);
    s = chatReducer(s, { type: 'message', message: msg(2, { mentions: [ME] }) });
    s = chatReducer(s, { type: 'conversations', conversations: [group({ lastSeq: 1, mentionedSeq: 0 })] });
    expect(s.conversations[GID].mentionedSeq).toBe(2);
  });

  it('keeps only the picked mentions still written in the text; 所有人 wins', () => {
    expect(mentionsIn('@Bob hi', { [BOB]: 'Bob', [CAROL]: 'Carol' })).toEqual({ mentions: [BOB] });
    expect(mentionsIn('hi', { [BOB]: 'Bob' })).toEqual({});
    expect(mentionsIn('@所有人 @Bob', { [BOB]: 'Bob', [MENTION_ALL]: '所有人' })).toEqual({ mentionAll: true });
  });
});

describe('quotes', () => {
  it('a reply shows its original recalled as soon as the original is recalled', () => {
    let s = start([group()]);
    s = chatReducer(s, { type: 'messages', conversationId: GID, messages: [msg(1), msg(2, { replyTo: { id: 'm1', seq: 1, from: BOB, kind: 'text', text: 't1' } })] });
    s = chatReducer(s, { type: 'recalled', conversationId: GID, messageId: 'm1', seq: 1 });
    expect(s.messages[GID].bySeq[2].replyTo).toMatchObject({ text: null, recalled: true });
    expect(s.messages[GID].bySeq[1].recalled).toBe(true);
  });
});

describe('pinned and muted chats', () => {
  it('lists pinned chats first, then the newest', () => {
    const s = start([group({ id: 'g_old', updatedAt: 1, pinned: true }), group({ id: 'g_new', updatedAt: 9 }), group({ id: 'g_mid', updatedAt: 5, pinned: true })]);
    expect(sortedConversations(s).map((c) => c.id)).toEqual(['g_mid', 'g_old', 'g_new']);
  });

  it('leaves muted chats out of the unread total', () => {
    const s = start([group({ id: 'g_a', lastSeq: 3, muted: true }), group({ id: 'g_b', lastSeq: 2 })]);
    expect(totalUnread(s)).toBe(2);
  });

  it('conversation.updated changes the settings but not a newer message already shown', () => {
    let s = start([group({ lastSeq: 1, readSeq: 1 })]);
    s = chatReducer(s, { type: 'message', message: msg(2) });
    s = chatReducer(s, { type: 'conversationUpdated', conversation: group({ lastSeq: 1, readSeq: 1, pinned: true, muted: true }) });
    expect(s.conversations[GID]).toMatchObject({ pinned: true, muted: true, lastSeq: 2, unread: 1 });
  });
});

describe('voice runs', () => {
  const voice = (seq: number, from = BOB) => msg(seq, { kind: 'voice', from, content: { url: '/api/media/v' + seq, duration: 2000 } });
  const list = [voice(1), voice(2, CAROL), msg(3), voice(4), voice(5), voice(6)];

  it('plays the same sender\'s next unplayed voice message after the one that ended', () => {
    expect(nextUnplayedVoice(list, list[0], {})?.seq).toBe(4);
    expect(nextUnplayedVoice(list, list[0], { m4: true })?.seq).toBe(5);
    expect(nextUnplayedVoice(list, list[0], { m4: true }, { m5: true })?.seq).toBe(6);
    expect(nextUnplayedVoice(list, list[5], {})).toBeNull();
  });

  it('sizes bubbles by length, widest at 60 s', () => {
    expect(voiceWidth(1000)).toBeLessThan(voiceWidth(10_000));
    expect(voiceWidth(60_000)).toBe(voiceWidth(90_000));
  });
});

describe('device marks', () => {
  it('keeps the newest marks only', () => {
    let marks: Record<string, true> = {};
    for (let i = 0; i < MARKS_KEPT + 5; i++) marks = withMarks(marks, ['id' + i]);
    expect(Object.keys(marks)).toHaveLength(MARKS_KEPT);
    expect(marks.id0).toBeUndefined();
    expect(marks['id' + (MARKS_KEPT + 4)]).toBe(true);
  });
});

describe('message menu', () => {
  it('offers recall for my own messages within two minutes only, and nothing on a recalled one', () => {
    const mine = msg(1, { from: ME, createdAt: 0 });
    expect(menuActions(mine, ME, RECALL_WINDOW_MS)).toEqual(['copy', 'forward', 'quote', 'recall', 'delete', 'select']);
    expect(menuActions(mine, ME, RECALL_WINDOW_MS + 1)).not.toContain('recall');
    expect(menuActions(msg(2), ME, 0)).not.toContain('recall');
    expect(menuActions(msg(3, { kind: 'image', content: { url: 'u', width: 1, height: 1 } }), ME, 0)).toEqual(['forward', 'quote', 'delete', 'select']);
    expect(menuActions(msg(4, { recalled: true }), ME, 0)).toEqual([]);
  });
});
