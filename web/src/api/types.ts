/** Objects of the Weiliao client contract, version 1 (see shared/protocol.md §1). */

export interface User {
  phone: string;
  nickname: string;
  avatar: string | null;
  signature: string;
  createdAt: number;
}

export interface Contact extends User {
  remark: string;
  online: boolean;
  lastSeen: number | null;
}

export type RequestStatus = 'pending' | 'accepted' | 'declined';

export interface ContactRequest {
  id: string;
  from: string;
  to: string;
  greeting: string;
  status: RequestStatus;
  createdAt: number;
  fromUser: User;
  toUser: User;
}

export type MessageKind = 'text' | 'image' | 'file' | 'voice' | 'call' | 'system';

export interface TextContent { text: string }
export interface ImageContent { url: string; width: number; height: number }
export interface FileContent { url: string; name: string; size: number }
/** duration in whole milliseconds, 500 to 60,000 */
export interface VoiceContent { url: string; duration: number }
export interface CallContent { callId: string; media: 'audio' | 'video'; result: CallResult; duration: number }
export interface SystemContent { text: string; event: string }
export type CallResult = 'completed' | 'declined' | 'cancelled' | 'missed' | 'failed';
/** A message's content: which of these fields it has is its kind's (the interfaces above). */
export type MessageContent = Partial<TextContent & ImageContent & FileContent & VoiceContent & CallContent & SystemContent>;

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  from: string;
  kind: MessageKind;
  /** null once recalled */
  content: MessageContent | null;
  clientMsgId: string | null;
  createdAt: number;
  recalled: boolean;
  /** a reply's snapshot of the quoted message (contract 1.1 §5.2) */
  replyTo?: Quote;
  /** group text messages: who was mentioned, or everyone (contract 1.1 §5.2) */
  mentions?: string[];
  mentionAll?: boolean;
}

/** A reply's snapshot of the message it quotes: text only for text messages (100 characters). */
export interface Quote { id: string; seq: number; from: string; kind: MessageKind; text: string | null; recalled?: boolean }

export interface Group {
  id: string;
  name: string;
  owner: string;
  notice: string;
  /** In lists and session.ready only the first 9 members (by join order); GET /api/groups/{id} has all. */
  members: User[];
  /** every member, counted (contract 5.1); older servers leave it out */
  memberCount?: number;
  createdAt: number;
}

/** How many people a group has, from a summary or a full group. */
export function memberCountOf(group: Group | null | undefined): number {
  return group?.memberCount ?? group?.members.length ?? 0;
}

export interface Conversation {
  id: string;
  type: 'direct' | 'group';
  peer: (User & Partial<Contact>) | null;
  group: Group | null;
  lastMessage: Message | null;
  lastSeq: number;
  readSeq: number;
  unread: number;
  /** the highest seq that mentioned the viewer or everyone, 0 when none (contract 1.1 §5.2) */
  mentionedSeq?: number;
  updatedAt: number;
  /** direct conversations: how far the other member has read (contract 1.1 §5.2) */
  peerReadSeq?: number;
  /** the viewer's own settings (contract 1.1 §5.2): pinned chats come first, muted ones do not count */
  pinned?: boolean;
  muted?: boolean;
}

export interface AuthResponse {
  user: User;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface IceServer { urls: string | string[]; username?: string; credential?: string }

export interface HistoryPage { messages: Message[]; hasMore: boolean }

/** One page of the conversation list (contract 5.1): `next` continues it while `hasMore`. */
export interface ConversationPage { conversations: Conversation[]; hasMore?: boolean; next?: string }

export interface SessionReady extends ConversationPage { user: User; serverTime: number }
