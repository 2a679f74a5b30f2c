// What a push shows (no DOM or worker types here, so vitest can check it in jsdom).

/** The payloads of contract 1.1 §5.4. */
export interface PushPayload {
  type: 'message.new' | 'invite-offer';
  conversationId?: string;
  seq?: number;
  callId?: string;
  from?: string;
  media?: 'audio' | 'video';
  title?: string;
  body?: string;
}

export const ICON = '/icons/icon-192.png';

/** Title and options of the notification for a payload; a push we cannot read still says something. */
export function notificationOf(payload: PushPayload | null): { title: string; options: NotificationOptions } {
  const tag = payload?.conversationId ?? (payload?.callId ? `call:${payload.callId}` : 'weiliao');
  return {
    title: payload?.title || '微聊',
    options: {
      body: payload?.body ?? '',
      icon: ICON,
      badge: ICON,
      // one notification per conversation: a newer message replaces the older one
      tag,
      data: payload,
    },
  };
}

/** Where a click takes the user: the conversation, or the app for anything else. */
export function urlOf(payload: PushPayload | null): string {
  return payload?.type === 'message.new' && payload.conversationId
    ? `/chat/${encodeURIComponent(payload.conversationId)}`
    : '/';
}
