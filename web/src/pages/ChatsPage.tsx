import { Badge, NavBar, Popover } from 'antd-mobile';
import { AddCircleOutline, UserAddOutline, TeamOutline } from 'antd-mobile-icons';
import { useApp } from '../store/app';
import { conversationTitle, sortedConversations, unreadOf } from '../store/chatReducer';
import { navigate } from '../router';
import { useLang, useT } from '../i18n';
import { Avatar } from '../components/Avatar';
import { previewOf } from '../components/preview';
import { listTime } from '../util/time';

/** 微信 tab: conversations newest first. */
export function ChatsPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const state = useApp();
  const conn = state.conn;
  const list = sortedConversations(state);
  const me = state.me?.phone;
  const title = conn === 'connecting' && !state.everConnected ? `${t('app.name')}(${t('conn.connecting')})` : t('app.name');
  return (
    <div className="page" data-testid="chats-page">
      <div className="page-header">
        <NavBar
          backIcon={false}
          right={
            <Popover.Menu
              trigger="click"
              placement="bottom-end"
              actions={[
                { key: 'group', icon: <TeamOutline />, text: t('contacts.newGroup') },
                { key: 'add', icon: <UserAddOutline />, text: t('contacts.addFriend') },
              ]}
              onAction={(a) => navigate(a.key === 'group' ? '/groups/new' : '/contacts/add')}
            >
              <AddCircleOutline fontSize={22} data-testid="chats-plus" />
            </Popover.Menu>
          }
        >
          {title}
        </NavBar>
      </div>
      <div className="page-body">
        {list.length === 0 && <div className="empty">{t('chats.empty')}</div>}
        {list.map((c) => {
          const name = conversationTitle(state, c);
          const unread = unreadOf(c);
          const active = state.active === c.id;
          return (
            <div
              key={c.id}
              className={'chat-row' + (active ? ' chat-row-active' : '')}
              data-testid={`chat-row-${c.id}`}
              data-unread={unread}
              onClick={() => navigate('/chat/' + encodeURIComponent(c.id))}
            >
              <div className="chat-row-avatar">
                <Badge content={unread > 0 ? (unread > 99 ? '99+' : unread) : null} data-testid={`chat-badge-${c.id}`}>
                  {c.type === 'group' ? (
                    <Avatar name={name} group={c.group?.members.map((u) => u.nickname) ?? [name]} />
                  ) : (
                    <Avatar name={name} url={c.peer?.avatar} seed={c.peer?.phone} />
                  )}
                </Badge>
              </div>
              <div className="chat-row-main">
                <div className="chat-row-top">
                  <span className="chat-row-name" data-testid="chat-row-name">{name}</span>
                  <span className="chat-row-time">{listTime(c.lastMessage?.createdAt ?? c.updatedAt, lang)}</span>
                </div>
                <div className="chat-row-preview" data-testid="chat-row-preview">
                  {previewOf(c.lastMessage, t, me, state.contacts, c.type === 'group')}
                </div>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
