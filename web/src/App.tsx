import { useEffect, useState } from 'react';
import { ConfigProvider, SpinLoading } from 'antd-mobile';
import zhCNLocale from 'antd-mobile/es/locales/zh-CN';
import enUSLocale from 'antd-mobile/es/locales/en-US';
import { useApp } from './store/app';
import { parseRoute, useRoute, navigate, type Route } from './router';
import { useLang, t } from './i18n';
import { totalUnread } from './store/chatReducer';
import { LoginPage } from './pages/LoginPage';
import { ChatsPage } from './pages/ChatsPage';
import { ChatPage } from './pages/ChatPage';
import { ContactsPage } from './pages/ContactsPage';
import { NewFriendsPage } from './pages/NewFriendsPage';
import { AddFriendPage } from './pages/AddFriendPage';
import { ContactPage } from './pages/ContactPage';
import { GroupCreatePage } from './pages/GroupCreatePage';
import { ChatInfoPage } from './pages/ChatInfoPage';
import { DiscoverPage } from './pages/DiscoverPage';
import { MePage } from './pages/MePage';
import { ProfilePage } from './pages/ProfilePage';
import { SettingsPage } from './pages/SettingsPage';
import { TabLayout } from './components/TabLayout';
import { ConnectionBanner } from './components/ConnectionBanner';
import { CallScreen } from './calls/CallScreen';

const WIDE = '(min-width: 900px)';

function useWide(): boolean {
  const [wide, setWide] = useState(() => typeof matchMedia !== 'undefined' && matchMedia(WIDE).matches);
  useEffect(() => {
    const mq = matchMedia(WIDE);
    const on = () => setWide(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return wide;
}

/** Unread total in the tab title, as WeChat's web client does. */
function useTitle(): void {
  const unread = useApp((s) => totalUnread(s));
  const lang = useLang((s) => s.lang);
  useEffect(() => {
    const name = t('app.name');
    document.title = unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${name}` : name;
  }, [unread, lang]);
}

function TabPage({ route }: { route: Route }) {
  switch (route.tab) {
    case 'contacts':
      return <ContactsPage />;
    case 'discover':
      return <DiscoverPage />;
    case 'me':
      return <MePage />;
    default:
      return <ChatsPage />;
  }
}

function DetailPage({ route }: { route: Route }) {
  switch (route.name) {
    case 'chat':
      return <ChatPage key={route.params.id} conversationId={route.params.id} />;
    case 'chatInfo':
      return <ChatInfoPage key={route.params.id} conversationId={route.params.id} />;
    case 'newFriends':
      return <NewFriendsPage />;
    case 'addFriend':
      return <AddFriendPage />;
    case 'contact':
      return <ContactPage key={route.params.phone} phone={route.params.phone} />;
    case 'newGroup':
      return <GroupCreatePage key={route.params.id} groupId={route.params.id || null} />;
    case 'profile':
      return <ProfilePage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return null;
  }
}

const TAB_ROUTES = new Set(['chats', 'contacts', 'discover', 'me']);

function Main() {
  const path = useRoute((s) => s.path);
  const route = parseRoute(path);
  const wide = useWide();
  useTitle();
  useEffect(() => {
    if (route.name === 'login' || route.name === 'register') navigate('/chats', { replace: true });
  }, [route.name]);
  const isTab = TAB_ROUTES.has(route.name);
  if (wide) {
    return (
      <div className="wide" data-testid="layout-wide">
        <div className="wide-left">
          <ConnectionBanner />
          <TabLayout tab={route.tab}>
            <TabPage route={route} />
          </TabLayout>
        </div>
        <div className="wide-right">
          {isTab ? <div className="placeholder">{t('common.selectChat')}</div> : <DetailPage route={route} />}
        </div>
        <CallScreen />
      </div>
    );
  }
  return (
    <div className="narrow">
      <ConnectionBanner />
      {isTab ? (
        <TabLayout tab={route.tab}>
          <TabPage route={route} />
        </TabLayout>
      ) : (
        <DetailPage route={route} />
      )}
      <CallScreen />
    </div>
  );
}

export function App() {
  const auth = useApp((s) => s.auth);
  const lang = useLang((s) => s.lang);
  const path = useRoute((s) => s.path);
  useEffect(() => {
    if (auth === 'out') {
      const name = parseRoute(path).name;
      if (name !== 'login' && name !== 'register') navigate('/login', { replace: true });
    }
  }, [auth, path]);
  let body;
  if (auth === 'unknown') {
    body = (
      <div className="splash">
        <SpinLoading />
      </div>
    );
  } else if (auth === 'out') {
    body = <LoginPage mode={parseRoute(path).name === 'register' ? 'register' : 'login'} />;
  } else {
    body = <Main />;
  }
  return <ConfigProvider locale={lang === 'en' ? enUSLocale : zhCNLocale}>{body}</ConfigProvider>;
}
