import type { Contact, Message, Quote } from '../api/types';
import type { MessageKey, T } from '../i18n';
import { displayName } from '../store/chatReducer';
import { duration } from '../util/time';

/** One line describing a message (chat list preview, notifications). */
export function previewOf(m: Message | null, t: T, me: string | undefined, contacts: Record<string, Contact>, group = false): string {
  if (!m) return '';
  if (m.recalled) {
    if (m.from === me) return t('msg.youRecalled');
    return t('msg.recalled', { name: `"${nameOf(m.from, contacts)}"` });
  }
  const prefix = group && m.from !== me && m.from !== 'system' ? `${nameOf(m.from, contacts)}: ` : '';
  switch (m.kind) {
    case 'text':
      return prefix + (m.content?.text ?? '');
    case 'image':
      return prefix + t('msg.image');
    case 'file':
      return prefix + t('msg.file') + ' ' + (m.content?.name ?? '');
    case 'voice':
      return prefix + t('msg.voice', { seconds: voiceSeconds(m.content?.duration) });
    case 'call':
      return m.content?.media === 'audio' ? t('msg.call.audio') : t('msg.call.video');
    case 'system':
      return systemText(m, t, contacts);
    default:
      return '';
  }
}

/** The line under a reply: who said what, or that it was recalled since. */
export function quoteText(q: Quote, t: T, contacts: Record<string, Contact>): string {
  if (q.recalled) return t('quote.recalled');
  const what = q.kind === 'text' ? (q.text ?? '') : q.kind === 'image' ? t('msg.image') : q.kind === 'file' ? t('msg.file') : q.kind === 'voice' ? t('quote.voice') : '';
  return `${nameOf(q.from, contacts)}: ${what}`;
}

/** A voice message's length as WeChat shows it: whole seconds, at least 1. */
export function voiceSeconds(durationMillis: number | undefined): number {
  return Math.max(1, Math.round((durationMillis ?? 0) / 1000));
}

function nameOf(phone: string, contacts: Record<string, Contact>): string {
  const c = contacts[phone];
  return c ? displayName(contacts, c) : phone;
}

/** The server writes group notices in English; these read its parts back to translate them. */
const GROUP_NOTICES: Record<string, { re: RegExp; key: MessageKey; parts: string[] }> = {
  'group.created': { re: /^(.*) created the group \u201c(.*)\u201d$/s, key: 'sys.group.created', parts: ['actor', 'name'] },
  'group.renamed': { re: /^(.*) renamed the group to \u201c(.*)\u201d$/s, key: 'sys.group.renamed', parts: ['actor', 'name'] },
  'group.notice': { re: /^(.*) updated the group notice$/s, key: 'sys.group.notice', parts: ['actor'] },
  'group.member-added': { re: /^(.*) invited (.*)$/s, key: 'sys.group.member-added', parts: ['actor', 'names'] },
  'group.member-left': { re: /^(.*) left the group$/s, key: 'sys.group.member-left', parts: ['actor'] },
  'group.member-removed': { re: /^(.*) removed (.*)$/s, key: 'sys.group.member-removed', parts: ['actor', 'names'] },
};

/** System messages: known events are translated, others show the server's text. */
export function systemText(m: Message, t: T, contacts: Record<string, Contact> = {}): string {
  const event = m.content?.event;
  const text = m.content?.text ?? '';
  if (event === 'contact.added') return t('sys.contact.added');
  const notice = event ? GROUP_NOTICES[event] : undefined;
  const match = notice?.re.exec(text);
  if (notice && match) {
    const vars: Record<string, string> = {};
    notice.parts.forEach((name, i) => {
      const value = match[i + 1];
      // member lists are phones: show the names we know
      vars[name] = name === 'names' ? value.split(', ').map((p) => (contacts[p] ? displayName(contacts, contacts[p]) : p)).join('、') : value;
    });
    return t(notice.key, vars);
  }
  return text;
}

/** The text of a call record bubble. */
export function callText(m: Message, t: T, me: string | undefined): string {
  const c = m.content ?? {};
  const mine = m.from === me;
  switch (c.result) {
    case 'completed':
      return t('call.completed', { d: duration(c.duration ?? 0) });
    case 'declined':
      return mine ? t('call.declinedByPeer') : t('call.declined');
    case 'cancelled':
      return mine ? t('call.cancelled') : t('call.cancelledByPeer');
    case 'missed':
      return mine ? t('call.timeout') : t('call.missed');
    default:
      return t('call.failed');
  }
}
