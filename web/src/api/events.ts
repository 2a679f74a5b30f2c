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
