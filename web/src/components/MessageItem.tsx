import type { ReactNode } from 'react';
import { Checkbox, DotLoading } from 'antd-mobile';
import { ExclamationCircleFill, FileOutline, PhoneFill, VideoOutline } from 'antd-mobile-icons';
import type { Contact, Message, Quote } from '../api/types';
import type { OutgoingMessage } from '../store/chatReducer';
import { displayName } from '../store/chatReducer';
import type { T } from '../i18n';
import { Avatar } from './Avatar';
import { callText, quoteText, systemText } from './preview';
import { VoiceBody } from './VoiceBody';
import { useLongPress } from './useLongPress';
import { fileSize } from '../util/time';

interface Sender {
  phone: string;
  nickname: string;
  avatar: string | null;
}

interface Props {
  message: Message | OutgoingMessage;
  mine: boolean;
  sender: Sender;
  contacts: Record<string, Contact>;
  me: string | undefined;
  t: T;
  showName: boolean;
  /** direct chats: '已读' / '未读' next to own messages */
  readMark?: 'read' | 'unread' | null;
  onMenu?: (m: Message) => void;
  onRetry?: (clientMsgId: string) => void;
  onCall?: (media: 'audio' | 'video') => void;
  onAvatar?: (phone: string) => void;
  /** an image was tapped: the chat opens its viewer there */
  onImage?: (src: string) => void;
  /** a quote was tapped: the chat scrolls to the original */
  onQuote?: (quote: Quote) => void;
  /** a voice message finished playing (the next one may follow) */
  onVoiceEnded?: (m: Message) => void;
  /** multi-select: a checkbox instead of the menu */
  selecting?: boolean;
  selected?: boolean;
  onSelect?: (m: Message) => void;
  /** briefly marked (the original a quote led to) */
  highlight?: boolean;
}

function isStored(m: Message | OutgoingMessage): m is Message {
  return 'seq' in m;
}

const BIG = 180;

function imageBox(w: number | undefined, h: number | undefined): { width: number; height: number } {
  if (!w || !h) return { width: 120, height: 120 };
  const scale = Math.min(1, BIG / Math.max(w, h));
  return { width: Math.max(40, Math.round(w * scale)), height: Math.max(40, Math.round(h * scale)) };
}

/** One message row: a system line, a recall notice, or an avatar with a bubble. */
export function MessageItem(props: Props) {
  const { message, mine, sender, contacts, me, t, showName, readMark, onRetry, onCall, onAvatar, onImage, selecting } = props;
  const stored = isStored(message) ? message : null;
  // while selecting, the menu does not open: a tap picks the message
  const onMenu = selecting ? undefined : props.onMenu;
  const press = useLongPress(() => stored && onMenu?.(stored));
  const testId = stored ? `msg-${stored.seq}` : `msg-pending-${message.clientMsgId}`;
  if (stored?.kind === 'system') {
    return (
      <div className="msg-system" data-testid={testId}>
        {systemText(stored, t, contacts)}
      </div>
    );
  }
  if (stored?.recalled) {
    const who = mine ? t('msg.youRecalled') : t('msg.recalled', { name: `"${displayName(contacts, sender)}"` });
    return (
      <div className="msg-system" data-testid={testId} data-recalled="true">
        {who}
      </div>
    );
  }
  const content = message.content ?? {};
  let body: ReactNode;
  let bubbleClass = 'bubble';
  switch (message.kind) {
    case 'text':
      body = <span className="bubble-text">{linkify(content.text ?? '')}</span>;
      break;
    case 'image': {
      const box = imageBox(content.width, content.height);
      const src = content.url || (message as OutgoingMessage).preview || '';
      bubbleClass = 'bubble bubble-image';
      body = (
        <button
          type="button"
          className="plain-btn"
          aria-label={t('a11y.viewImage')}
          onClick={(e) => {
            e.stopPropagation();
            if (src) onImage?.(src);
          }}
        >
          <img data-testid="msg-image" src={src} alt="" width={box.width} height={box.height} />
        </button>
      );
      break;
    }
    case 'file':
      bubbleClass = 'bubble bubble-file';
      body = (
        <a className="file-card" data-testid="file-link" href={content.url ? `${content.url}?name=${encodeURIComponent(content.name ?? '')}` : undefined} download={content.name} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()}>
          <div className="file-info">
            <div className="file-name">{content.name}</div>
            <div className="file-size">{fileSize(content.size ?? 0)}</div>
          </div>
          <FileOutline className="file-icon" />
        </a>
      );
      break;
    case 'voice':
      bubbleClass = 'bubble bubble-voice';
      body = stored ? <VoiceBody message={stored} mine={mine} t={t} onEnded={props.onVoiceEnded} /> : <span className="voice-length">{t('msg.voice', { seconds: Math.round((content.duration ?? 0) / 1000) })}</span>;
      break;
    case 'call':
      bubbleClass = 'bubble bubble-call';
      body = (
        <button type="button" className="plain-btn call-record" data-testid="call-record" data-result={content.result} onClick={() => onCall?.(content.media === 'audio' ? 'audio' : 'video')}>
          {content.media === 'audio' ? <PhoneFill aria-hidden="true" /> : <VideoOutline aria-hidden="true" />}
          <span>{stored ? callText(stored, t, me) : ''}</span>
        </button>
      );
      break;
    default:
      body = null;
  }
  const pending = stored ? null : (message as OutgoingMessage);
  const quote = stored?.replyTo;
  return (
    <div
      className={'msg-row' + (mine ? ' msg-mine' : '') + (props.highlight ? ' msg-highlight' : '') + (selecting ? ' msg-selecting' : '')}
      data-testid={testId}
      data-kind={message.kind}
      data-mine={mine ? 'true' : 'false'}
      onClick={selecting && stored ? () => props.onSelect?.(stored) : undefined}
    >
      {selecting && stored && (
        <Checkbox className="msg-check" data-testid="msg-select" checked={!!props.selected} onChange={() => props.onSelect?.(stored)} onClick={(e) => e.stopPropagation()} aria-label={t('a11y.selectMessage')} />
      )}
      <button type="button" className="plain-btn msg-avatar" aria-label={displayName(contacts, sender)} onClick={() => onAvatar?.(sender.phone)}>
        <Avatar name={displayName(contacts, sender)} url={sender.avatar} seed={sender.phone} size={40} />
      </button>
      <div className="msg-main">
        {showName && !mine && <div className="msg-name">{displayName(contacts, sender)}</div>}
        <div className="msg-line">
          <div
            className={bubbleClass}
            data-testid="bubble"
            onContextMenu={(e) => {
              if (stored && onMenu) {
                e.preventDefault();
                if (press.claimContextMenu()) onMenu(stored);
              }
            }}
            // by keyboard: Tab to the message, then Enter or the context-menu key opens its menu
            tabIndex={stored && onMenu ? 0 : undefined}
            aria-describedby={stored && onMenu ? 'msg-menu-hint' : undefined}
            onKeyDown={(e) => {
              if (stored && onMenu && e.target === e.currentTarget && (e.key === 'Enter' || e.key === 'ContextMenu')) {
                e.preventDefault();
                onMenu(stored);
              }
            }}
            {...press.handlers}
          >
            {body}
          </div>
          {pending && pending.status === 'sending' && (
            <span className="msg-state" data-testid="msg-sending">
              <DotLoading color="currentColor" />
            </span>
          )}
          {pending && pending.status === 'failed' && (
            <button type="button" className="plain-btn msg-state msg-failed" data-testid="msg-failed" title={t('msg.failed')} aria-label={t('msg.failed')} onClick={() => onRetry?.(pending.clientMsgId)}>
              <ExclamationCircleFill />
            </button>
          )}
          {stored && mine && readMark && (
            <span className={'read-mark' + (readMark === 'read' ? ' read' : '')} data-testid="read-mark">
              {readMark === 'read' ? t('msg.read') : t('msg.unread')}
            </span>
          )}
        </div>
        {quote && (
          <button
            type="button"
            className="plain-btn msg-quote"
            data-testid="msg-quote"
            data-seq={quote.seq}
            onClick={(e) => {
              e.stopPropagation();
              props.onQuote?.(quote);
            }}
          >
            {quoteText(quote, t, contacts)}
          </button>
        )}
      </div>
    </div>
  );
}

const URL_RE = /\bhttps?:\/\/[^\s<>"'，。！？、）]+[^\s<>"'，。！？、）.,;:!?)]/g;

/**
 * http(s) links in a text become links that open in a new tab. Written by hand as one regex for
 * http/https only; linkify-it would also find bare domains and e-mail addresses, at some 20 KB.
 */
export function linkify(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    out.push(
      <a key={start} className="bubble-link" href={m[0]} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()}>
        {m[0]}
      </a>,
    );
    last = start + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

