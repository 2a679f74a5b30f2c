import type { ServerEvent } from '../api/events';
import { Http } from '../api/http';
import { ApiError } from '../api/errors';
import { SocketClient, type Frame } from '../api/socket';
import type { AuthResponse, Contact, ContactRequest, Conversation, ConversationPage, Group, HistoryPage, Message, User } from '../api/types';
import { navigate } from '../router';
import { dispatch, useApp } from './app';
import { directId, orderedMessages, type OutgoingMessage } from './chatReducer';
import { newClientMsgId } from '../util/ids';
import { handleCallFrame, resetCalls } from '../calls/callManager';
import { dropSnapshot, keepSnapshot, restoreSnapshot } from './snapshot';
import { momentsApi } from '../api/moments';
import type { MomentActivityEvent, MomentNewEvent } from '../api/moments';
import { checkNewPosts, onMomentActivity, onMomentNew, resetMomentsNotice } from './momentsNotice';
import { forgetSubscription } from '../push/push';

/** The HTTP client for the whole app; a refused refresh ends the login. */
export const http = new Http({ onLoggedOut: () => endSession() });
let socket: SocketClient | null = null;

export function getSocket(): SocketClient | null {
  return socket;
}

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
  socket?.stop();
  socket = null;
  http.forget();
  dropSnapshot();
  resetCalls();
  resetMomentsNotice();
  dispatch({ type: 'reset' });
  useApp.setState({ auth: 'out', conn: 'idle', everConnected: false, sendErrors: {} });
  navigate('/login', { replace: true });
}

function startSession(): void {
  socket?.stop();
  const s = new SocketClient({
    url: wsUrl,
    getToken: () => http.accessToken(),
    renewToken: () => http.refresh(),
    tokenExpiresAt: () => http.tokens?.expiresAt ?? 0,
  });
  socket = s;
  s.on('state', (conn) => useApp.setState({ conn }));
  s.on('ready', (ready) => {
    dispatch({ type: 'session', me: ready.user, conversations: ready.conversations, partial: ready.hasMore === true });
    if (ready.hasMore) void refreshConversations();
    useApp.setState({ everConnected: true });
    void loadContacts();
    void loadRequests();
    void checkNewPosts(() => momentsApi(http).timeline(undefined, 1), ready.user.phone).catch(() => {});
    // the open chat may have missed messages: re-read it
    const active = useApp.getState().active;
    if (active) void markRead(active);
  });
  s.on('frame', onFrame);
  s.on('messages', ({ conversationId, messages }) => {
    dispatch({ type: 'messages', conversationId, messages });
    if (useApp.getState().active === conversationId) void markRead(conversationId);
  });
  s.on('unauthorized', () => endSession());
  s.start();
  if (typeof window !== 'undefined') (window as unknown as { __weiliaoSocket: SocketClient }).__weiliaoSocket = s;
}

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

function onFrame(frame: Frame): void {
  const p = frame.payload ?? {};
  const state = useApp.getState();
  switch (frame.type as ServerEvent) {
    case 'message.new': {
      const m = p.message as Message;
      dispatch({ type: 'message', message: m });
      if (!state.conversations[m.conversationId]) void refreshConversations();
      if (state.active === m.conversationId && isVisible()) void markRead(m.conversationId);
      break;
    }
    case 'message.recalled':
      dispatch({ type: 'recalled', conversationId: p.conversationId, messageId: p.messageId, seq: p.seq });
      break;
    case 'message.read':
      dispatch({ type: 'read', conversationId: p.conversationId, reader: p.reader, seq: p.seq });
      break;
    case 'typing':
      dispatch({ type: 'typing', conversationId: p.conversationId, from: p.from, until: Date.now() + 5000 });
      break;
    case 'presence':
      dispatch({ type: 'presence', phone: p.phone, online: p.online, lastSeen: p.lastSeen ?? null });
      break;
    case 'contact.request':
      dispatch({ type: 'request', request: p.request as ContactRequest });
      break;
    case 'contact.added':
      dispatch({ type: 'contact', contact: p.contact as Contact });
      void loadRequests();
      void refreshConversations();
      break;
    case 'contact.removed':
      dispatch({ type: 'contactRemoved', phone: p.phone });
      break;
    case 'moment.new':
      onMomentNew(p as MomentNewEvent, state.me?.phone);
      break;
    case 'moment.activity':
      onMomentActivity(p as MomentActivityEvent, state.me?.phone);
      break;
    case 'conversation.updated':
      // the user's own settings changed (pinned, muted), here or on another device
      if (p.conversation?.id) dispatch({ type: 'conversationUpdated', conversation: p.conversation as Conversation });
      break;
    case 'user.updated':
      if (p.user?.phone) dispatch({ type: 'user', user: p.user as User });
      break;
    case 'group.updated': {
      const g = p.group as Group;
      dispatch({ type: 'group', group: g });
      const me = state.me?.phone;
      if (!state.conversations['g_' + g.id] || (me && !g.members.some((u) => u.phone === me))) void refreshConversations();
      break;
    }
    default:
      handleCallFrame(frame);
  }
}

function isVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

// ---------------- requests over the socket ----------------

function requireSocket(): SocketClient {
  if (!socket) throw new ApiError('CLOSED', 'Not logged in');
  return socket;
}

/** Loads the newest page of a conversation (when it is opened the first time). */
export async function loadNewest(conversationId: string): Promise<void> {
  const page = await requireSocket().request<HistoryPage>('history', { conversationId, limit: 30 });
  dispatch({ type: 'messages', conversationId, messages: page.messages, page: 'newest', hasMore: page.hasMore });
  const last = page.messages[page.messages.length - 1];
  const s = requireSocket();
  const conv = useApp.getState().conversations[conversationId];
  if (last) s.markHeld(conversationId, last.seq);
  else s.markHeld(conversationId, 0);
  // messages that arrived after the page was read
  if (conv && last && conv.lastSeq > last.seq) void s.fill(conversationId);
}

/** Loads the page before the oldest held message; resolves to whether more exist. */
export async function loadOlder(conversationId: string): Promise<boolean> {
  const list = useApp.getState().messages[conversationId];
  const before = list?.firstSeq;
  if (!before || before <= 1) {
    dispatch({ type: 'messages', conversationId, messages: [], page: 'older', hasMore: false });
    return false;
  }
  const page = await requireSocket().request<HistoryPage>('history', { conversationId, before, limit: 30 });
  dispatch({ type: 'messages', conversationId, messages: page.messages, page: 'older', hasMore: page.hasMore });
  return page.hasMore;
}

const readSent: Record<string, number> = {};
/** Marks everything in the conversation read (the chat is on screen). */
export async function markRead(conversationId: string): Promise<void> {
  const state = useApp.getState();
  const conv = state.conversations[conversationId];
  if (!conv || !socket) return;
  const seq = conv.lastSeq;
  dispatch({ type: 'read', conversationId, reader: state.me?.phone ?? '', seq });
  if ((readSent[conversationId] ?? -1) >= seq) return;
  readSent[conversationId] = seq;
  try {
    await socket.request('message.read', { conversationId, seq });
  } catch {
    delete readSent[conversationId];
  }
}

const files = new Map<string, Blob>();

/** Sends (or re-sends, with the same clientMsgId) one message; the view shows its state. */
export async function sendMessage(out: OutgoingMessage): Promise<void> {
  dispatch({ type: 'outgoing', message: { ...out, status: 'sending' } });
  useApp.setState((s) => {
    const sendErrors = { ...s.sendErrors };
    delete sendErrors[out.clientMsgId];
    return { sendErrors };
  });
  try {
    let content = out.content;
    const file = files.get(out.clientMsgId);
    if ((out.kind === 'image' || out.kind === 'file' || out.kind === 'voice') && !content.url && file) {
      const uploaded = await uploadMedia(file);
      content = { ...content, url: uploaded.url };
      dispatch({ type: 'outgoing', message: { ...out, content, status: 'sending' } });
    }
    const ack = await requireSocket().request<{ message: Message }>('message.send', {
      conversationId: out.conversationId,
      clientMsgId: out.clientMsgId,
      kind: out.kind,
      content,
      ...replyAndMentions(out),
    });
    files.delete(out.clientMsgId);
    dispatch({ type: 'outgoingDone', clientMsgId: out.clientMsgId, message: ack.message });
    socket?.observe(ack.message.conversationId, ack.message.seq);
  } catch (e) {
    const code = e instanceof ApiError ? e.code : 'NETWORK';
    dispatch({ type: 'outgoingStatus', clientMsgId: out.clientMsgId, status: 'failed' });
    useApp.setState((s) => ({ sendErrors: { ...s.sendErrors, [out.clientMsgId]: code } }));
  }
}

/** The optional fields of message.send (contract 1.1 §5.2), only those the message has. */
function replyAndMentions(out: OutgoingMessage): Partial<Pick<OutgoingMessage, 'replyTo' | 'mentions' | 'mentionAll'>> {
  const extra: Partial<Pick<OutgoingMessage, 'replyTo' | 'mentions' | 'mentionAll'>> = {};
  if (out.replyTo) extra.replyTo = out.replyTo;
  if (out.mentionAll) extra.mentionAll = true;
  else if (out.mentions?.length) extra.mentions = out.mentions;
  return extra;
}

/** What a text message may carry besides its text: a quote, mentions. */
export type TextExtras = Pick<OutgoingMessage, 'replyTo' | 'mentions' | 'mentionAll'>;

export function sendText(conversationId: string, text: string, extras: TextExtras = {}): Promise<void> {
  return sendMessage({ clientMsgId: newClientMsgId(), conversationId, kind: 'text', content: { text }, createdAt: Date.now(), status: 'sending', ...extras });
}

/** A recorded voice message: uploaded as audio, then sent with its length in milliseconds. */
export function sendVoice(conversationId: string, audio: Blob, duration: number, replyTo?: string): Promise<void> {
  const clientMsgId = newClientMsgId();
  files.set(clientMsgId, audio);
  return sendMessage({ clientMsgId, conversationId, kind: 'voice', content: { url: '', duration }, createdAt: Date.now(), status: 'sending', replyTo });
}

/** Kinds a user can forward: a forward is a new message with the same kind and content (§5.2). */
export function forwardable(m: Message): boolean {
  return !m.recalled && (m.kind === 'text' || m.kind === 'image' || m.kind === 'file' || m.kind === 'voice');
}

/** Forwards messages, in their order, to each chosen conversation; media urls are reused, never uploaded again. */
export async function forward(messages: Message[], conversationIds: string[]): Promise<void> {
  const kept = messages.filter(forwardable);
  await Promise.all(conversationIds.map((conversationId) => forwardInOrder(kept, conversationId)));
}

/** One after another, so they keep their order in the target conversation. */
async function forwardInOrder(messages: Message[], conversationId: string): Promise<void> {
  for (const m of messages) {
    await sendMessage({ clientMsgId: newClientMsgId(), conversationId, kind: m.kind as OutgoingMessage['kind'], content: m.content, createdAt: Date.now(), status: 'sending' });
  }
}

/** Pins or mutes a conversation for this user (contract 1.1 §5.2); the other devices hear conversation.updated. */
export async function updateConversationSettings(conversationId: string, patch: { pinned?: boolean; muted?: boolean }): Promise<void> {
  const conversation = await http.patch<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}`, patch);
  dispatch({ type: 'conversationUpdated', conversation });
}

/** Loads older pages until the message with this seq is held (a quote's original); false if it never comes. */
export async function loadUntil(conversationId: string, seq: number): Promise<boolean> {
  for (;;) {
    const list = useApp.getState().messages[conversationId];
    if (list?.bySeq[seq]) return true;
    if (!list || (list.firstSeq !== null && list.firstSeq <= seq) || !list.hasOlder) return false;
    await loadOlder(conversationId);
  }
}

export function imageSize(file: Blob): Promise<{ width: number; height: number; preview: string }> {
  const preview = URL.createObjectURL(file);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth || 1, height: img.naturalHeight || 1, preview });
    img.onerror = () => reject(new ApiError('INVALID_ARGUMENT', 'Not an image'));
    img.src = preview;
  });
}

export async function sendImage(conversationId: string, file: File): Promise<void> {
  const { width, height, preview } = await imageSize(file);
  const clientMsgId = newClientMsgId();
  files.set(clientMsgId, file);
  return sendMessage({ clientMsgId, conversationId, kind: 'image', content: { url: '', width, height }, createdAt: Date.now(), status: 'sending', preview });
}

export function sendFile(conversationId: string, file: File): Promise<void> {
  const clientMsgId = newClientMsgId();
  files.set(clientMsgId, file);
  return sendMessage({ clientMsgId, conversationId, kind: 'file', content: { url: '', name: file.name || 'file', size: file.size }, createdAt: Date.now(), status: 'sending' });
}

export function retry(clientMsgId: string): Promise<void> | undefined {
  const out = useApp.getState().outgoing[clientMsgId];
  return out ? sendMessage(out) : undefined;
}

export async function recall(message: Message): Promise<void> {
  await requireSocket().request('message.recall', { messageId: message.id });
  dispatch({ type: 'recalled', conversationId: message.conversationId, messageId: message.id, seq: message.seq });
}

const lastTyping: Record<string, number> = {};
/** Tells the others "typing…" at most every 1.5 s per conversation (the server relays 1/s). */
export function sendTyping(conversationId: string): void {
  const now = Date.now();
  if (now - (lastTyping[conversationId] ?? 0) < 1500) return;
  lastTyping[conversationId] = now;
  socket?.fire('typing', { conversationId });
}

/** Uploads a file to /api/media; `onProgress` (0 to 1) sends it through XMLHttpRequest, which reports progress. */
export function uploadMedia(file: Blob, onProgress?: (fraction: number) => void): Promise<{ url: string; size: number; contentType: string }> {
  return http.request('POST', '/api/media', undefined, { raw: file, onProgress });
}

// ---------------- HTTP resources ----------------

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

export async function updateMe(patch: Partial<Pick<User, 'nickname' | 'avatar' | 'signature'>>): Promise<void> {
  const me = await http.patch<User>('/api/users/me', patch);
  dispatch({ type: 'user', user: me });
}

export function fetchUser(phone: string): Promise<User> {
  return http.get<User>(`/api/users/${phone}`);
}

const profileLookups = new Set<string>();

/**
 * Senders who are neither contacts nor current members (someone who left a group) get their
 * profile looked up once per session, so old messages show a name rather than a phone number.
 */
export function resolveProfiles(phones: string[]): void {
  for (const phone of phones) {
    if (profileLookups.has(phone)) continue;
    profileLookups.add(phone);
    fetchUser(phone)
      .then((user) => dispatch({ type: 'user', user }))
      .catch(() => profileLookups.delete(phone));
  }
}

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

/** The direct conversation with a contact (it exists once they are contacts). */
export function directConversationId(phone: string): string {
  return directId(useApp.getState().me?.phone ?? '', phone);
}

export function messagesOf(conversationId: string): Message[] {
  return orderedMessages(useApp.getState().messages[conversationId]);
}
