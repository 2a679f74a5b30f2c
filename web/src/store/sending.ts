import { ApiError } from '../api/errors';
import type { Message } from '../api/types';
import { newClientMsgId } from '../util/ids';
import { dispatch, useApp } from './app';
import type { OutgoingMessage } from './chatReducer';
import { currentGaps, perLogin, requireSocket } from './client';
import { imageSize, uploadMedia } from './media';

/** clientMsgId → the file a media message still has to upload (kept for a retry). */
const files = perLogin(new Map<string, Blob>());

/** Sends (or re-sends, with the same clientMsgId) one message; the view shows its state. */
export async function sendMessage(out: OutgoingMessage): Promise<void> {
  dispatch({ type: 'outgoing', message: { ...out, status: 'sending' } });
  useApp.setState((s) => {
    const sendErrors = { ...s.sendErrors };
    delete sendErrors[out.clientMsgId];
    return { sendErrors };
  });
  try {
    const content = await uploadedContent(out);
    const ack = await requireSocket().request<{ message: Message }>('message.send', {
      conversationId: out.conversationId,
      clientMsgId: out.clientMsgId,
      kind: out.kind,
      content,
      ...replyAndMentions(out),
    });
    files.delete(out.clientMsgId);
    dispatch({ type: 'outgoingDone', clientMsgId: out.clientMsgId, message: ack.message });
    currentGaps()?.observe(ack.message.conversationId, ack.message.seq);
  } catch (e) {
    const code = e instanceof ApiError ? e.code : 'NETWORK';
    dispatch({ type: 'outgoingStatus', clientMsgId: out.clientMsgId, status: 'failed' });
    useApp.setState((s) => ({ sendErrors: { ...s.sendErrors, [out.clientMsgId]: code } }));
  }
}

/** A media message's content with the url of its upload (uploading the file first if needed). */
async function uploadedContent(out: OutgoingMessage): Promise<OutgoingMessage['content']> {
  const file = files.get(out.clientMsgId);
  if ((out.kind !== 'image' && out.kind !== 'file' && out.kind !== 'voice') || out.content.url || !file) return out.content;
  const uploaded = await uploadMedia(file);
  const content = { ...out.content, url: uploaded.url };
  dispatch({ type: 'outgoing', message: { ...out, content, status: 'sending' } });
  return content;
}

/** The optional fields of message.send (contract 1.1 §5.2), only those the message has. */
function replyAndMentions(out: OutgoingMessage): Partial<TextExtras> {
  const extra: Partial<TextExtras> = {};
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
    await sendMessage({ clientMsgId: newClientMsgId(), conversationId, kind: m.kind as OutgoingMessage['kind'], content: m.content ?? {}, createdAt: Date.now(), status: 'sending' });
  }
}
