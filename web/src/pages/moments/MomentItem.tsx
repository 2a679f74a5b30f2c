import { useEffect, useState } from 'react';
import { ActionSheet, Dialog } from 'antd-mobile';
import { HeartOutline, MessageOutline } from 'antd-mobile-icons';
import type { Moment, MomentComment } from '../../api/moments';
import type { Contact, User } from '../../api/types';
import { displayName } from '../../store/chatReducer';
import { isLikedBy } from '../../store/momentsStore';
import { moments } from '../../store/moments';
import { useLang, type T } from '../../i18n';
import { Avatar } from '../../components/Avatar';
import { relativeTime } from '../../util/time';
import { attempt, ImageGrid, MomentText } from './momentParts';

export interface MomentItemProps {
  moment: Moment;
  me: User;
  contacts: Record<string, Contact>;
  t: T;
  /** opens the comment bar, for a comment or a reply to `replyTo` */
  onComment: (momentId: string, replyTo: User | null) => void;
  onUser: (phone: string) => void;
}

/** One post: avatar, name, text, images, time, ·· (赞 / 评论), the likes line and the comments. */
export function MomentItem({ moment, me, contacts, t, onComment, onUser }: MomentItemProps) {
  const lang = useLang((s) => s.lang);
  const [menu, setMenu] = useState(false);
  const mine = moment.author.phone === me.phone;
  const liked = isLikedBy(moment, me.phone);
  const name = (u: User) => displayName(contacts, u);
  useCloseOnOutsideClick(menu, setMenu);

  async function removeMoment() {
    const ok = await Dialog.confirm({
      content: t('moments.deleteConfirm'),
      confirmText: <span data-testid="confirm-ok" className="danger">{t('moments.delete')}</span>,
      cancelText: t('common.cancel'),
    });
    if (ok) await attempt(() => moments.remove(moment.id), t);
  }

  function onCommentTap(c: MomentComment) {
    const own = c.from.phone === me.phone;
    if (!own && !mine) return onComment(moment.id, c.from);
    const actions = [
      ...(own ? [] : [{ key: 'reply', text: <span data-testid="comment-reply">{t('moments.reply')}</span> }]),
      { key: 'delete', text: <span data-testid="comment-delete">{t('moments.delete')}</span>, danger: true },
    ];
    const sheet = ActionSheet.show({
      actions,
      cancelText: t('common.cancel'),
      onAction: (a) => {
        sheet.close();
        if (a.key === 'reply') onComment(moment.id, c.from);
        else void attempt(() => moments.removeComment(moment.id, c.id), t);
      },
    });
  }

  return (
    <article className="moment" data-testid={`moment-${moment.id}`} data-author={moment.author.phone}>
      {/* named by hidden text, not aria-label, which axe wants to contain the avatar's letters */}
      <button type="button" className="plain-btn moment-avatar" onClick={() => onUser(moment.author.phone)}>
        <Avatar name={name(moment.author)} url={moment.author.avatar} seed={moment.author.phone} size={42} />
        <span className="sr-only">{name(moment.author)}</span>
      </button>
      <div className="moment-main">
        <button type="button" className="plain-btn moment-name" data-testid="moment-author" onClick={() => onUser(moment.author.phone)}>
          {name(moment.author)}
        </button>
        <MomentText text={moment.text} t={t} />
        <ImageGrid images={moment.images} t={t} />
        <div className="moment-meta">
          <time className="moment-time" dateTime={new Date(moment.createdAt).toISOString()}>{relativeTime(moment.createdAt, lang)}</time>
          {mine && (
            <button type="button" className="plain-btn moment-delete" data-testid="moment-delete" onClick={() => void removeMoment()}>
              {t('moments.delete')}
            </button>
          )}
          <span className="moment-spacer" />
          {menu && (
            <div className="moment-menu" data-testid="moment-menu">
              <button type="button" className="plain-btn" data-testid="moment-like" onClick={() => { setMenu(false); void attempt(() => moments.toggleLike(moment.id), t); }}>
                <HeartOutline aria-hidden="true" /> {liked ? t('moments.unlike') : t('moments.like')}
              </button>
              <button type="button" className="plain-btn" data-testid="moment-comment" onClick={() => { setMenu(false); onComment(moment.id, null); }}>
                <MessageOutline aria-hidden="true" /> {t('moments.comment')}
              </button>
            </div>
          )}
          <button type="button" className="plain-btn moment-more" data-testid="moment-more" aria-label={t('moments.actions')} aria-expanded={menu} onClick={() => setMenu(!menu)}>
            ··
          </button>
        </div>
        {(moment.likes.length > 0 || moment.comments.length > 0) && (
          <div className="moment-feedback">
            {moment.likes.length > 0 && (
              <div className="moment-likes" data-testid="moment-likes">
                <HeartOutline aria-hidden="true" /> {moment.likes.map(name).join(', ')}
              </div>
            )}
            {moment.comments.map((c) => (
              <button key={c.id} type="button" className="plain-btn moment-comment" data-testid={`comment-${c.id}`} data-from={c.from.phone} onClick={() => onCommentTap(c)}>
                <span className="moment-who">{name(c.from)}</span>
                {c.replyTo && (
                  <>
                    {' '}{t('moments.replied')}{' '}
                    <span className="moment-who">{name(c.replyTo)}</span>
                  </>
                )}
                : <span data-testid="comment-text">{c.text}</span>
              </button>
            ))}
          </div>
        )}
      </div>
    </article>
  );
}

/** Closes a small menu when the user clicks or taps anywhere outside it. */
function useCloseOnOutsideClick(open: boolean, setOpen: (open: boolean) => void): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!(e.target as Element).closest?.('.moment-menu, .moment-more')) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open, setOpen]);
}
