import type { ReactNode } from 'react';
import { DotLoading, ImageViewer } from 'antd-mobile';
import { ExclamationCircleFill, FileOutline, PhoneFill, VideoOutline } from 'antd-mobile-icons';
import type { Contact, Message } from '../api/types';
import type { OutgoingMessage } from '../store/chatReducer';
import { displayName } from '../store/chatReducer';
import type { T } from '../i18n';
import { Avatar } from './Avatar';
import { callText, systemText } from './preview';
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
}

function isStored(m: Message | OutgoingMessage): m is Message {
  return 'seq' in m;
}

const BIG = 180;

function imageBox(w: number, h: number): { width: number; height: number } {
  if (!w || !h) return { width: 120, height: 120 };
  const scale = Math.min(1, BIG / Math.max(w, h));
  return { width: Math.max(40, Math.round(w * scale)), height: Math.max(40, Math.round(h * scale)) };
}

/** One message row: a system line, a recall notice, or an avatar with a bubble. */
export function MessageItem({ message, mine, sender, contacts, me, t, showName, readMark, onMenu, onRetry, onCall, onAvatar }: Props) {
  const stored = isStored(message) ? message : null;
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
      body = <span className="bubble-text">{content.text}</span>;
      break;
    case 'image': {
      const box = imageBox(content.width, content.height);
      const src = content.url || (message as OutgoingMessage).preview || '';
      bubbleClass = 'bubble bubble-image';
      body = (
        <img
          data-testid="msg-image"
          src={src}
          alt=""
          width={box.width}
          height={box.height}
          onClick={(e) => {
            e.stopPropagation();
            if (src) ImageViewer.show({ image: src });
          }}
        />
      );
      break;
    }
    case 'file':
      bubbleClass = 'bubble bubble-file';
      body = (
        <a className="file-card" href={content.url || undefined} download={content.name} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()}>
          <div className="file-info">
            <div className="file-name">{content.name}</div>
            <div className="file-size">{fileSize(content.size ?? 0)}</div>
          </div>
          <FileOutline className="file-icon" />
        </a>
      );
      break;
    case 'call':
      bubbleClass = 'bubble bubble-call';
      body = (
        <span className="call-record" data-testid="call-record" data-result={content.result} onClick={() => onCall?.(content.media === 'audio' ? 'audio' : 'video')}>
          {content.media === 'audio' ? <PhoneFill /> : <VideoOutline />}
          <span>{stored ? callText(stored, t, me) : ''}</span>
        </span>
      );
      break;
    default:
      body = null;
  }
  const pending = stored ? null : (message as OutgoingMessage);
  return (
    <div className={'msg-row' + (mine ? ' msg-mine' : '')} data-testid={testId} data-kind={message.kind} data-mine={mine ? 'true' : 'false'}>
      <div className="msg-avatar" onClick={() => onAvatar?.(sender.phone)}>
        <Avatar name={sender.nickname} url={sender.avatar} seed={sender.phone} size={40} />
      </div>
      <div className="msg-main">
        {showName && !mine && <div className="msg-name">{displayName(contacts, sender)}</div>}
        <div className="msg-line">
          <div
            className={bubbleClass}
            data-testid="bubble"
            onContextMenu={(e) => {
              if (stored && onMenu) {
                e.preventDefault();
                onMenu(stored);
              }
            }}
            {...longPress(() => stored && onMenu?.(stored))}
          >
            {body}
          </div>
          {pending && pending.status === 'sending' && (
            <span className="msg-state" data-testid="msg-sending">
              <DotLoading color="currentColor" />
            </span>
          )}
          {pending && pending.status === 'failed' && (
            <span className="msg-state msg-failed" data-testid="msg-failed" title={t('msg.failed')} onClick={() => onRetry?.(pending.clientMsgId)}>
              <ExclamationCircleFill />
            </span>
          )}
          {stored && mine && readMark && (
            <span className={'read-mark' + (readMark === 'read' ? ' read' : '')} data-testid="read-mark">
              {readMark === 'read' ? t('msg.read') : t('msg.unread')}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** Touch long-press (500 ms) for phones; desktop uses the context menu. */
function longPress(fn: () => void) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    onTouchStart: () => {
      clear();
      timer = setTimeout(fn, 500);
    },
    onTouchEnd: clear,
    onTouchMove: clear,
    onTouchCancel: clear,
  };
}
