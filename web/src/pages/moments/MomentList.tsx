import { useState, type ReactNode, type UIEvent } from 'react';
import type { Moment } from '../../api/moments';
import type { User } from '../../api/types';
import { useApp } from '../../store/app';
import { moments } from '../../store/moments';
import { MOMENT_LIMITS } from '../../api/moments';
import { displayName } from '../../store/chatReducer';
import { navigate } from '../../router';
import { useT } from '../../i18n';
import { MomentItem } from './MomentItem';
import { attempt } from './momentParts';

interface Props {
  items: Moment[];
  /** above the posts (the cover, the activity bar) */
  top?: ReactNode;
  /** below them (loading, the end) */
  bottom?: ReactNode;
  /** the list was scrolled near its end */
  onNearEnd?: () => void;
}

/** Opens a user's page from a post: one's own album, or the contact's profile (which links to theirs). */
export function openUser(phone: string): void {
  const me = useApp.getState().me?.phone;
  navigate(phone === me ? `/moments/user/${encodeURIComponent(phone)}` : `/contact/${encodeURIComponent(phone)}`);
}

/** Posts in a scrolling body, with the comment bar under it while one is being written. */
export function MomentList({ items, top, bottom, onNearEnd }: Props) {
  const t = useT();
  const me = useApp((s) => s.me);
  const contacts = useApp((s) => s.contacts);
  const [target, setTarget] = useState<{ momentId: string; replyTo: User | null } | null>(null);
  const [text, setText] = useState('');
  if (!me) return null;

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (onNearEnd && el.scrollTop + el.clientHeight > el.scrollHeight - 300) onNearEnd();
  };

  async function send() {
    const body = text.trim();
    if (!target || !body) return;
    const ok = await attempt(() => moments.comment(target.momentId, body, target.replyTo?.phone), t);
    if (ok) {
      setText('');
      setTarget(null);
    }
  }

  return (
    <>
      <div className="page-body moments-body" onScroll={onScroll}>
        {top}
        {items.map((m) => (
          <MomentItem key={m.id} moment={m} me={me} contacts={contacts} t={t} onUser={openUser} onComment={(momentId, replyTo) => setTarget({ momentId, replyTo })} />
        ))}
        {bottom}
      </div>
      {target && (
        <form className="moment-comment-bar" data-testid="comment-bar" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <input
            autoFocus
            data-testid="comment-input"
            value={text}
            maxLength={MOMENT_LIMITS.comment}
            aria-label={t('moments.comment')}
            placeholder={target.replyTo ? t('moments.replyTo', { name: displayName(contacts, target.replyTo) }) : t('moments.comment')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setTarget(null)}
          />
          <button type="submit" className="send-btn" data-testid="comment-send" disabled={!text.trim()}>
            {t('msg.send')}
          </button>
        </form>
      )}
    </>
  );
}
