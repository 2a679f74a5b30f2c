import type { ReactNode } from 'react';
import { Badge } from 'antd-mobile';
import { MessageOutline, UserContactOutline, CompassOutline, UserOutline } from 'antd-mobile-icons';
import { navigate, type Tab } from '../router';
import { useT } from '../i18n';
import { useApp } from '../store/app';
import { pendingRequestCount, totalUnread } from '../store/chatReducer';
import { useMomentsNotice } from '../store/momentsNotice';

/** The four tabs with the unread total on 微信, pending friend requests on 通讯录, Moments news on 发现. */
export function TabLayout({ tab, children }: { tab: Tab; children: ReactNode }) {
  const t = useT();
  const unread = useApp((s) => totalUnread(s));
  const requests = useApp((s) => pendingRequestCount(s));
  const activity = useMomentsNotice((s) => s.unseen);
  const newPosts = useMomentsNotice((s) => s.newPosts.length > 0);
  const tabs: { key: Tab; title: string; icon: ReactNode; badge?: ReactNode; dot?: boolean }[] = [
    { key: 'chats', title: t('tab.chats'), icon: <MessageOutline />, badge: unread > 0 ? (unread > 99 ? '99+' : String(unread)) : undefined },
    { key: 'contacts', title: t('tab.contacts'), icon: <UserContactOutline />, badge: requests > 0 ? String(requests) : undefined },
    // WeChat's Discover: a number for likes and comments on one's moments, a dot for contacts' new posts
    { key: 'discover', title: t('tab.discover'), icon: <CompassOutline />, badge: activity > 0 ? String(activity) : undefined, dot: newPosts },
    { key: 'me', title: t('tab.me'), icon: <UserOutline /> },
  ];
  return (
    <div className="tab-layout">
      <div className="tab-body">{children}</div>
      <nav className="tab-bar" aria-label={t('a11y.tabs')}>
        {tabs.map((x) => (
          <a
            key={x.key}
            href={'/' + x.key}
            className={'tab-item' + (tab === x.key ? ' tab-item-active' : '')}
            aria-current={tab === x.key ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/' + x.key, { replace: true });
            }}
          >
            <span className="tab-icon" aria-hidden="true">
              {x.icon}
              {x.badge && (
                <span className="tab-badge" data-testid={`tab-badge-${x.key}`}>
                  {x.badge}
                </span>
              )}
              {!x.badge && x.dot && <span className="tab-dot" data-testid={`tab-dot-${x.key}`} />}
            </span>
            <span className="tab-title" data-testid={`tab-${x.key}`}>
              {x.title}
            </span>
          </a>
        ))}
      </nav>
    </div>
  );
}

export { Badge };
