import { lazy, Suspense, useRef, useState } from 'react';
import { TextArea, Toast } from 'antd-mobile';
import { AddCircleOutline, AudioOutline, CloseCircleFill, FileOutline, PhoneFill, PictureOutline, SmileOutline, VideoOutline } from 'antd-mobile-icons';
import type { Contact, Message, User } from '../api/types';
import { sendFile, sendImage, sendText, sendVoice } from '../store/sending';
import { sendTyping } from '../store/messages';
import type { T } from '../i18n';
import { IconButton } from './IconButton';
import { EmojiPanel } from './EmojiPanel';
import { HoldToTalk } from './HoldToTalk';
import { previewOf } from './preview';
import { MENTION_ALL } from './mentionAll';

const MentionPicker = lazy(() => import('./pickers').then((m) => ({ default: m.MentionPicker })));

/** The contract's limit for a text message (characters, as the server counts code points). */
const MAX_TEXT = 4096;
/** Uploads above this are refused before they start. */
const MAX_UPLOAD = 10 * 1024 * 1024;
const drafts = new Map<string, string>();

export type Panel = 'none' | 'emoji' | 'more';

interface Props {
  conversationId: string;
  t: T;
  desktop: boolean;
  /** group chats: who can be mentioned (everyone but me), and whether I may mention 所有人 */
  mentionable: User[] | null;
  mayMentionAll: boolean;
  panel: Panel;
  setPanel: (p: Panel) => void;
  quoting: Message | null;
  onCancelQuote: () => void;
  contacts: Record<string, Contact>;
  me: string | undefined;
  /** something is being sent: the chat scrolls to the bottom */
  onSend: () => void;
  onCall?: (media: 'audio' | 'video') => void;
}

/** Which picked mentions the text still holds when it is sent: "@name" must still be in it. */
export function mentionsIn(text: string, picked: Record<string, string>): { mentions?: string[]; mentionAll?: boolean } {
  const kept = Object.entries(picked).filter(([, name]) => text.includes('@' + name)).map(([key]) => key);
  if (kept.includes(MENTION_ALL)) return { mentionAll: true };
  return kept.length ? { mentions: kept.slice(0, 50) } : {};
}

/** The input row: text (or hold to talk), emoji and ⊕ panels, a quote being replied to, @ mentions. */
export function Composer(props: Props) {
  const { conversationId, t, desktop, panel, setPanel, quoting } = props;
  const [text, setTextState] = useState(() => drafts.get(conversationId) ?? '');
  const [voice, setVoice] = useState(false);
  const [mentioning, setMentioning] = useState(false);
  /** mentions picked while writing: key (phone or MENTION_ALL) -> the name inserted after @ */
  const picked = useRef<Record<string, string>>({});
  const imageInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // one draft per chat, kept while the app runs: leaving a chat and coming back keeps the text
  const setText = (v: string | ((old: string) => string)) =>
    setTextState((old) => {
      const next = typeof v === 'function' ? v(old) : v;
      if (next) drafts.set(conversationId, next);
      else drafts.delete(conversationId);
      return next;
    });

  function submit() {
    const value = text;
    if (!value.trim()) return;
    setText('');
    props.onSend();
    const mentions = props.mentionable ? mentionsIn(value, picked.current) : {};
    picked.current = {};
    props.onCancelQuote();
    void sendText(conversationId, value, { replyTo: quoting?.id, ...mentions });
  }

  function onText(v: string) {
    if ([...v].length > MAX_TEXT) {
      // a long paste: keep what fits and say so, rather than cutting it silently
      v = [...v].slice(0, MAX_TEXT).join('');
      Toast.show({ content: t('msg.tooLong', { n: MAX_TEXT }) });
    }
    // an @ typed at the end, in a group, opens the member picker
    if (props.mentionable && v.length === text.length + 1 && v.endsWith('@')) setMentioning(true);
    setText(v);
    if (v) sendTyping(conversationId);
  }

  function pickMention(key: string, name: string) {
    setMentioning(false);
    picked.current[key] = name;
    setText((v) => (v.endsWith('@') ? v : v + '@') + name + ' ');
  }

  async function onPick(files: FileList | null, kind: 'image' | 'file') {
    const file = files?.[0];
    if (!file) return;
    setPanel('none');
    props.onSend();
    if (file.size > MAX_UPLOAD) {
      Toast.show({ content: t('msg.tooLarge') });
      return;
    }
    if (kind === 'file') return sendFile(conversationId, file);
    await sendImage(conversationId, file).catch(() => Toast.show({ content: t('msg.uploadFailed') }));
  }

  function onRecorded(audio: Blob, duration: number) {
    props.onSend();
    props.onCancelQuote();
    void sendVoice(conversationId, audio, duration, quoting?.id);
  }

  const call = (media: 'audio' | 'video') => {
    setPanel('none');
    props.onCall?.(media);
  };

  return (
    <div className="composer">
      {quoting && (
        <div className="composer-quote" data-testid="composer-quote">
          <span className="composer-quote-text">{previewOf(quoting, t, props.me, props.contacts, true)}</span>
          <IconButton label={t('quote.cancel')} testId="composer-quote-cancel" className="composer-quote-close" onClick={props.onCancelQuote}>
            <CloseCircleFill />
          </IconButton>
        </div>
      )}
      <div className="composer-row">
        <IconButton label={voice ? t('voice.toKeyboard') : t('voice.toVoice')} testId="composer-voice-toggle" className="composer-icon" onClick={() => setVoice(!voice)}>
          {voice ? <span className="keyboard-icon" aria-hidden="true">⌨</span> : <AudioOutline />}
        </IconButton>
        {voice ? (
          <HoldToTalk t={t} onRecorded={onRecorded} />
        ) : (
          <>
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
          </>
        )}
        <IconButton label={t('msg.emoji')} testId="composer-emoji" className="composer-icon" onClick={() => setPanel(panel === 'emoji' ? 'none' : 'emoji')}>
          <SmileOutline />
        </IconButton>
        {text.trim() && !voice ? (
          <button type="button" className="send-btn" data-testid="composer-send" onClick={submit}>
            {t('msg.send')}
          </button>
        ) : (
          <IconButton label={t('msg.more')} testId="composer-more" className="composer-icon" onClick={() => setPanel(panel === 'more' ? 'none' : 'more')}>
            <AddCircleOutline />
          </IconButton>
        )}
      </div>
      {panel === 'emoji' && (
        <EmojiPanel
          onPick={(e) => {
            setVoice(false);
            setText((v) => v + e);
          }}
        />
      )}
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
          {props.onCall && (
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
      {mentioning && props.mentionable && (
        <Suspense fallback={null}>
          <MentionPicker members={props.mentionable} everyone={props.mayMentionAll} onPick={pickMention} onClose={() => setMentioning(false)} />
        </Suspense>
      )}
      <input ref={imageInput} data-testid="image-input" type="file" accept="image/*" hidden onChange={(e) => { void onPick(e.target.files, 'image'); e.target.value = ''; }} />
      <input ref={fileInput} data-testid="file-input" type="file" hidden onChange={(e) => { void onPick(e.target.files, 'file'); e.target.value = ''; }} />
    </div>
  );
}
