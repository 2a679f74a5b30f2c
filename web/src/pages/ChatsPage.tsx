import { lazy, Suspense, useState } from 'react';
import { ActionSheet, Badge, SearchBar, Toast } from 'antd-mobile';
import { AddCircleOutline, BellMuteOutline } from 'antd-mobile-icons';
import { TitleBar } from '../components/TitleBar';
import { useApp } from '../store/app';
import { conversationTitle, displayName, hasUnreadMention, sortedConversations, unreadOf } from '../store/chatReducer';
import { updateConversationSettings } from '../store/conversations';
import type { Conversation } from '../api/types';
import type { T } from '../i18n';
import { useLongPress } from '../components/useLongPress';
import { useDeviceMarks } from '../store/deviceMarks';
import { loadInitials, matches } from '../util/search';
import { navigate } from '../router';
import { useLang, useT } from '../i18n';
import { Avatar } from '../components/Avatar';
import { previewOf } from '../components/preview';
import { listTime } from '../util/time';

const PlusMenu = lazy(() => import('../components/PlusMenu'));

/** The chat list's long-press / right-click menu: pin and mute, the user's own settings. */
function openChatMenu(c: Conversation, t: T): void {
  const actions = [
    { key: 'pin', text: <span data-testid="chat-menu-pin">{c.pinned ? t('chats.unpin') : t('chats.pin')}</span> },
    { key: 'mute', text: <span data-testid="chat-menu-mute">{c.muted ? t('chats.unmute') : t('chats.mute')}</span> },
  ];
  const handler = ActionSheet.show({
    actions,
    cancelText: t('common.cancel'),
    onAction: (a) => {
      handler.close();
      const patch = a.key === 'pin' ? { pinned: !c.pinned } : { muted: !c.muted };
      updateConversationSettings(c.id, patch).catch(() => Toast.show({ content: t('common.networkError') }));
    },
  });
}

/** 微聊 tab: a search bar (chats, groups and contacts, by name or pinyin initials), then conversations newest first. */
export function ChatsPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const state = useApp();
  const conn = state.conn;
  const [query, setQuery] = useState('');
  // a last message deleted on this device is not previewed either
  const hidden = useDeviceMarks((s) => s.hidden);
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
      <span id="chat-menu-hint" className="sr-only">
        {t('a11y.chatMenuHint')}
      </span>
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
        {list.map((c) => (
          <ChatRow key={c.id} c={c} name={conversationTitle(state, c)} active={state.active === c.id} t={t} lang={lang} preview={previewOf(c.lastMessage && !hidden[c.lastMessage.id] ? c.lastMessage : null, t, me, state.contacts, c.type === 'group')} />
        ))}
      </div>
    </div>
  );
}

/** One conversation in the list: pinned ones on grey, muted ones with a bell-off and a dot for unread. */
function ChatRow({ c, name, active, t, lang, preview }: { c: Conversation; name: string; active: boolean; t: T; lang: string; preview: string }) {
  const unread = unreadOf(c);
  const press = useLongPress(() => openChatMenu(c, t));
  const badge = unread === 0 ? null : c.muted ? Badge.dot : unread > 99 ? '99+' : unread;
  return (
    <a
      href={'/chat/' + encodeURIComponent(c.id)}
      className={'chat-row' + (active ? ' chat-row-active' : '') + (c.pinned ? ' chat-row-pinned' : '')}
      data-testid={`chat-row-${c.id}`}
      data-unread={unread}
      data-pinned={c.pinned ? 'true' : 'false'}
      data-muted={c.muted ? 'true' : 'false'}
      aria-current={active ? 'page' : undefined}
      aria-describedby="chat-menu-hint"
      onClick={(e) => {
        e.preventDefault();
        navigate('/chat/' + encodeURIComponent(c.id));
      }}
      onContextMenu={(e) => {
        e.preventDefault();
        if (press.claimContextMenu()) openChatMenu(c, t);
      }}
      onKeyDown={(e) => {
        // by keyboard: the context-menu key or Shift+F10 on a focused row
        if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
          e.preventDefault();
          openChatMenu(c, t);
        }
      }}
      {...press.handlers}
    >
      <div className="chat-row-avatar">
        <Badge content={badge} data-testid={`chat-badge-${c.id}`}>
          {c.type === 'group' ? <Avatar name={name} group={c.group?.members.map((u) => u.nickname) ?? [name]} /> : <Avatar name={name} url={c.peer?.avatar} seed={c.peer?.phone} />}
        </Badge>
      </div>
      <div className="chat-row-main">
        <div className="chat-row-top">
          <span className="chat-row-name" data-testid="chat-row-name">{name}</span>
          <span className="chat-row-time">{listTime(c.lastMessage?.createdAt ?? c.updatedAt, lang as 'zh-CN' | 'en')}</span>
        </div>
        <div className="chat-row-bottom">
          <div className="chat-row-preview" data-testid="chat-row-preview">
            {hasUnreadMention(c) && (
              <span className="chat-row-mention" data-testid="chat-row-mention">
                {t('chats.mentioned')}
              </span>
            )}
            {preview}
          </div>
          {c.muted && <BellMuteOutline className="chat-row-muted" data-testid="chat-row-muted" aria-label={t('a11y.muted')} role="img" />}
        </div>
      </div>
    </a>
  );
}
