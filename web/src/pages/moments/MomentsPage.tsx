import { useEffect, useMemo } from 'react';
import { DotLoading } from 'antd-mobile';
import { CameraOutline } from 'antd-mobile-icons';
import { useApp } from '../../store/app';
import { moments, useMoments } from '../../store/moments';
import { emptyFeed, feedMoments, type FeedKey } from '../../store/momentsStore';
import { postsSeen, useMomentsNotice } from '../../store/momentsNotice';
import { navigate } from '../../router';
import { useT, type T } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { IconButton } from '../../components/IconButton';
import { Avatar } from '../../components/Avatar';
import { MomentList } from './MomentList';
import { codeText } from './momentParts';
import './moments.css';

/** A feed's first page on opening (a fresh one each time), and the next ones near its end. */
export function useFeed(key: FeedKey) {
  const feed = useMoments((s) => s.feeds[key] ?? emptyFeed);
  const byId = useMoments((s) => s.byId);
  // derived here, not in the selector: a new array from a selector would re-render without end
  const items = useMemo(() => feedMoments({ byId, feeds: { [key]: feed } }, key), [byId, feed, key]);
  useEffect(() => {
    void moments.load(key).catch(() => {});
  }, [key]);
  const more = () => void moments.load(key, true).catch(() => {});
  return { feed, items, more };
}

/** Loading, an error, "no posts yet" or "no more" under a feed. */
export function FeedEnd({ feed, count, t }: { feed: typeof emptyFeed; count: number; t: T }) {
  let body;
  if (feed.loading) body = <DotLoading color="primary" />;
  else if (feed.error) body = codeText(feed.error, t);
  else if (count === 0) body = t('moments.empty');
  else if (!feed.hasMore) body = t('moments.end');
  return <div className="moments-end" data-testid="moments-end">{body}</div>;
}

/** 朋友圈: the cover with the viewer's name and avatar, new-activity bar, the timeline. */
export function MomentsPage() {
  const t = useT();
  const me = useApp((s) => s.me);
  const contacts = useApp((s) => s.contacts);
  const { feed, items, more } = useFeed('timeline');
  const unseen = useMomentsNotice((s) => s.unseen);
  const latest = useMomentsNotice((s) => s.activity[0]);
  const newPosts = useMomentsNotice((s) => s.newPosts.length);
  const newest = items[0]?.createdAt ?? null;
  // what is on screen counts as seen: no red dot for posts the user is looking at
  useEffect(() => {
    if (!feed.loading) postsSeen(newest, me?.phone);
  }, [newest, newPosts, feed.loading, me?.phone]);
  if (!me) return null;
  const from = latest ? (contacts[latest.from] ?? null) : null;

  const top = (
    <>
      <div className="moments-cover" data-testid="moments-cover">
        <div className="moments-cover-me">
          <span className="moments-cover-name" data-testid="moments-cover-name">{me.nickname}</span>
          <button type="button" className="plain-btn" onClick={() => navigate(`/moments/user/${encodeURIComponent(me.phone)}`)}>
            <Avatar name={me.nickname} url={me.avatar} seed={me.phone} size={68} />
            <span className="sr-only">{t('moments.myAlbum')}</span>
          </button>
        </div>
      </div>
      {unseen > 0 && (
        <div className="moments-activity-wrap">
          <button type="button" className="plain-btn moments-activity-bar" data-testid="moments-activity-bar" onClick={() => navigate('/moments/activity')}>
            {from && <Avatar name={from.nickname} url={from.avatar} seed={from.phone} size={28} />}
            <span>{t('moments.newActivity', { n: unseen })}</span>
          </button>
        </div>
      )}
    </>
  );
  return (
    <div className="page moments-page" data-testid="moments-page">
      <PageHeader
        title={t('moments.title')}
        parent="/discover"
        right={
          <IconButton label={t('moments.camera')} testId="moments-camera" onClick={() => navigate('/moments/new')}>
            <CameraOutline fontSize={22} />
          </IconButton>
        }
      />
      <MomentList items={items} top={top} bottom={<FeedEnd feed={feed} count={items.length} t={t} />} onNearEnd={feed.hasMore ? more : undefined} />
    </div>
  );
}
