import { useEffect } from 'react';
import { HeartOutline } from 'antd-mobile-icons';
import { useApp } from '../../store/app';
import { activitySeen, useMomentsNotice } from '../../store/momentsNotice';
import { displayName } from '../../store/chatReducer';
import { navigate } from '../../router';
import { useLang, useT } from '../../i18n';
import { relativeTime } from '../../util/time';
import { PageHeader } from '../../components/PageHeader';
import { Avatar } from '../../components/Avatar';
import './moments.css';

/** 消息: the likes and comments on one's own moments (and replies to one's comments) of this session. */
export function MomentActivityPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const activity = useMomentsNotice((s) => s.activity);
  const contacts = useApp((s) => s.contacts);
  const profiles = useApp((s) => s.profiles);
  useEffect(() => activitySeen(), [activity.length]);
  return (
    <div className="page" data-testid="moment-activity-page">
      <PageHeader title={t('moments.activityTitle')} parent="/moments" />
      <div className="page-body">
        {activity.length === 0 && <div className="empty">{t('moments.activityEmpty')}</div>}
        {activity.map((a, i) => {
          const user = a.comment?.from ?? contacts[a.from] ?? profiles[a.from] ?? { phone: a.from, nickname: a.from, avatar: null };
          return (
            <a key={i} className="activity-row" data-testid="activity-row" data-kind={a.kind} href={`/moments/m/${encodeURIComponent(a.momentId)}`}
              onClick={(e) => { e.preventDefault(); navigate(`/moments/m/${encodeURIComponent(a.momentId)}`); }}>
              <Avatar name={user.nickname} url={user.avatar} seed={user.phone} size={40} />
              <span className="activity-main">
                <span className="moment-who">{displayName(contacts, user)}</span>
                <span className="activity-what">{a.kind === 'like' ? <><HeartOutline aria-hidden="true" /> {t('moments.liked')}</> : a.comment?.text}</span>
                <span className="moment-time">{relativeTime(a.at, lang)}</span>
              </span>
            </a>
          );
        })}
      </div>
    </div>
  );
}
