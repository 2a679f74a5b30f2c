import type { Conversation, ConversationPage, Message } from '../api/types';
import { dispatch, useApp } from './app';
import { directId, orderedMessages } from './chatReducer';
import { http } from './client';

/** Every page of the conversation list (200 a page), read one after another. */
async function allConversations(): Promise<Conversation[]> {
  const all: Conversation[] = [];
  let path = '/api/conversations';
  for (;;) {
    const page = await http.get<ConversationPage>(path);
    all.push(...page.conversations);
    if (!page.hasMore || !page.next) return all;
    path = '/api/conversations?before=' + encodeURIComponent(page.next);
  }
}

let refreshingConversations: Promise<void> | null = null;
/** Re-reads the whole conversation list (a conversation we do not know yet appeared, or ready held only its first page). */
export function refreshConversations(): Promise<void> {
  if (!refreshingConversations) {
    refreshingConversations = allConversations()
      .then((conversations) => dispatch({ type: 'conversations', conversations }))
      .catch(() => {})
      .finally(() => {
        refreshingConversations = null;
      });
  }
  return refreshingConversations;
}

/** Pins or mutes a conversation for this user (contract 1.1 §5.2); the other devices hear conversation.updated. */
export async function updateConversationSettings(conversationId: string, patch: { pinned?: boolean; muted?: boolean }): Promise<void> {
  const conversation = await http.patch<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}`, patch);
  dispatch({ type: 'conversationUpdated', conversation });
}

/** The direct conversation with a contact (it exists once they are contacts). */
export function directConversationId(phone: string): string {
  return directId(useApp.getState().me?.phone ?? '', phone);
}

export function messagesOf(conversationId: string): Message[] {
  return orderedMessages(useApp.getState().messages[conversationId]);
}
