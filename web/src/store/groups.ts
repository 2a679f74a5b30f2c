import type { Conversation, Group } from '../api/types';
import { dispatch, useApp } from './app';
import { http } from './client';
import { refreshConversations } from './conversations';

export async function createGroup(name: string, members: string[]): Promise<string> {
  const r = await http.post<{ group: Group; conversation: Conversation }>('/api/groups', { name, members });
  dispatch({ type: 'conversation', conversation: r.conversation });
  return r.conversation.id;
}

export async function fetchGroup(groupId: string): Promise<Group> {
  const g = await http.get<Group>(`/api/groups/${groupId}`);
  dispatch({ type: 'group', group: g });
  return g;
}

export async function renameGroup(groupId: string, name: string): Promise<void> {
  const g = await http.patch<Group>(`/api/groups/${groupId}`, { name });
  dispatch({ type: 'group', group: g });
}

export async function addMembers(groupId: string, phones: string[]): Promise<void> {
  const g = await http.post<Group>(`/api/groups/${groupId}/members`, { phones });
  dispatch({ type: 'group', group: g });
}

export async function removeMember(groupId: string, phone: string): Promise<void> {
  await http.del(`/api/groups/${groupId}/members/${phone}`);
  await fetchGroup(groupId).catch(() => undefined);
}

export async function leaveGroup(groupId: string): Promise<void> {
  const me = useApp.getState().me?.phone;
  if (!me) return;
  await http.del(`/api/groups/${groupId}/members/${me}`);
  await refreshConversations();
}
