import { List, Toast } from 'antd-mobile';
import { PictureOutline, ScanningOutline } from 'antd-mobile-icons';
import { useT } from '../i18n';
import { navigate } from '../router';
import { useApp } from '../store/app';
import { useMomentsNotice } from '../store/momentsNotice';
import { TitleBar } from '../components/TitleBar';
import { ListLink } from '../components/ListLink';
import { Avatar } from '../components/Avatar';

/** The Moments row's right side: the count of new likes and comments, or the newest poster's avatar with a red dot. */
function MomentsNotice() {
  const t = useT();
  const unseen = useMomentsNotice((s) => s.unseen);
  const poster = useMomentsNotice((s) => s.newPosts[0]?.author);
  const user = useApp((s) => (poster ? (s.contacts[poster] ?? s.profiles[poster]) : undefined));
  if (unseen > 0) return <span className="count-badge" data-testid="moments-count">{unseen > 99 ? '99+' : unseen}</span>;
  if (!poster) return null;
  return (
    <span className="dot-avatar" data-testid="moments-dot" role="img" aria-label={t('moments.hasNew')}>
      {user && <Avatar name={user.nickname} url={user.avatar} seed={user.phone} size={32} />}
      <i className="red-dot" />
    </span>
  );
}

/** 发现: 朋友圈 (Moments), then a placeholder, as in WeChat's layout. */
export function DiscoverPage() {
  const t = useT();
  const soon = () => Toast.show({ content: t('discover.soon') });
  return (
    <div className="page" data-testid="discover-page">
      <div className="page-header">
        <TitleBar>{t('tab.discover')}</TitleBar>
      </div>
      <div className="page-body">
        <List>
          <ListLink href="/moments" data-testid="discover-moments" prefix={<div className="icon-tile blue"><PictureOutline /></div>} extra={<MomentsNotice />} onClick={() => navigate('/moments')}>
            {t('discover.moments')}
          </ListLink>
        </List>
        <List>
          <ListLink prefix={<div className="icon-tile green"><ScanningOutline /></div>} onClick={soon}>
            {t('discover.scan')}
          </ListLink>
        </List>
      </div>
    </div>
  );
}
