import { create } from 'zustand';

/** A tiny History-API router: the gateway serves index.html for every client path. */
interface RouteState {
  path: string;
  /** how many in-app pages were pushed on top of the first one */
  depth: number;
}

function currentPath(): string {
  return typeof location !== 'undefined' ? location.pathname : '/';
}

/** What this app keeps in a history entry (another page's entries may hold anything). */
interface EntryState {
  depth?: unknown;
  prev?: unknown;
}

function entryState(state: unknown): EntryState | null {
  return state && typeof state === 'object' ? state : null;
}

function depthOf(state: unknown): number {
  const depth = entryState(state)?.depth;
  return typeof depth === 'number' ? depth : 0;
}

export const useRoute = create<RouteState>(() => ({
  path: currentPath(),
  depth: typeof history !== 'undefined' ? depthOf(history.state) : 0,
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', (e) => useRoute.setState({ path: currentPath(), depth: depthOf(e.state) }));
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (path === useRoute.getState().path) return;
  const { depth } = useRoute.getState();
  if (opts.replace) {
    history.replaceState({ depth, prev: previousPath() }, '', path);
    useRoute.setState({ path, depth });
  } else {
    history.pushState({ depth: depth + 1, prev: useRoute.getState().path }, '', path);
    useRoute.setState({ path, depth: depth + 1 });
  }
}

/** The path one step back in this app's history, when known (pushState entries carry it). */
export function previousPath(): string | null {
  const prev = typeof history !== 'undefined' ? entryState(history.state)?.prev : null;
  return typeof prev === 'string' ? prev : null;
}

/** Goes to a page: back to it when it is the page just before this one, else forward. */
export function goTo(path: string): void {
  if (useRoute.getState().depth > 0 && previousPath() === path) history.back();
  else navigate(path);
}

/** Back within the app, or to the given parent page when the app was opened on a deep link. */
export function back(fallback: string): void {
  if (useRoute.getState().depth > 0) history.back();
  else navigate(fallback, { replace: true });
}

export type Tab = 'chats' | 'contacts' | 'discover' | 'me';

export interface Route {
  name:
    | 'chats' | 'contacts' | 'discover' | 'me'
    | 'chat' | 'chatInfo' | 'newFriends' | 'addFriend' | 'contact' | 'newGroup' | 'profile' | 'settings'
    | 'moments' | 'momentPost' | 'momentActivity' | 'moment' | 'album'
    | 'login' | 'register';
  params: Record<string, string>;
  tab: Tab;
}

/** Maps a path to a page and the tab it belongs to (its left pane on wide screens). */
export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c] = parts;
  switch (a) {
    case 'login':
      return { name: 'login', params: {}, tab: 'chats' };
    case 'register':
      return { name: 'register', params: {}, tab: 'chats' };
    case 'chat':
      if (b && c === 'info') return { name: 'chatInfo', params: { id: b }, tab: 'chats' };
      if (b) return { name: 'chat', params: { id: b }, tab: 'chats' };
      break;
    case 'contacts':
      if (b === 'new') return { name: 'newFriends', params: {}, tab: 'contacts' };
      if (b === 'add') return { name: 'addFriend', params: {}, tab: 'contacts' };
      return { name: 'contacts', params: {}, tab: 'contacts' };
    case 'contact':
      if (b) return { name: 'contact', params: { phone: b }, tab: 'contacts' };
      break;
    case 'groups':
      return { name: 'newGroup', params: { add: c ?? '' , id: b === 'new' ? '' : b ?? '' }, tab: 'contacts' };
    case 'discover':
      return { name: 'discover', params: {}, tab: 'discover' };
    case 'moments':
      if (b === 'new') return { name: 'momentPost', params: {}, tab: 'discover' };
      if (b === 'activity') return { name: 'momentActivity', params: {}, tab: 'discover' };
      if (b === 'm' && c) return { name: 'moment', params: { id: c }, tab: 'discover' };
      if (b === 'user' && c) return { name: 'album', params: { phone: c }, tab: 'discover' };
      return { name: 'moments', params: {}, tab: 'discover' };
    case 'me':
      if (b === 'profile') return { name: 'profile', params: {}, tab: 'me' };
      if (b === 'settings') return { name: 'settings', params: {}, tab: 'me' };
      return { name: 'me', params: {}, tab: 'me' };
  }
  return { name: 'chats', params: {}, tab: 'chats' };
}
