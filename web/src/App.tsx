import { lazy, Suspense, useEffect } from 'react';
import { ConfigProvider, DotLoading } from 'antd-mobile';
import zhCNLocale from 'antd-mobile/es/locales/zh-CN';
import enUSLocale from 'antd-mobile/es/locales/en-US';
import { useApp } from './store/app';
import { parseRoute, useRoute, navigate, type Route } from './router';
import { useLang, t } from './i18n';
import { totalUnread } from './store/chatReducer';
import { LoginPage } from './pages/LoginPage';
import { ChatsPage } from './pages/ChatsPage';
import { TabLayout } from './components/TabLayout';
import { ConnectionBanner } from './components/ConnectionBanner';
import { useCall } from './calls/callStore';
import { DESKTOP, useMedia, WIDE } from './util/media';

// Split by route: the login page and the chat list load first; every other page (and pinyin-pro,
// which only the contacts index and the group picker use) loads when first opened.
const loadChatPage = () => import('./pages/ChatPage');
const ChatPage = lazy(() => loadChatPage().then((m) => ({ default: m.ChatPage })));

/** Once the first screen is up and the browser idles, fetch the chat page, the next one a user opens. */
function usePreloadChatPage(): void {
  useEffect(() => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(() => void loadChatPage(), { timeout: 3000 });
    else setTimeout(() => void loadChatPage(), 200);
  }, []);
}
const ContactsPage = lazy(() => import('./pages/ContactsPage').then((m) => ({ default: m.ContactsPage })));
const NewFriendsPage = lazy(() => import('./pages/NewFriendsPage').then((m) => ({ default: m.NewFriendsPage })));
const AddFriendPage = lazy(() => import('./pages/AddFriendPage').then((m) => ({ default: m.AddFriendPage })));
const ContactPage = lazy(() => import('./pages/ContactPage').then((m) => ({ default: m.ContactPage })));
const GroupCreatePage = lazy(() => import('./pages/GroupCreatePage').then((m) => ({ default: m.GroupCreatePage })));
const ChatInfoPage = lazy(() => import('./pages/ChatInfoPage').then((m) => ({ default: m.ChatInfoPage })));
const DiscoverPage = lazy(() => import('./pages/DiscoverPage').then((m) => ({ default: m.DiscoverPage })));
const MePage = lazy(() => import('./pages/MePage').then((m) => ({ default: m.MePage })));
const ProfilePage = lazy(() => import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));
// Moments (朋友圈): its pages, store and styles load when Discover → Moments is first opened.
const MomentsPage = lazy(() => import('./pages/moments/MomentsPage').then((m) => ({ default: m.MomentsPage })));
const MomentPostPage = lazy(() => import('./pages/moments/MomentPostPage').then((m) => ({ default: m.MomentPostPage })));
const MomentActivityPage = lazy(() => import('./pages/moments/MomentActivityPage').then((m) => ({ default: m.MomentActivityPage })));
const MomentPage = lazy(() => import('./pages/moments/MomentPage').then((m) => ({ default: m.MomentPage })));
const AlbumPage = lazy(() => import('./pages/moments/AlbumPage').then((m) => ({ default: m.AlbumPage })));
const CallScreen = lazy(() => import('./calls/CallScreen').then((m) => ({ default: m.CallScreen })));

function Loading() {
  return (
    <div className="splash">
      <DotLoading color="primary" />
    </div>
  );
}

/** The call layer's code loads with the first call. */
function CallLayer() {
  const active = useCall((s) => s.phase !== 'idle');
  return active ? (
    <Suspense fallback={null}>
      <CallScreen />
    </Suspense>
  ) : null;
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
  return (
    <Suspense fallback={<Loading />}>
      <TabPageOf route={route} />
    </Suspense>
  );
}

function TabPageOf({ route }: { route: Route }) {
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
  return (
    <Suspense fallback={<Loading />}>
      <DetailPageOf route={route} />
    </Suspense>
  );
}

function DetailPageOf({ route }: { route: Route }) {
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
    case 'moments':
      return <MomentsPage />;
    case 'momentPost':
      return <MomentPostPage />;
    case 'momentActivity':
      return <MomentActivityPage />;
    case 'moment':
      return <MomentPage key={route.params.id} id={route.params.id} />;
    case 'album':
      return <AlbumPage key={route.params.phone} phone={route.params.phone} />;
    default:
      return null;
  }
}

const TAB_ROUTES = new Set(['chats', 'contacts', 'discover', 'me']);

function Main() {
  const path = useRoute((s) => s.path);
  const route = parseRoute(path);
  const wide = useMedia(WIDE);
  const desktop = useMedia(DESKTOP);
  useTitle();
  usePreloadChatPage();
  useEffect(() => {
    if (route.name === 'login' || route.name === 'register') navigate('/chats', { replace: true });
  }, [route.name]);
  const isTab = TAB_ROUTES.has(route.name);
  if (wide) {
    return (
      <div className={'wide' + (desktop ? ' desktop' : '')} data-testid={desktop ? 'layout-desktop' : 'layout-wide'}>
        <div className="wide-left">
          <ConnectionBanner />
          <TabLayout tab={route.tab}>
            <TabPage route={route} />
          </TabLayout>
        </div>
        <div className="wide-right">
          {isTab ? <div className="placeholder">{t('common.selectChat')}</div> : <DetailPage route={route} />}
        </div>
        <CallLayer />
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
      <CallLayer />
    </div>
  );
}

export function App() {
  const auth = useApp((s) => s.auth);
  const lang = useLang((s) => s.lang);
  const path = useRoute((s) => s.path);
  useEffect(() => {
    if (auth === 'out') document.title = t('app.name'); // no unread count once signed out
  }, [auth, lang]);
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
        <DotLoading color="primary" />
      </div>
    );
  } else if (auth === 'out') {
    body = <LoginPage mode={parseRoute(path).name === 'register' ? 'register' : 'login'} />;
  } else {
    body = <Main />;
  }
  return <ConfigProvider locale={lang === 'en' ? enUSLocale : zhCNLocale}>{body}</ConfigProvider>;
}
