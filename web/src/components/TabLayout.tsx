import type { ReactNode } from 'react';
import { TabBar, Badge } from 'antd-mobile';
import { MessageOutline, UserContactOutline, CompassOutline, UserOutline } from 'antd-mobile-icons';
import { navigate, type Tab } from '../router';
import { useT } from '../i18n';
import { useApp } from '../store/app';
import { pendingRequestCount, totalUnread } from '../store/chatReducer';

/** The four tabs with the unread total on 微信 and pending friend requests on 通讯录. */
export function TabLayout({ tab, children }: { tab: Tab; children: ReactNode }) {
  const t = useT();
  const unread = useApp((s) => totalUnread(s));
  const requests = useApp((s) => pendingRequestCount(s));
  const tabs: { key: Tab; title: string; icon: ReactNode; badge?: ReactNode }[] = [
    { key: 'chats', title: t('tab.chats'), icon: <MessageOutline />, badge: unread > 0 ? (unread > 99 ? '99+' : String(unread)) : undefined },
    { key: 'contacts', title: t('tab.contacts'), icon: <UserContactOutline />, badge: requests > 0 ? String(requests) : undefined },
    { key: 'discover', title: t('tab.discover'), icon: <CompassOutline /> },
    { key: 'me', title: t('tab.me'), icon: <UserOutline /> },
  ];
  return (
    <div className="tab-layout">
      <div className="tab-body">{children}</div>
      <div className="tab-bar">
        <TabBar activeKey={tab} onChange={(key) => navigate('/' + key, { replace: true })} safeArea>
          {tabs.map((x) => (
            <TabBar.Item
              key={x.key}
              title={<span data-testid={`tab-${x.key}`}>{x.title}</span>}
              icon={x.icon}
              badge={x.badge ? <span data-testid={`tab-badge-${x.key}`}>{x.badge}</span> : undefined}
            />
          ))}
        </TabBar>
      </div>
    </div>
  );
}

export { Badge };
