import type { MomentActivityEvent, MomentNewEvent } from './moments';
import type { Contact, ContactRequest, Conversation, Group, IceServer, Message, SessionReady, User } from './types';

/**
 * The events the server pushes over /ws, as the server's catalogue lists them
 * (common/src/main/java/chat/weiliao/common/bus/ClientEvents.java). ClientEventsCatalogueTest in
 * `common` fails when this list and that catalogue differ, and switching on `ServerEvent` makes
 * the compiler refuse a case for an event the server never sends.
 */
export const SERVER_EVENTS = [
  'session.ready',
  'message.new',
  'message.recalled',
  'message.read',
  'typing',
  'presence',
  'contact.request',
  'contact.added',
  'contact.removed',
  'group.updated',
  'user.updated',
  'conversation.updated',
  'moment.new',
  'moment.activity',
  'invite-offer',
  'invite-accept',
  'invite-refuse',
  'invite-cancel',
  'video-offer',
  'video-answer',
  'new-ice-candidate',
  'hang-up',
  'call-ended',
  'pong',
] as const;

export type ServerEvent = (typeof SERVER_EVENTS)[number];

// ---- What each event carries (shared/protocol.md, "Server → client events", calls, §5) ----
// Written by hand from the contract until web/src/api/contract.ts is generated from the Java
// catalogue; the names follow `<Event>Payload`.

export type SessionReadyPayload = SessionReady;
export interface MessageNewPayload { message: Message }
export interface MessageRecalledPayload { conversationId: string; messageId: string; seq: number }
export interface MessageReadPayload { conversationId: string; reader: string; seq: number }
export interface TypingPayload { conversationId: string; from: string }
export interface PresencePayload { phone: string; online: boolean; lastSeen: number | null }
export interface ContactRequestPayload { request: ContactRequest }
export interface ContactAddedPayload { contact: Contact }
export interface ContactRemovedPayload { phone: string }
export interface GroupUpdatedPayload { group: Group }
export interface UserUpdatedPayload { user: User }
export interface ConversationUpdatedPayload { conversation: Conversation }
export type MomentNewPayload = MomentNewEvent;
export type MomentActivityPayload = MomentActivityEvent;

/** Every call frame names its call; relayed ones carry `from`, set by the server. */
interface CallFramePayload { callId: string; from: string }
export interface InviteOfferPayload extends CallFramePayload { media: 'audio' | 'video'; iceServers: IceServer[] }
export type InviteAcceptPayload = CallFramePayload;
export type InviteRefusePayload = CallFramePayload;
export type InviteCancelPayload = CallFramePayload;
/** `sdp` as the peer sent it: a description, or (older clients) the SDP text alone */
export interface VideoOfferPayload extends CallFramePayload { sdp: RTCSessionDescriptionInit | string }
export interface VideoAnswerPayload extends CallFramePayload { sdp: RTCSessionDescriptionInit | string }
export interface NewIceCandidatePayload extends CallFramePayload { candidate: RTCIceCandidateInit }
export type HangUpPayload = CallFramePayload;
export interface CallEndedPayload { callId: string; reason: 'timeout' | 'disconnected' | 'answered-elsewhere' }
export interface PongPayload { serverTime: number }

/** Event type → its payload; the frame router's handlers receive these. */
export interface ServerEventPayloads {
  'session.ready': SessionReadyPayload;
  'message.new': MessageNewPayload;
  'message.recalled': MessageRecalledPayload;
  'message.read': MessageReadPayload;
  typing: TypingPayload;
  presence: PresencePayload;
  'contact.request': ContactRequestPayload;
  'contact.added': ContactAddedPayload;
  'contact.removed': ContactRemovedPayload;
  'group.updated': GroupUpdatedPayload;
  'user.updated': UserUpdatedPayload;
  'conversation.updated': ConversationUpdatedPayload;
  'moment.new': MomentNewPayload;
  'moment.activity': MomentActivityPayload;
  'invite-offer': InviteOfferPayload;
  'invite-accept': InviteAcceptPayload;
  'invite-refuse': InviteRefusePayload;
  'invite-cancel': InviteCancelPayload;
  'video-offer': VideoOfferPayload;
  'video-answer': VideoAnswerPayload;
  'new-ice-candidate': NewIceCandidatePayload;
  'hang-up': HangUpPayload;
  'call-ended': CallEndedPayload;
  pong: PongPayload;
}

/** A frame with its payload typed by its event (any of `K`). */
export type ServerFrame<K extends ServerEvent = ServerEvent> = { [P in K]: { type: P; payload: ServerEventPayloads[P] } }[K];

/** The events that reach the frame router: the socket itself takes session.ready and pong. */
export type PushedEvent = Exclude<ServerEvent, 'session.ready' | 'pong'>;

const KNOWN: ReadonlySet<string> = new Set(SERVER_EVENTS);

export function isServerEvent(type: string): type is ServerEvent {
  return KNOWN.has(type);
}
