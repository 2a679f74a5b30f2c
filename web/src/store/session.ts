import { GapFiller } from '../api/gapFiller';
import { momentsApi } from '../api/moments';
import { SocketClient } from '../api/socket';
import type { AuthResponse, Message, SessionReady } from '../api/types';
import { connectCalls, resetCalls } from '../calls/callManager';
import { forgetSubscription } from '../push/push';
import { navigate } from '../router';
import { dispatch, useApp } from './app';
import { attach, currentGaps, currentSocket, detach, http } from './client';
import { loadContacts, loadRequests } from './contacts';
import { refreshConversations } from './conversations';
import { routeEvent } from './frameRouter';
import { markRead } from './messages';
import { checkNewPosts, resetMomentsNotice } from './momentsNotice';
import { dropSnapshot, keepSnapshot, restoreSnapshot } from './snapshot';

/**
 * The session's lifecycle: sign in and out, the socket's life (with the gap filler and the call
 * module it feeds), and what a fresh connection re-reads. Pushed events go to the frame router;
 * what the pages do goes through the per-resource actions (contacts.ts, conversations.ts,
 * messages.ts, sending.ts, groups.ts, profile.ts, media.ts).
 */

// A refused refresh ends the login.
http.onLoggedOut = () => endSession();

function wsUrl(token: string): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/ws?access_token=${encodeURIComponent(token)}`;
}

/** On page load: resume a stored login, or show the login page. */
export function boot(): void {
  keepSnapshot();
  if (http.loggedIn) {
    if (http.tokens) restoreSnapshot(http.tokens.phone);
    useApp.setState({ auth: 'in' });
    startSession();
  } else {
    useApp.setState({ auth: 'out' });
  }
}

export async function register(phone: string, password: string, nickname: string): Promise<void> {
  const auth = await http.request<AuthResponse>('POST', '/api/auth/register', { phone, password, nickname }, { auth: false });
  loggedIn(auth);
}

export async function login(phone: string, password: string): Promise<void> {
  const auth = await http.request<AuthResponse>('POST', '/api/auth/login', { phone, password }, { auth: false });
  loggedIn(auth);
}

function loggedIn(auth: AuthResponse): void {
  http.adopt(auth);
  dispatch({ type: 'reset' });
  dispatch({ type: 'me', me: auth.user });
  useApp.setState({ auth: 'in' });
  startSession();
  navigate('/chats', { replace: true });
}

export async function logout(): Promise<void> {
  try {
    await http.post('/api/auth/logout');
  } catch {
    // the local logout happens anyway
  }
  await forgetSubscription().catch(() => {});
  endSession();
}

/** Forgets the login here: closes the socket, clears the state, shows the login page. */
export function endSession(): void {
  stopSocket();
  http.forget();
  dropSnapshot();
  resetCalls();
  resetMomentsNotice();
  dispatch({ type: 'reset' });
  useApp.setState({ auth: 'out', conn: 'idle', everConnected: false, sendErrors: {} });
  navigate('/login', { replace: true });
}

function stopSocket(): void {
  currentSocket()?.stop();
  currentGaps()?.close();
  connectCalls(null);
  detach();
}

function startSession(): void {
  stopSocket();
  const socket = new SocketClient({
    url: wsUrl,
    getToken: () => http.accessToken(),
    renewToken: () => http.refresh(),
    tokenExpiresAt: () => http.tokens?.expiresAt ?? 0,
  });
  socket.on('state', (conn) => useApp.setState({ conn }));
  socket.on('ready', onReady);
  // the router first: a message is in the store before the gap filler looks at its seq
  socket.on('event', routeEvent);
  const gaps = new GapFiller(socket, onFilled);
  socket.on('unauthorized', () => endSession());
  attach(socket, gaps);
  connectCalls(socket);
  socket.start();
  if (typeof window !== 'undefined') (window as unknown as { __weiliaoSocket: SocketClient }).__weiliaoSocket = socket;
}

/** A (re)connect: the server's view replaces ours, and what may have changed meanwhile is re-read. */
function onReady(ready: SessionReady): void {
  dispatch({ type: 'session', me: ready.user, conversations: ready.conversations, partial: ready.hasMore === true });
  if (ready.hasMore) void refreshConversations();
  useApp.setState({ everConnected: true });
  void loadContacts();
  void loadRequests();
  void checkNewPosts(() => momentsApi(http).timeline(undefined, 1), ready.user.phone).catch(() => {});
  // the open chat may have missed messages: re-read it
  const active = useApp.getState().active;
  if (active) void markRead(active);
}

/** Messages the gap filler fetched: into the store, and read at once if their chat is open. */
function onFilled(conversationId: string, messages: Message[]): void {
  dispatch({ type: 'messages', conversationId, messages });
  if (useApp.getState().active === conversationId) void markRead(conversationId);
}
