// Generated from the server's catalogue (common: chat.weiliao.common.contract) by ContractTypeScript.
// Do not edit: change the Java records, then regenerate with
//   mvn -pl common test -Djazzer.skip=true -Dtest=ContractTypeScriptTest -Dcontract.write=true

export type ActivityKind = 'like' | 'comment';

export interface CallContent {
  callId: string;
  media: CallMedia;
  result: CallResult;
  duration: number;
}

export type CallEndReason = 'timeout' | 'disconnected' | 'answered-elsewhere';

export interface CallEndedPayload {
  callId: string;
  reason: CallEndReason;
}

export type CallMedia = 'audio' | 'video';

export type CallResult = 'completed' | 'declined' | 'cancelled' | 'missed' | 'failed';

export interface CallSignalPayload {
  callId: string;
  from: string;
}

export interface Comment {
  id: string;
  from: UserOrContact;
  replyTo: UserOrContact | null;
  text: string;
  createdAt: number;
}

export interface Contact {
  phone: string;
  nickname: string;
  avatar: string | null;
  signature: string;
  createdAt: number;
  remark: string;
  online: boolean;
  lastSeen: number | null;
}

export interface ContactAddedPayload {
  contact: Contact;
}

export interface ContactRemovedPayload {
  phone: string;
}

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

export interface ContactRequestPayload {
  request: ContactRequest;
}

export interface Conversation {
  id: string;
  type: ConversationType;
  peer: UserOrContact | null;
  group: Group | null;
  lastMessage: Message | null;
  lastSeq: number;
  readSeq: number;
  unread: number;
  mentionedSeq?: number;
  updatedAt: number;
  peerReadSeq?: number;
  pinned?: boolean;
  muted?: boolean;
}

export type ConversationType = 'direct' | 'group';

export interface ConversationUpdatedPayload {
  conversation: Conversation;
}

export interface FileContent {
  url: string;
  name: string;
  size: number;
}

export interface Group {
  id: string;
  name: string;
  owner: string;
  notice: string;
  members: User[];
  memberCount?: number;
  createdAt: number;
}

export interface GroupUpdatedPayload {
  group: Group;
}

export interface IceCandidatePayload {
  callId: string;
  from: string;
  candidate: unknown;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface ImageContent {
  url: string;
  width: number;
  height: number;
}

export interface InviteOfferPayload {
  callId: string;
  from: string;
  media: CallMedia;
  iceServers: IceServer[];
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  from: string;
  kind: MessageKind;
  content: MessageContent | null;
  clientMsgId: string | null;
  createdAt: number;
  recalled: boolean;
  replyTo?: Quote;
  mentions?: string[];
  mentionAll?: boolean;
}

export type MessageContent = CallContent | FileContent | ImageContent | SystemContent | TextContent | VoiceContent;

export type MessageKind = 'text' | 'image' | 'file' | 'voice' | 'call' | 'system';

export interface MessageNewPayload {
  message: Message;
}

export interface MessageReadPayload {
  conversationId: string;
  reader: string;
  seq: number;
}

export interface MessageRecalledPayload {
  conversationId: string;
  messageId: string;
  seq: number;
}

export interface Moment {
  id: string;
  author: UserOrContact;
  text: string;
  images: MomentImage[];
  createdAt: number;
  likes: UserOrContact[];
  comments: Comment[];
}

export interface MomentActivityPayload {
  momentId: string;
  kind: ActivityKind;
  from: string;
  comment?: Comment;
}

export interface MomentImage {
  url: string;
  width: number;
  height: number;
}

export interface MomentNewPayload {
  momentId: string;
  author: string;
}

export interface PongPayload {
  serverTime: number;
}

export interface PresencePayload {
  phone: string;
  online: boolean;
  lastSeen: number | null;
}

export interface Quote {
  id: string;
  seq: number;
  from: string;
  kind: MessageKind;
  text: string | null;
  recalled?: boolean;
}

export type RequestStatus = 'pending' | 'accepted' | 'declined';

export interface SdpPayload {
  callId: string;
  from: string;
  sdp: unknown;
}

export interface SessionReadyPayload {
  user: User;
  serverTime: number;
  conversations: Conversation[];
  hasMore?: boolean;
  next?: string;
}

export interface SystemContent {
  text: string;
  event: string;
}

export interface TextContent {
  text: string;
}

export interface TypingPayload {
  conversationId: string;
  from: string;
}

export interface User {
  phone: string;
  nickname: string;
  avatar: string | null;
  signature: string;
  createdAt: number;
}

export interface UserOrContact {
  phone: string;
  nickname: string;
  avatar: string | null;
  signature: string;
  createdAt: number;
  remark?: string;
  online?: boolean;
  lastSeen?: number | null;
}

export interface UserUpdatedPayload {
  user: User;
}

export interface VoiceContent {
  url: string;
  duration: number;
}

/** Each server → client event type and its payload. */
export interface ServerEventPayloads {
  'session.ready': SessionReadyPayload;
  'message.new': MessageNewPayload;
  'message.recalled': MessageRecalledPayload;
  'message.read': MessageReadPayload;
  'typing': TypingPayload;
  'presence': PresencePayload;
  'contact.request': ContactRequestPayload;
  'contact.added': ContactAddedPayload;
  'contact.removed': ContactRemovedPayload;
  'group.updated': GroupUpdatedPayload;
  'user.updated': UserUpdatedPayload;
  'conversation.updated': ConversationUpdatedPayload;
  'moment.new': MomentNewPayload;
  'moment.activity': MomentActivityPayload;
  'invite-offer': InviteOfferPayload;
  'invite-accept': CallSignalPayload;
  'invite-refuse': CallSignalPayload;
  'invite-cancel': CallSignalPayload;
  'video-offer': SdpPayload;
  'video-answer': SdpPayload;
  'new-ice-candidate': IceCandidatePayload;
  'hang-up': CallSignalPayload;
  'call-ended': CallEndedPayload;
  'pong': PongPayload;
}
