import type { Contact, Conversation, User } from '../api/types';
import { sortedConversations } from './chatReducer';
import { dispatch, useApp } from './app';

/**
 * This device's last view of the chat list (me, the newest conversations, contacts), kept in
 * localStorage beside the login's tokens, so that a reload shows the list at once, as WeChat
 * does, instead of after the socket's handshake and session.ready. The server's list replaces it
 * as soon as it comes. Logging out removes it.
 */
const KEY = 'weiliao.snapshot';
const MAX_CONVERSATIONS = 100;

interface Snapshot {
  v: 1;
  phone: string;
  me: User;
  conversations: Conversation[];
  contacts: Contact[];
}

/** Shows the snapshot of this login's user, if there is one. */
export function restoreSnapshot(phone: string): void {
  try {
    const text = localStorage.getItem(KEY);
    const s = text ? (JSON.parse(text) as Snapshot) : null;
    if (s && s.v === 1 && s.phone === phone && s.me?.phone === phone) {
      dispatch({ type: 'cached', me: s.me, conversations: s.conversations ?? [], contacts: s.contacts ?? [] });
    }
  } catch {
    // a damaged snapshot is only a slower start
  }
}

export function dropSnapshot(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

let timer: ReturnType<typeof setTimeout> | null = null;
let started = false;

/** Keeps the snapshot current: at most every 2 s while the server's list changes, and on leaving the page. */
export function keepSnapshot(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  const save = () => {
    timer = null;
    const s = useApp.getState();
    if (s.auth !== 'in' || !s.me || s.fromCache) return;
    const snapshot: Snapshot = {
      v: 1,
      phone: s.me.phone,
      me: s.me,
      conversations: sortedConversations(s).slice(0, MAX_CONVERSATIONS),
      contacts: Object.values(s.contacts),
    };
    try {
      localStorage.setItem(KEY, JSON.stringify(snapshot));
    } catch {
      // storage full or disabled: no snapshot
    }
  };
  useApp.subscribe((s, prev) => {
    if (s.conversations !== prev.conversations || s.me !== prev.me || s.contacts !== prev.contacts) {
      timer ??= setTimeout(save, 2000);
    }
  });
  window.addEventListener('pagehide', () => {
    if (timer) {
      clearTimeout(timer);
      save();
    }
  });
}
