import type { Contact, ContactRequest, User } from '../api/types';
import { dispatch } from './app';
import { http } from './client';
import { refreshConversations } from './conversations';

export async function loadContacts(): Promise<void> {
  const r = await http.get<{ contacts: Contact[] }>('/api/contacts');
  dispatch({ type: 'contacts', contacts: r.contacts });
}

export async function loadRequests(): Promise<void> {
  const r = await http.get<{ incoming: ContactRequest[]; outgoing: ContactRequest[] }>('/api/contacts/requests');
  dispatch({ type: 'requests', incoming: r.incoming, outgoing: r.outgoing });
}

export async function searchUser(phone: string): Promise<User | null> {
  const r = await http.get<{ users: User[] }>('/api/users/search?phone=' + encodeURIComponent(phone));
  return r.users[0] ?? null;
}

export async function sendRequest(to: string, greeting: string): Promise<ContactRequest> {
  const r = await http.post<ContactRequest>('/api/contacts/requests', { to, greeting });
  dispatch({ type: 'request', request: r });
  if (r.status === 'accepted') {
    void loadContacts();
    void refreshConversations();
  }
  return r;
}

export async function acceptRequest(id: string): Promise<void> {
  const contact = await http.post<Contact>(`/api/contacts/requests/${encodeURIComponent(id)}/accept`);
  dispatch({ type: 'contact', contact });
  await Promise.all([loadRequests(), refreshConversations()]);
}

export async function declineRequest(id: string): Promise<void> {
  await http.post(`/api/contacts/requests/${encodeURIComponent(id)}/decline`);
  await loadRequests();
}

export async function setRemark(phone: string, remark: string): Promise<void> {
  const contact = await http.patch<Contact>(`/api/contacts/${phone}`, { remark });
  dispatch({ type: 'contact', contact });
}

export async function deleteContact(phone: string): Promise<void> {
  await http.del(`/api/contacts/${phone}`);
  dispatch({ type: 'contactRemoved', phone });
}
