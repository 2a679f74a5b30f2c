import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ActionSheet, DotLoading, TextArea, Toast } from 'antd-mobile';
import { AddCircleOutline, MoreOutline, SmileOutline, PictureOutline, FileOutline, VideoOutline, PhoneFill } from 'antd-mobile-icons';
import { useApp, dispatch } from '../store/app';
import { conversationTitle, orderedMessages, type OutgoingMessage } from '../store/chatReducer';
import { fetchGroup, resolveProfiles, loadNewest, loadOlder, markRead, recall, retry, sendFile, sendImage, sendText, sendTyping } from '../store/session';
import { navigate } from '../router';
import { useLang, useT } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { IconButton } from '../components/IconButton';
import { MessageItem } from '../components/MessageItem';
import { EmojiPanel } from '../components/EmojiPanel';
import { needsSeparator, separatorTime } from '../util/time';
import { startCall } from '../calls/callManager';
import { memberCountOf, type Message, type User } from '../api/types';
import { ApiError } from '../api/errors';
import { DESKTOP, useMedia } from '../util/media';

const RECALL_WINDOW_MS = 120_000;

/** One conversation: history, bubbles, composer. */
/** The contract's limit for a text message (characters, as the server counts code points). */
const MAX_TEXT = 4096;
const drafts = new Map<string, string>();

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
  const [text, setTextState] = useState(() => drafts.get(conversationId) ?? '');
  // one draft per chat, kept while the app runs: leaving a chat and coming back keeps the text
  const setText = (v: string | ((old: string) => string)) =>
    setTextState((old) => {
      const next = typeof v === 'function' ? v(old) : v;
      if (next) drafts.set(conversationId, next);
      else drafts.delete(conversationId);
      return next;
    });
  const [panel, setPanel] = useState<'none' | 'emoji' | 'more'>('none');
  const [loadingOlder, setLoadingOlder] = useState(false);
  /** new messages that came while scrolled up (the "new messages" pill) */
  const [unseen, setUnseen] = useState(0);
  const seenLast = useRef<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const keepFromBottom = useRef<number | null>(null);
  const imageInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

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
  // Esc closes the emoji or more panel (the image viewer closes itself: see MessageItem)
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

  const messages = useMemo(() => orderedMessages(list), [list]);
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
  }, [messages.length, pending.length, panel, messages[messages.length - 1]?.recalled]);

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
  for (const u of [...Object.values(members), ...Object.values(profiles)]) names[u.phone] ??= { ...u, remark: '', online: false, lastSeen: null };
  const typingNames = Object.entries(typing ?? {}).filter(([, until]) => until > now).map(([p]) => p);
  const headerTitle = typingNames.length > 0 && !isGroup ? t('msg.typing') : isGroup ? `${title}(${memberCountOf(conv.group)})` : title;
  // how far the peer read: the server's peerReadSeq (survives a reload), message.read events since,
  // and at least up to their own latest message (sending moves the sender's readSeq)
  const peerSeq = peer ? Math.max(conv?.peerReadSeq ?? 0, peerRead?.[peer.phone] ?? 0, ...messages.filter((m) => m.from === peer.phone).map((m) => m.seq)) : 0;

  function senderOf(phone: string): User {
    if (phone === me?.phone && me) return me;
    return contacts[phone] ?? members[phone] ?? profiles[phone] ?? (peer && peer.phone === phone ? peer : { phone, nickname: phone, avatar: null, signature: '', createdAt: 0 });
  }

  function submit() {
    const value = text;
    if (!value.trim()) return;
    setText('');
    atBottom.current = true;
    void sendText(conversationId, value);
  }

  function onText(v: string) {
    if ([...v].length > MAX_TEXT) {
      // a long paste: keep what fits and say so, rather than cutting it silently
      v = [...v].slice(0, MAX_TEXT).join('');
      Toast.show({ content: t('msg.tooLong', { n: MAX_TEXT }) });
    }
    setText(v);
    if (v) sendTyping(conversationId);
  }

  function openMenu(m: Message) {
    const actions = [];
    if (m.kind === 'text') actions.push({ key: 'copy', text: t('msg.copy') });
    if (m.from === me?.phone && !m.recalled && m.kind !== 'call') actions.push({ key: 'recall', text: t('msg.recall') });
    if (!actions.length) return;
    const handler = ActionSheet.show({
      actions: actions.map((a) => ({ ...a, text: <span data-testid={`menu-${a.key}`}>{a.text}</span> })),
      cancelText: t('common.cancel'),
      onAction: async (a) => {
        handler.close();
        if (a.key === 'copy') {
          void navigator.clipboard?.writeText(m.content?.text ?? '').catch(() => {});
        } else if (a.key === 'recall') {
          if (Date.now() - m.createdAt > RECALL_WINDOW_MS) {
            Toast.show({ content: t('msg.recallTooLate') });
            return;
          }
          try {
            await recall(m);
          } catch (e) {
            Toast.show({ content: e instanceof ApiError && e.code === 'FORBIDDEN' ? t('msg.recallTooLate') : t('common.networkError') });
          }
        }
      },
    });
  }

  async function onPickImage(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setPanel('none');
    atBottom.current = true;
    if (file.size > 10 * 1024 * 1024) {
      Toast.show({ content: t('msg.tooLarge') });
      return;
    }
    await sendImage(conversationId, file).catch(() => Toast.show({ content: t('msg.uploadFailed') }));
  }

  async function onPickFile(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setPanel('none');
    atBottom.current = true;
    if (file.size > 10 * 1024 * 1024) {
      Toast.show({ content: t('msg.tooLarge') });
      return;
    }
    await sendFile(conversationId, file);
  }

  function call(media: 'audio' | 'video') {
    setPanel('none');
    if (peer) void startCall(peer.phone, media);
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
        onMenu={openMenu}
        onCall={isGroup ? undefined : call}
        onAvatar={(p) => p !== me?.phone && navigate('/contact/' + p)}
      />,
    );
  }
  for (const o of pending as OutgoingMessage[]) {
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
      <div className="chat-scroll" ref={scroller} onScroll={onScroll} data-testid="chat-scroll" onClick={() => setPanel('none')}>
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
      <div className="composer">
        <div className="composer-row">
          <label htmlFor="composer-text" className="sr-only">
            {t('a11y.message')}
          </label>
          <TextArea
            id="composer-text"
            data-testid="composer-input"
            className="composer-input"
            value={text}
            onChange={onText}
            autoSize={desktop ? { minRows: 4, maxRows: 8 } : { minRows: 1, maxRows: 4 }}
            rows={desktop ? 4 : 1}
            onFocus={() => setPanel('none')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
          />
          <IconButton label={t('msg.emoji')} testId="composer-emoji" className="composer-icon" onClick={() => setPanel(panel === 'emoji' ? 'none' : 'emoji')}>
            <SmileOutline />
          </IconButton>
          {text.trim() ? (
            <button type="button" className="send-btn" data-testid="composer-send" onClick={submit}>
              {t('msg.send')}
            </button>
          ) : (
            <IconButton label={t('msg.more')} testId="composer-more" className="composer-icon" onClick={() => setPanel(panel === 'more' ? 'none' : 'more')}>
              <AddCircleOutline />
            </IconButton>
          )}
        </div>
        {panel === 'emoji' && <EmojiPanel onPick={(e) => setText((v) => v + e)} />}
        {panel === 'more' && (
          <div className="more-panel" data-testid="more-panel">
            <button type="button" data-testid="more-image" onClick={() => imageInput.current?.click()}>
              <PictureOutline />
              <span>{t('msg.album')}</span>
            </button>
            <button type="button" data-testid="more-file" onClick={() => fileInput.current?.click()}>
              <FileOutline />
              <span>{t('msg.fileBtn')}</span>
            </button>
            {!isGroup && (
              <>
                <button type="button" data-testid="more-video-call" onClick={() => call('video')}>
                  <VideoOutline />
                  <span>{t('msg.videoCall')}</span>
                </button>
                <button type="button" data-testid="more-voice-call" onClick={() => call('audio')}>
                  <PhoneFill />
                  <span>{t('msg.voiceCall')}</span>
                </button>
              </>
            )}
          </div>
        )}
        <input ref={imageInput} data-testid="image-input" type="file" accept="image/*" hidden onChange={(e) => { void onPickImage(e.target.files); e.target.value = ''; }} />
        <input ref={fileInput} data-testid="file-input" type="file" hidden onChange={(e) => { void onPickFile(e.target.files); e.target.value = ''; }} />
      </div>
    </div>
  );
}
