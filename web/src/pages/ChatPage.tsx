import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { DotLoading, Toast } from 'antd-mobile';
import { MoreOutline } from 'antd-mobile-icons';
import { useApp, dispatch } from '../store/app';
import { conversationTitle, orderedMessages } from '../store/chatReducer';
import { fetchGroup } from '../store/groups';
import { forwardable, retry } from '../store/sending';
import { resolveProfiles } from '../store/profile';
import { loadNewest, loadOlder, loadUntil, markRead } from '../store/messages';
import { navigate } from '../router';
import { useLang, useT } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { IconButton } from '../components/IconButton';
import { MessageItem } from '../components/MessageItem';
import { Composer, type Panel } from '../components/Composer';
import { openMessageMenu } from '../components/messageMenu';
import { needsSeparator, separatorTime } from '../util/time';
import { startCall } from '../calls/callManager';
import { memberCountOf, type Message, type Quote, type User } from '../api/types';
import { DESKTOP, useMedia } from '../util/media';
import { useDeviceMarks } from '../store/deviceMarks';
import { nextUnplayedVoice, playVoice } from '../store/voicePlayer';

const ForwardPicker = lazy(() => import('../components/pickers').then((m) => ({ default: m.ForwardPicker })));
const ImageGallery = lazy(() => import('../components/ImageGallery'));

/** One conversation: history, bubbles, composer. */
export function ChatPage({ conversationId }: { conversationId: string }) {
  const t = useT();
  const desktop = useMedia(DESKTOP);
  const lang = useLang((s) => s.lang);
  const conv = useApp((s) => s.conversations[conversationId]);
  const list = useApp((s) => s.messages[conversationId]);
  const outgoingAll = useApp((s) => s.outgoing);
  const contacts = useApp((s) => s.contacts);
  const me = useApp((s) => s.me);
  const conn = useApp((s) => s.conn);
  const peerRead = useApp((s) => s.peerRead[conversationId]);
  const profiles = useApp((s) => s.profiles);
  const typing = useApp((s) => s.typing[conversationId]);
  const sendErrors = useApp((s) => s.sendErrors);
  const hidden = useDeviceMarks((s) => s.hidden);
  const [panel, setPanel] = useState<Panel>('none');
  const [quoting, setQuoting] = useState<Message | null>(null);
  /** multi-select: the ids picked, in the order picked */
  const [selecting, setSelecting] = useState<string[] | null>(null);
  const [forwarding, setForwarding] = useState<Message[] | null>(null);
  const [gallery, setGallery] = useState<{ images: string[]; start: number } | null>(null);
  /** the original a quote led to, marked for a moment */
  const [highlight, setHighlight] = useState<number | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  /** new messages that came while scrolled up (the "new messages" pill) */
  const [unseen, setUnseen] = useState(0);
  const seenLast = useRef<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const keepFromBottom = useRef<number | null>(null);

  // open: this chat is active (its messages are read as they come), load the newest page
  useEffect(() => {
    dispatch({ type: 'active', conversationId });
    return () => dispatch({ type: 'active', conversationId: null });
  }, [conversationId]);
  useEffect(() => {
    if (conn !== 'ready') return;
    if (!list?.loaded) loadNewest(conversationId).catch(() => {});
  }, [conn, conversationId, list?.loaded]);
  // everything up to lastSeq is on screen: tell the server (markRead sends each seq once)
  const lastSeq = conv?.lastSeq;
  useEffect(() => {
    if (conn === 'ready' && lastSeq !== undefined) void markRead(conversationId);
  }, [conn, conversationId, lastSeq]);
  // lists carry only a group's first members: fetch them all so every sender has a name
  const partialGroup = conv?.group && conv.group.members.length < memberCountOf(conv.group) ? conv.group.id : null;
  useEffect(() => {
    if (conn === 'ready' && partialGroup) fetchGroup(partialGroup).catch(() => {});
  }, [conn, partialGroup]);
  // Esc closes the emoji or more panel (the image viewer and the pickers close themselves)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPanel('none');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const messages = useMemo(() => orderedMessages(list).filter((m) => !hidden[m.id]), [list, hidden]);
  const pending = useMemo(
    () => Object.values(outgoingAll).filter((o) => o.conversationId === conversationId).sort((a, b) => a.createdAt - b.createdAt),
    [outgoingAll, conversationId],
  );

  // senders who are neither contacts nor members now (they left): look their profiles up
  const unknownSenders = useMemo(() => {
    if (conv?.type !== 'group' || partialGroup) return '';
    const known = new Set((conv.group?.members ?? []).map((m) => m.phone));
    const phones = new Set(messages.filter((m) => m.kind !== 'system' && m.kind !== 'call').map((m) => m.from).filter((p) => p && p !== me?.phone && !contacts[p] && !known.has(p) && !profiles[p]));
    return [...phones].join(',');
  }, [conv, partialGroup, messages, me?.phone, contacts, profiles]);
  useEffect(() => {
    if (conn === 'ready' && unknownSenders) resolveProfiles(unknownSenders.split(','));
  }, [conn, unknownSenders]);

  // stay at the bottom when new messages come, keep the position when older ones are prepended
  const lastRecalled = messages[messages.length - 1]?.recalled;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (keepFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - keepFromBottom.current;
      keepFromBottom.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    const last = messages[messages.length - 1]?.seq ?? null;
    if (last !== null && seenLast.current !== null && last > seenLast.current && !atBottom.current) {
      // counted now: the updater runs later, when seenLast already moved on
      const seen = seenLast.current;
      const fresh = messages.filter((m) => m.seq > seen && m.from !== me?.phone).length;
      if (fresh > 0) setUnseen((n) => n + fresh);
    }
    seenLast.current = last;
    // Only when the list grows, a send is pending, the panel changes or the last message is recalled:
    // a scroll position kept for older history (keepFromBottom) waits for exactly those changes, not
    // for every new `messages` array (read marks, a profile) that would apply it too early.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [messages.length, pending.length, panel, lastRecalled]);

  async function onScroll() {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
    if (atBottom.current) setUnseen(0);
    if (el.scrollTop < 40 && list?.loaded && list.hasOlder && !loadingOlder && conn === 'ready') {
      setLoadingOlder(true);
      keepFromBottom.current = el.scrollHeight - el.scrollTop;
      try {
        await loadOlder(conversationId);
      } catch {
        keepFromBottom.current = null;
      } finally {
        setLoadingOlder(false);
      }
    }
  }

  if (!conv) {
    return (
      <div className="page chat-page">
        <PageHeader title="" parent="/chats" />
        <div className="page-body center">
          <DotLoading />
        </div>
      </div>
    );
  }

  const title = conversationTitle({ contacts }, conv);
  const isGroup = conv.type === 'group';
  const members: Record<string, User> = {};
  if (isGroup) for (const u of conv.group?.members ?? []) members[u.phone] = u;
  const peer = conv.peer;
  // group notices name members by phone: members who are not contacts still get their nickname
  const names: typeof contacts = { ...contacts };
  for (const u of [...Object.values(members), ...Object.values(profiles), ...(me ? [me] : [])]) names[u.phone] ??= { ...u, remark: '', online: false, lastSeen: null };
  const typingNames = Object.entries(typing ?? {}).filter(([, until]) => until > now).map(([p]) => p);
  const headerTitle = typingNames.length > 0 && !isGroup ? t('msg.typing') : isGroup ? `${title}(${memberCountOf(conv.group)})` : title;
  // how far the peer read: the server's peerReadSeq (survives a reload), message.read events since,
  // and at least up to their own latest message (sending moves the sender's readSeq)
  const peerSeq = peer ? Math.max(conv?.peerReadSeq ?? 0, peerRead?.[peer.phone] ?? 0, ...messages.filter((m) => m.from === peer.phone).map((m) => m.seq)) : 0;

  function senderOf(phone: string): User {
    if (phone === me?.phone && me) return me;
    return contacts[phone] ?? members[phone] ?? profiles[phone] ?? (peer && peer.phone === phone ? peer : { phone, nickname: phone, avatar: null, signature: '', createdAt: 0 });
  }

  function call(media: 'audio' | 'video') {
    if (peer) void startCall(peer.phone, media);
  }

  const menu = {
    t,
    me: me?.phone,
    onQuote: (m: Message) => setQuoting(m),
    onForward: (ms: Message[]) => setForwarding(ms),
    onSelect: (m: Message) => setSelecting([m.id]),
  };

  function toggleSelected(m: Message) {
    if (!forwardable(m)) return;
    setSelecting((ids) => (ids?.includes(m.id) ? ids.filter((id) => id !== m.id) : [...(ids ?? []), m.id]));
  }

  /** Tapping a quote: the original, loading older pages until it is held, scrolled to and marked. */
  async function goToQuote(q: Quote) {
    const found = await loadUntil(conversationId, q.seq).catch(() => false);
    const el = scroller.current?.querySelector(`[data-testid="msg-${q.seq}"]`);
    if (!found || !el || hidden[q.id]) {
      Toast.show({ content: t('quote.notFound') });
      return;
    }
    atBottom.current = false;
    el.scrollIntoView({ block: 'center' });
    setHighlight(q.seq);
    setTimeout(() => setHighlight((s) => (s === q.seq ? null : s)), 1500);
  }

  /** The viewer over every image of the chat held here, opened at the tapped one. */
  function openImage(src: string) {
    const images = messages.flatMap((m) => (m.kind === 'image' && !m.recalled && m.content?.url ? [m.content.url] : []));
    const start = images.indexOf(src);
    setGallery(start >= 0 ? { images, start } : { images: [src], start: 0 });
  }

  function voiceEnded(m: Message) {
    const next = nextUnplayedVoice(messages, m, useDeviceMarks.getState().played, hidden);
    if (next) playVoice(next.id);
  }

  const rows: React.ReactNode[] = [];
  let prev: number | null = null;
  for (const m of messages) {
    if (needsSeparator(prev, m.createdAt)) {
      rows.push(
        <div key={'sep' + m.seq} className="msg-time" data-testid="day-separator">
          {separatorTime(m.createdAt, lang)}
        </div>,
      );
    }
    prev = m.createdAt;
    const mine = m.from === me?.phone;
    rows.push(
      <MessageItem
        key={m.id}
        message={m}
        mine={mine}
        sender={senderOf(m.from)}
        contacts={names}
        me={me?.phone}
        t={t}
        showName={isGroup}
        readMark={!isGroup && mine && m.kind !== 'call' ? (m.seq <= peerSeq ? 'read' : 'unread') : null}
        onMenu={(msg) => openMessageMenu(msg, menu)}
        onImage={openImage}
        onQuote={(q) => void goToQuote(q)}
        onVoiceEnded={voiceEnded}
        selecting={selecting !== null}
        selected={selecting?.includes(m.id)}
        onSelect={toggleSelected}
        highlight={highlight === m.seq}
        onCall={isGroup ? undefined : call}
        onAvatar={(p) => p !== me?.phone && navigate('/contact/' + p)}
      />,
    );
  }
  for (const o of pending) {
    rows.push(
      <MessageItem
        key={o.clientMsgId}
        message={o}
        mine
        sender={senderOf(me?.phone ?? '')}
        contacts={contacts}
        me={me?.phone}
        t={t}
        showName={false}
        onRetry={(id) => void retry(id)}
        onImage={openImage}
      />,
    );
    if (o.status === 'failed' && sendErrors[o.clientMsgId] === 'FORBIDDEN') {
      rows.push(
        <div key={o.clientMsgId + 'err'} className="msg-system">
          {t('msg.forbidden')}
        </div>,
      );
    }
  }

  return (
    <div className="page chat-page" data-testid="chat-page" data-conversation={conversationId}>
      <PageHeader
        title={<span data-testid="chat-title">{headerTitle}</span>}
        parent="/chats"
        right={
          <IconButton label={t('a11y.chatInfo')} testId="chat-more" onClick={() => navigate(isGroup ? `/chat/${encodeURIComponent(conversationId)}/info` : `/contact/${peer?.phone}`)}>
            <MoreOutline fontSize={22} />
          </IconButton>
        }
      />
      <div className="chat-scroll" ref={scroller} onScroll={() => void onScroll()} data-testid="chat-scroll" onClick={() => setPanel('none')}>
        {list?.loaded && (
          <div className="msg-older" data-testid="load-older">
            {loadingOlder ? <DotLoading /> : list.hasOlder ? t('msg.loadOlder') : ''}
          </div>
        )}
        {!list?.loaded && (
          <div className="msg-older">
            <DotLoading />
          </div>
        )}
        {rows}
        {typingNames.length > 0 && isGroup && (
          <div className="msg-typing" data-testid="typing">
            {t('msg.typingName', { name: senderOf(typingNames[0]).nickname })}
          </div>
        )}
      </div>
      {unseen > 0 && (
        <button
          type="button"
          className="new-pill"
          data-testid="new-messages-pill"
          onClick={() => {
            const el = scroller.current;
            if (el) el.scrollTop = el.scrollHeight;
            atBottom.current = true;
            setUnseen(0);
          }}
        >
          {t('msg.newMessages', { n: unseen })}
        </button>
      )}
      <span id="msg-menu-hint" className="sr-only">
        {t('a11y.messageMenuHint')}
      </span>
      {selecting ? (
        <div className="select-bar" data-testid="select-bar">
          <button type="button" className="plain-btn" data-testid="select-cancel" onClick={() => setSelecting(null)}>
            {t('common.cancel')}
          </button>
          <span>{t('forward.selected', { n: selecting.length })}</span>
          <button
            type="button"
            className="send-btn"
            data-testid="select-forward"
            disabled={!selecting.length}
            onClick={() => setForwarding(messages.filter((m) => selecting.includes(m.id)))}
          >
            {t('menu.forward')}
          </button>
        </div>
      ) : (
        <Composer
          key={conversationId}
          conversationId={conversationId}
          t={t}
          desktop={desktop}
          mentionable={isGroup ? (conv.group?.members ?? []).filter((u) => u.phone !== me?.phone) : null}
          mayMentionAll={isGroup && conv.group?.owner === me?.phone}
          panel={panel}
          setPanel={setPanel}
          quoting={quoting}
          onCancelQuote={() => setQuoting(null)}
          contacts={names}
          me={me?.phone}
          onSend={() => (atBottom.current = true)}
          onCall={isGroup ? undefined : call}
        />
      )}
      {forwarding && (
        <Suspense fallback={null}>
          <ForwardPicker
            messages={forwarding}
            onClose={(sent) => {
              setForwarding(null);
              if (sent) setSelecting(null);
            }}
          />
        </Suspense>
      )}
      {gallery && (
        <Suspense fallback={null}>
          <ImageGallery images={gallery.images} start={gallery.start} onClose={() => setGallery(null)} />
        </Suspense>
      )}
    </div>
  );
}
