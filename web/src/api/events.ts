import type { ServerEventPayloads } from './contract';

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

// What each event carries is generated from the server's catalogue (contract.ts, written by
// common's ContractTypeScript and held to it by ContractTypeScriptTest): the router's handlers
// receive `ServerEventPayloads[type]`.
export type { ServerEventPayloads };

/** A frame with its payload typed by its event (any of `K`). */
export type ServerFrame<K extends ServerEvent = ServerEvent> = { [P in K]: { type: P; payload: ServerEventPayloads[P] } }[K];

/** The events that reach the frame router: the socket itself takes session.ready and pong. */
export type PushedEvent = Exclude<ServerEvent, 'session.ready' | 'pong'>;

const KNOWN: ReadonlySet<string> = new Set(SERVER_EVENTS);

export function isServerEvent(type: string): type is ServerEvent {
  return KNOWN.has(type);
}
