import { lazy, Suspense, useState } from 'react';
import { Badge, SearchBar } from 'antd-mobile';
import { AddCircleOutline } from 'antd-mobile-icons';
import { TitleBar } from '../components/TitleBar';
import { useApp } from '../store/app';
import { conversationTitle, displayName, sortedConversations, unreadOf } from '../store/chatReducer';
import { loadInitials, matches } from '../util/search';
import { navigate } from '../router';
import { useLang, useT } from '../i18n';
import { Avatar } from '../components/Avatar';
import { previewOf } from '../components/preview';
import { listTime } from '../util/time';

const PlusMenu = lazy(() => import('../components/PlusMenu'));

/** 微聊 tab: a search bar (chats, groups and contacts, by name or pinyin initials), then conversations newest first. */
export function ChatsPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const state = useApp();
  const conn = state.conn;
  const [query, setQuery] = useState('');
  const [, setInitialsReady] = useState(false);
  const all = sortedConversations(state);
  const list = query.trim() ? all.filter((c) => matches(conversationTitle(state, c), query)) : all;
  // contacts without a chat yet are found too
  const withChat = new Set(all.filter((c) => c.type === 'direct').map((c) => c.peer?.phone));
  const people = query.trim()
    ? Object.values(state.contacts).filter((c) => !withChat.has(c.phone) && matches(displayName(state.contacts, c), query))
    : [];
  const me = state.me?.phone;
  const plus = (
    <button type="button" className="icon-btn" aria-label={t('a11y.actions')} title={t('a11y.actions')} data-testid="chats-plus">
      <AddCircleOutline fontSize={22} />
    </button>
  );
  const title = conn === 'connecting' && !state.everConnected ? `${t('app.name')}(${t('conn.connecting')})` : t('app.name');
  return (
    <div className="page" data-testid="chats-page">
      <div className="page-header">
        <TitleBar
          right={
            <Suspense fallback={plus}>
              <PlusMenu>{plus}</PlusMenu>
            </Suspense>
          }
        >
          {title}
        </TitleBar>
      </div>
      <div className="chat-search">
        <SearchBar
          data-testid="chat-search"
          placeholder={t('chats.search')}
          aria-label={t('chats.search')}
          value={query}
          onChange={setQuery}
          onFocus={() => void loadInitials().then(() => setInitialsReady(true))}
        />
      </div>
      <div className="page-body">
        {list.length === 0 && people.length === 0 && <div className="empty">{query.trim() ? t('chats.noMatch') : t('chats.empty')}</div>}
        {people.map((c) => (
          <a
            key={c.phone}
            href={'/contact/' + c.phone}
            className="chat-row"
            data-testid={`search-contact-${c.phone}`}
            onClick={(e) => {
              e.preventDefault();
              navigate('/contact/' + c.phone);
            }}
          >
            <div className="chat-row-avatar">
              <Avatar name={c.nickname} url={c.avatar} seed={c.phone} />
            </div>
            <div className="chat-row-main">
              <span className="chat-row-name">{displayName(state.contacts, c)}</span>
            </div>
          </a>
        ))}
        {list.map((c) => {
          const name = conversationTitle(state, c);
          const unread = unreadOf(c);
          const active = state.active === c.id;
          return (
            <a
              key={c.id}
              href={'/chat/' + encodeURIComponent(c.id)}
              className={'chat-row' + (active ? ' chat-row-active' : '')}
              data-testid={`chat-row-${c.id}`}
              data-unread={unread}
              aria-current={active ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate('/chat/' + encodeURIComponent(c.id));
              }}
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
            </a>
          );
        })}
      </div>
    </div>
  );
}
