import type { PushedEvent, ServerEventPayloads, ServerFrame } from '../api/events';
import {
  onCallEnded,
  onHangUp,
  onIceCandidate,
  onInviteAccept,
  onInviteCancel,
  onInviteOffer,
  onInviteRefuse,
  onVideoAnswer,
  onVideoOffer,
} from '../calls/callManager';
import { dispatch, useApp } from './app';
import { loadRequests } from './contacts';
import { refreshConversations } from './conversations';
import { markRead } from './messages';
import { onMomentActivity, onMomentNew } from './momentsNotice';

type Handlers = { [K in PushedEvent]: (payload: ServerEventPayloads[K]) => void };

/**
 * The one place that says what each pushed event does to the client's state. The compiler holds
 * it to the catalogue: an event missing here, or one the server never sends, does not compile.
 */
const handlers: Handlers = {
  'message.new': onMessageNew,
  'message.recalled': (p) => dispatch({ type: 'recalled', conversationId: p.conversationId, messageId: p.messageId, seq: p.seq }),
  'message.read': (p) => dispatch({ type: 'read', conversationId: p.conversationId, reader: p.reader, seq: p.seq }),
  typing: (p) => dispatch({ type: 'typing', conversationId: p.conversationId, from: p.from, until: Date.now() + 5000 }),
  presence: (p) => dispatch({ type: 'presence', phone: p.phone, online: p.online, lastSeen: p.lastSeen ?? null }),
  'contact.request': (p) => dispatch({ type: 'request', request: p.request }),
  'contact.added': onContactAdded,
  'contact.removed': (p) => dispatch({ type: 'contactRemoved', phone: p.phone }),
  'group.updated': onGroupUpdated,
  // the user's own settings changed (pinned, muted), here or on another device
  'conversation.updated': (p) => {
    if (p.conversation?.id) dispatch({ type: 'conversationUpdated', conversation: p.conversation });
  },
  'user.updated': (p) => {
    if (p.user?.phone) dispatch({ type: 'user', user: p.user });
  },
  'moment.new': (p) => onMomentNew(p, myPhone()),
  'moment.activity': (p) => onMomentActivity(p, myPhone()),
  'invite-offer': onInviteOffer,
  'invite-accept': onInviteAccept,
  'invite-refuse': onInviteRefuse,
  'invite-cancel': onInviteCancel,
  'video-offer': onVideoOffer,
  'video-answer': onVideoAnswer,
  'new-ice-candidate': onIceCandidate,
  'hang-up': onHangUp,
  'call-ended': onCallEnded,
};

/** Hands a pushed frame to its event's handler. */
export function routeEvent(frame: ServerFrame<PushedEvent>): void {
  deliver(frame.type, frame.payload);
}

function deliver<K extends PushedEvent>(type: K, payload: ServerEventPayloads[K]): void {
  handlers[type](payload);
}

function myPhone(): string | undefined {
  return useApp.getState().me?.phone;
}

function onMessageNew({ message }: ServerEventPayloads['message.new']): void {
  const state = useApp.getState();
  dispatch({ type: 'message', message });
  if (!state.conversations[message.conversationId]) void refreshConversations();
  if (state.active === message.conversationId && isVisible()) void markRead(message.conversationId);
}

function onContactAdded({ contact }: ServerEventPayloads['contact.added']): void {
  dispatch({ type: 'contact', contact });
  void loadRequests();
  void refreshConversations();
}

/** A group we do not know yet, or one we are no longer in, changes the conversation list. */
function onGroupUpdated({ group }: ServerEventPayloads['group.updated']): void {
  const state = useApp.getState();
  dispatch({ type: 'group', group });
  const me = state.me?.phone;
  if (!state.conversations['g_' + group.id] || (me && !group.members.some((u) => u.phone === me))) void refreshConversations();
}

function isVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}
