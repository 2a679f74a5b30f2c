import type { Contact, ContactRequest, Conversation, Group, Message, MessageContent, MessageKind, User } from '../api/types';

/** A message the user sent that has no ack (yet): shown after the stored ones. */
export interface OutgoingMessage {
  clientMsgId: string;
  conversationId: string;
  kind: Exclude<MessageKind, 'call' | 'system'>;
  content: MessageContent;
  createdAt: number;
  status: 'sending' | 'failed';
  /** the id of the message this one quotes */
  replyTo?: string;
  /** group text: the members it mentions, or everyone */
  mentions?: string[];
  mentionAll?: boolean;
  /** a local preview (object url) of an image being uploaded */
  preview?: string;
}

export interface MessageList {
  /** stored messages by seq */
  bySeq: Record<number, Message>;
  /** message id -> seq, to dedupe and to apply recalls */
  seqOf: Record<string, number>;
  /** lowest seq held (for "load older") */
  firstSeq: number | null;
  /** older messages exist on the server */
  hasOlder: boolean;
  /** the newest page was loaded */
  loaded: boolean;
}

export interface ChatState {
  me: User | null;
  conversations: Record<string, Conversation>;
  messages: Record<string, MessageList>;
  outgoing: Record<string, OutgoingMessage>;
  contacts: Record<string, Contact>;
  contactsLoaded: boolean;
  incoming: ContactRequest[];
  outgoingRequests: ContactRequest[];
  /** conversationId -> reader phone -> highest seq they read (from message.read events) */
  peerRead: Record<string, Record<string, number>>;
  /** profiles of people who are not contacts (senders who left a group, user.updated) */
  profiles: Record<string, User>;
  /** conversationId -> phone -> epoch ms until which "typing…" shows */
  typing: Record<string, Record<string, number>>;
  /** conversation open on screen (its new messages are read at once) */
  active: string | null;
  /** the conversations (and me, and contacts) are this device's last snapshot, not yet the server's */
  fromCache: boolean;
}

export const emptyChatState: ChatState = {
  me: null,
  conversations: {},
  messages: {},
  outgoing: {},
  contacts: {},
  contactsLoaded: false,
  incoming: [],
  outgoingRequests: [],
  peerRead: {},
  profiles: {},
  typing: {},
  active: null,
  fromCache: false,
};

export type ChatAction =
  | { type: 'reset' }
  /** partial: the list is only the newest page (more follow), so conversations not in it stay */
  | { type: 'session'; me: User; conversations: Conversation[]; partial?: boolean }
  /** the last snapshot this device kept, shown until the socket's session.ready replaces it */
  | { type: 'cached'; me: User; conversations: Conversation[]; contacts: Contact[] }
  | { type: 'conversations'; conversations: Conversation[] }
  | { type: 'conversation'; conversation: Conversation }
  /** one conversation as the server has it now (settings changed); merged like a list */
  | { type: 'conversationUpdated'; conversation: Conversation }
  | { type: 'messages'; conversationId: string; messages: Message[]; page?: 'newest' | 'older' | 'newer'; hasMore?: boolean }
  | { type: 'message'; message: Message }
  | { type: 'recalled'; conversationId: string; messageId: string; seq: number }
  | { type: 'read'; conversationId: string; reader: string; seq: number }
  | { type: 'typing'; conversationId: string; from: string; until: number }
  | { type: 'outgoing'; message: OutgoingMessage }
  | { type: 'outgoingStatus'; clientMsgId: string; status: 'sending' | 'failed' }
  | { type: 'outgoingDone'; clientMsgId: string; message?: Message }
  | { type: 'active'; conversationId: string | null }
  | { type: 'me'; me: User }
  /** a profile changed (user.updated) or was looked up: every copy of it is refreshed */
  | { type: 'user'; user: User }
  | { type: 'contacts'; contacts: Contact[] }
  | { type: 'contact'; contact: Contact }
  | { type: 'contactRemoved'; phone: string }
  | { type: 'presence'; phone: string; online: boolean; lastSeen: number | null }
  | { type: 'requests'; incoming: ContactRequest[]; outgoing: ContactRequest[] }
  | { type: 'request'; request: ContactRequest }
  | { type: 'group'; group: Group };

const emptyList: MessageList = { bySeq: {}, seqOf: {}, firstSeq: null, hasOlder: true, loaded: false };

/** Conversation unread count as the contract defines it. */
export function unreadOf(c: Pick<Conversation, 'lastSeq' | 'readSeq'>): number {
  return Math.max(0, c.lastSeq - c.readSeq);
}

export function directId(a: string, b: string): string {
  return a < b ? `d_${a}_${b}` : `d_${b}_${a}`;
}

function withSummary(c: Conversation): Conversation {
  return { ...c, unread: unreadOf(c) };
}

/** Inserts messages by seq; the same id (or seq) twice keeps one, a recalled copy wins. */
export function insertMessages(list: MessageList | undefined, messages: Message[]): MessageList {
  const base = list ?? emptyList;
  const bySeq = { ...base.bySeq };
  const seqOf = { ...base.seqOf };
  let firstSeq = base.firstSeq;
  for (const m of messages) {
    const existing = bySeq[m.seq];
    if (existing && existing.recalled && !m.recalled) continue; // never un-recall
    bySeq[m.seq] = m;
    seqOf[m.id] = m.seq;
    if (firstSeq === null || m.seq < firstSeq) firstSeq = m.seq;
  }
  return { ...base, bySeq, seqOf, firstSeq };
}

/** Messages of a list in seq order. */
export function orderedMessages(list: MessageList | undefined): Message[] {
  if (!list) return [];
  return Object.keys(list.bySeq)
    .map(Number)
    .sort((a, b) => a - b)
    .map((s) => list.bySeq[s]);
}

/** Whether a message mentions the viewer (by phone, or everyone); one's own never does. */
export function mentionsMe(m: Message, me: string | undefined): boolean {
  if (!me || m.from === me || m.recalled) return false;
  return m.mentionAll === true || (m.mentions ?? []).includes(me);
}

/** "[有人@我]": a mention the viewer has not read yet (contract 1.1 §5.2). */
export function hasUnreadMention(c: Pick<Conversation, 'mentionedSeq' | 'readSeq'>): boolean {
  return (c.mentionedSeq ?? 0) > c.readSeq;
}

/** Moves a conversation's summary forward for a message (lastSeq, lastMessage, unread, mentionedSeq). */
function advance(c: Conversation, m: Message, me: string | undefined, active: boolean): Conversation {
  const lastSeq = Math.max(c.lastSeq, m.seq);
  let readSeq = c.readSeq;
  if (m.from === me || active) readSeq = Math.max(readSeq, m.seq);
  const newer = !c.lastMessage || m.seq >= c.lastMessage.seq;
  const mentionedSeq = mentionsMe(m, me) ? Math.max(c.mentionedSeq ?? 0, m.seq) : c.mentionedSeq;
  return withSummary({
    ...c,
    lastSeq,
    readSeq,
    mentionedSeq,
    lastMessage: newer ? m : c.lastMessage,
    updatedAt: newer ? Math.max(c.updatedAt, m.createdAt) : c.updatedAt,
  });
}

/**
 * A full conversation list from the server (session.ready or GET): it replaces the map, but an
 * event we already applied (a newer message, a later read) is not rolled back by an older snapshot.
 */
export function mergeSnapshot(prior: Record<string, Conversation>, list: Conversation[]): Record<string, Conversation> {
  const conversations: Record<string, Conversation> = {};
  for (const c of list) {
    const before = prior[c.id];
    let next = withSummary(c);
    if (before && before.lastSeq > c.lastSeq) {
      next = { ...next, lastSeq: before.lastSeq, lastMessage: before.lastMessage, updatedAt: before.updatedAt };
    }
    if (before && before.readSeq > next.readSeq) next = { ...next, readSeq: before.readSeq };
    if (before && (before.mentionedSeq ?? 0) > (next.mentionedSeq ?? 0)) next = { ...next, mentionedSeq: before.mentionedSeq };
    if (before?.group && next.group && keepsFullMembers(before.group, next.group)) next = { ...next, group: { ...next.group, members: before.group.members } };
    conversations[c.id] = withSummary(next);
  }
  return conversations;
}

/**
 * Lists carry group summaries (the first 9 members); a full member list fetched for the group's
 * page stays while the summary still counts the same members.
 */
function keepsFullMembers(before: Group, summary: Group): boolean {
  const count = summary.memberCount ?? summary.members.length;
  return summary.members.length < count && before.members.length === count;
}

function mergeContact(state: ChatState, contact: Contact): ChatState {
  const contacts = { ...state.contacts, [contact.phone]: contact };
  const id = state.me ? directId(state.me.phone, contact.phone) : null;
  const conv = id ? state.conversations[id] : undefined;
  const conversations = conv ? { ...state.conversations, [conv.id]: { ...conv, peer: { ...conv.peer, ...contact } } } : state.conversations;
  return { ...state, contacts, conversations };
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'reset':
      return emptyChatState;
    case 'session': {
      const prior = state.fromCache ? {} : state.conversations;
      const page = mergeSnapshot(prior, action.conversations);
      return { ...state, me: action.me, conversations: action.partial ? { ...prior, ...page } : page, fromCache: false };
    }
    case 'cached': {
      if (state.me || Object.keys(state.conversations).length) return state;
      let next: ChatState = { ...state, me: action.me, conversations: mergeSnapshot({}, action.conversations), fromCache: true };
      for (const c of action.contacts) next = mergeContact(next, c);
      return next;
    }
    case 'conversations':
      return { ...state, conversations: mergeSnapshot(state.conversations, action.conversations) };
    case 'conversation':
      return { ...state, conversations: { ...state.conversations, [action.conversation.id]: withSummary(action.conversation) } };
    case 'conversationUpdated': {
      // a snapshot of one conversation (conversation.updated, PATCH): newer events already applied stay
      const [merged] = Object.values(mergeSnapshot(state.conversations, [action.conversation]));
      return { ...state, conversations: { ...state.conversations, [merged.id]: merged } };
    }
    case 'messages': {
      const { conversationId, messages } = action;
      let list = insertMessages(state.messages[conversationId], messages);
      if (action.page === 'newest') list = { ...list, loaded: true, hasOlder: action.hasMore ?? false };
      if (action.page === 'older') list = { ...list, hasOlder: action.hasMore ?? false };
      let conversations = state.conversations;
      const conv = conversations[conversationId];
      if (conv && messages.length) {
        let next = conv;
        for (const m of messages) next = advance(next, m, state.me?.phone, false);
        // history of the past is not "new": keep readSeq as the server said unless it is ours
        conversations = { ...conversations, [conversationId]: next };
      }
      return { ...state, messages: { ...state.messages, [conversationId]: list }, conversations };
    }
    case 'message': {
      const m = action.message;
      const list = state.messages[m.conversationId];
      const duplicate = list && list.seqOf[m.id] !== undefined && !(m.recalled && !list.bySeq[m.seq]?.recalled);
      const messages = duplicate ? state.messages : { ...state.messages, [m.conversationId]: insertMessages(list, [m]) };
      const conv = state.conversations[m.conversationId];
      const conversations = conv
        ? { ...state.conversations, [conv.id]: advance(conv, m, state.me?.phone, state.active === conv.id) }
        : state.conversations;
      let outgoing = state.outgoing;
      if (m.clientMsgId && outgoing[m.clientMsgId] && m.from === state.me?.phone) {
        outgoing = { ...outgoing };
        delete outgoing[m.clientMsgId];
      }
      // a message from someone ends their "typing…"
      let typing = state.typing;
      if (typing[m.conversationId]?.[m.from]) {
        const forConv = { ...typing[m.conversationId] };
        delete forConv[m.from];
        typing = { ...typing, [m.conversationId]: forConv };
      }
      return { ...state, messages, conversations, outgoing, typing };
    }
    case 'recalled': {
      const list = state.messages[action.conversationId];
      let messages = state.messages;
      if (list) {
        const bySeq = withQuotesRecalled(list.bySeq, action.messageId);
        if (bySeq[action.seq]) bySeq[action.seq] = { ...bySeq[action.seq], recalled: true, content: null };
        messages = { ...messages, [action.conversationId]: { ...list, bySeq } };
      }
      const conv = state.conversations[action.conversationId];
      let conversations = state.conversations;
      if (conv?.lastMessage && conv.lastMessage.id === action.messageId) {
        conversations = { ...conversations, [conv.id]: { ...conv, lastMessage: { ...conv.lastMessage, recalled: true, content: null } } };
      }
      return { ...state, messages, conversations };
    }
    case 'read': {
      if (action.reader === state.me?.phone) {
        const conv = state.conversations[action.conversationId];
        if (!conv || action.seq <= conv.readSeq) return state;
        return { ...state, conversations: { ...state.conversations, [conv.id]: withSummary({ ...conv, readSeq: Math.min(Math.max(conv.readSeq, action.seq), Math.max(conv.lastSeq, action.seq)) }) } };
      }
      const prior = state.peerRead[action.conversationId] ?? {};
      if ((prior[action.reader] ?? 0) >= action.seq) return state;
      const direct = state.conversations[action.conversationId];
      if (direct?.type === 'direct' && direct.peer?.phone === action.reader && (direct.peerReadSeq ?? 0) < action.seq) {
        state = { ...state, conversations: { ...state.conversations, [direct.id]: { ...direct, peerReadSeq: action.seq } } };
      }
      return { ...state, peerRead: { ...state.peerRead, [action.conversationId]: { ...prior, [action.reader]: action.seq } } };
    }
    case 'typing': {
      const prior = state.typing[action.conversationId] ?? {};
      return { ...state, typing: { ...state.typing, [action.conversationId]: { ...prior, [action.from]: action.until } } };
    }
    case 'outgoing':
      return { ...state, outgoing: { ...state.outgoing, [action.message.clientMsgId]: action.message } };
    case 'outgoingStatus': {
      const o = state.outgoing[action.clientMsgId];
      if (!o) return state;
      return { ...state, outgoing: { ...state.outgoing, [action.clientMsgId]: { ...o, status: action.status } } };
    }
    case 'outgoingDone': {
      const outgoing = { ...state.outgoing };
      delete outgoing[action.clientMsgId];
      const next = { ...state, outgoing };
      return action.message ? chatReducer(next, { type: 'message', message: action.message }) : next;
    }
    case 'active': {
      const next = { ...state, active: action.conversationId };
      const conv = action.conversationId ? state.conversations[action.conversationId] : undefined;
      if (conv && conv.unread > 0) {
        next.conversations = { ...state.conversations, [conv.id]: withSummary({ ...conv, readSeq: conv.lastSeq }) };
      }
      return next;
    }
    case 'me':
      return { ...state, me: action.me };
    case 'contacts': {
      let next: ChatState = { ...state, contacts: {}, contactsLoaded: true };
      for (const c of action.contacts) next = mergeContact(next, c);
      return next;
    }
    case 'contact':
      return mergeContact(state, action.contact);
    case 'contactRemoved': {
      const contacts = { ...state.contacts };
      delete contacts[action.phone];
      return { ...state, contacts };
    }
    case 'presence': {
      const c = state.contacts[action.phone];
      if (!c) return state;
      return mergeContact(state, { ...c, online: action.online, lastSeen: action.lastSeen });
    }
    case 'requests':
      return { ...state, incoming: action.incoming, outgoingRequests: action.outgoing };
    case 'request': {
      const r = action.request;
      const mine = r.from === state.me?.phone;
      const list = mine ? state.outgoingRequests : state.incoming;
      const next = [r, ...list.filter((x) => x.id !== r.id)];
      return mine ? { ...state, outgoingRequests: next } : { ...state, incoming: next };
    }
    case 'user':
      return withProfile(state, action.user);
    case 'group': {
      const id = 'g_' + action.group.id;
      const conv = state.conversations[id];
      if (!conv) return state;
      return { ...state, conversations: { ...state.conversations, [id]: { ...conv, group: action.group } } };
    }
    default:
      return state;
  }
}

/** Replies to a message just recalled show it recalled at once, as the server's later reads will. */
function withQuotesRecalled(bySeq: Record<number, Message>, recalledId: string): Record<number, Message> {
  const next = { ...bySeq };
  for (const [seq, m] of Object.entries(bySeq)) {
    if (m.replyTo?.id === recalledId) next[Number(seq)] = { ...m, replyTo: { ...m.replyTo, text: null, recalled: true } };
  }
  return next;
}

function profileOf<T extends User>(old: T, user: User): T {
  return { ...old, nickname: user.nickname, avatar: user.avatar, signature: user.signature };
}

/** A user's new profile everywhere it is shown: me, contacts, direct peers, group members, profiles. */
function withProfile(state: ChatState, user: User): ChatState {
  const phone = user.phone;
  const me = state.me?.phone === phone && state.me ? profileOf(state.me, user) : state.me;
  const contacts = state.contacts[phone] ? { ...state.contacts, [phone]: profileOf(state.contacts[phone], user) } : state.contacts;
  let conversations = state.conversations;
  for (const c of Object.values(state.conversations)) {
    if (c.peer?.phone === phone) {
      conversations = { ...conversations, [c.id]: { ...c, peer: profileOf(c.peer, user) } };
    } else if (c.group?.members.some((m) => m.phone === phone)) {
      const group = { ...c.group, members: c.group.members.map((m) => (m.phone === phone ? profileOf(m, user) : m)) };
      conversations = { ...conversations, [c.id]: { ...c, group } };
    }
  }
  return { ...state, me, contacts, conversations, profiles: { ...state.profiles, [phone]: user } };
}

/** Conversations as the contract lists them: pinned first, then newest (updatedAt, then lastSeq). */
export function sortedConversations(state: Pick<ChatState, 'conversations'>): Conversation[] {
  return Object.values(state.conversations).sort((a, b) => Number(!!b.pinned) - Number(!!a.pinned) || b.updatedAt - a.updatedAt || b.lastSeq - a.lastSeq);
}

/** The tab badge and the title's count: muted chats do not count, as in WeChat. */
export function totalUnread(state: Pick<ChatState, 'conversations'>): number {
  return Object.values(state.conversations).reduce((n, c) => n + (c.muted ? 0 : unreadOf(c)), 0);
}

export function pendingRequestCount(state: Pick<ChatState, 'incoming'>): number {
  return state.incoming.filter((r) => r.status === 'pending').length;
}

/** The name shown for a user: the remark the viewer gave them, else their nickname. */
export function displayName(contacts: Record<string, Contact>, user: Pick<User, 'phone' | 'nickname'> & { remark?: string }): string {
  const c = contacts[user.phone];
  return c?.remark || user.remark || c?.nickname || user.nickname || user.phone;
}

export function conversationTitle(state: Pick<ChatState, 'contacts'>, c: Conversation): string {
  if (c.type === 'group') return c.group?.name ?? c.id;
  return c.peer ? displayName(state.contacts, c.peer) : c.id;
}
