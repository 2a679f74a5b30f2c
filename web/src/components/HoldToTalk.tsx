import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { Dialog, Toast } from 'antd-mobile';
import { AudioOutline } from 'antd-mobile-icons';
import type { T } from '../i18n';

/** The contract's bounds for a voice message (ms). */
export const MIN_VOICE_MS = 500;
export const MAX_VOICE_MS = 60_000;
/** How far up (px) the finger must slide for a release to cancel. */
const CANCEL_SLIDE = 60;

type Phase = 'idle' | 'starting' | 'recording';

/**
 * Chromium's MediaRecorder writes WebM without a duration, so a player shows none (Infinity) until
 * it has read the whole file; fix-webm-duration adds it to the header (loaded with the first recording).
 */
async function withDuration(audio: Blob, durationMillis: number): Promise<Blob> {
  if (!audio.type.startsWith('audio/webm')) return audio;
  const { default: fixWebmDuration } = await import('fix-webm-duration');
  return fixWebmDuration(audio, durationMillis, { logger: false });
}

/** The container and codec a browser records Opus in: WebM (Chromium) or Ogg (Firefox), else its default. */
function recorderType(): string | undefined {
  return ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((type) => MediaRecorder.isTypeSupported(type));
}

/**
 * 按住 说话: press and hold to record (MediaRecorder), slide up to cancel, release to send; a live
 * duration, and at 60 s it sends by itself. A refused microphone is explained in a dialog.
 * Space held on the focused button records too, for the keyboard.
 */
export function HoldToTalk({ t, onRecorded }: { t: T; onRecorded: (audio: Blob, durationMillis: number) => void }) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const recorder = useRef<MediaRecorder | null>(null);
  const startedAt = useRef(0);
  const startY = useRef(0);
  const released = useRef(false);
  const cancel = useRef(false);

  // the live duration, and the 60 s cap
  useEffect(() => {
    if (phase !== 'recording') return;
    const timer = setInterval(() => {
      const ms = performance.now() - startedAt.current;
      setElapsed(ms);
      if (ms >= MAX_VOICE_MS) finish(false);
    }, 200);
    return () => clearInterval(timer);
  }, [phase]);
  // leaving the chat mid-recording drops it
  useEffect(() => () => finish(true), []);

  async function start(y: number) {
    if (phase !== 'idle') return;
    released.current = false;
    cancel.current = false;
    startY.current = y;
    setCancelling(false);
    setElapsed(0);
    setPhase('starting');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      setPhase('idle');
      explainRefusal(e);
      return;
    }
    if (released.current) {
      // let go before the microphone was ready: nothing to send
      stream.getTracks().forEach((track) => track.stop());
      setPhase('idle');
      return;
    }
    const type = recorderType();
    const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    rec.onstop = () => {
      stream.getTracks().forEach((track) => track.stop());
      const duration = Math.min(MAX_VOICE_MS, Math.round(performance.now() - startedAt.current));
      recorder.current = null;
      setPhase('idle');
      if (cancel.current) return;
      if (duration < MIN_VOICE_MS) {
        Toast.show({ content: t('voice.tooShort') });
        return;
      }
      void withDuration(new Blob(chunks, { type: rec.mimeType || type || 'audio/webm' }), duration).then((audio) => onRecorded(audio, duration));
    };
    recorder.current = rec;
    startedAt.current = performance.now();
    rec.start();
    setPhase('recording');
  }

  function finish(cancelled: boolean) {
    released.current = true;
    const rec = recorder.current;
    if (!rec || rec.state === 'inactive') return;
    cancel.current = cancelled;
    rec.stop();
  }

  function explainRefusal(e: unknown) {
    const name = (e as { name?: string })?.name;
    const key = name === 'NotAllowedError' || name === 'SecurityError' ? 'voice.micRefused' : 'voice.noMic';
    void Dialog.alert({ content: <span data-testid="voice-mic-refused">{t(key)}</span>, confirmText: t('common.ok') });
  }

  const slidOut = (e: ReactPointerEvent) => startY.current - e.clientY > CANCEL_SLIDE;
  const active = phase !== 'idle';
  return (
    <>
      <button
        type="button"
        className={'hold-to-talk' + (active ? ' hold-to-talk-active' : '')}
        data-testid="hold-to-talk"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          void start(e.clientY);
        }}
        onPointerMove={(e) => active && setCancelling((cancel.current = slidOut(e)))}
        onPointerUp={(e) => finish(slidOut(e))}
        onPointerCancel={() => finish(true)}
        onContextMenu={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          if (e.key === ' ' && !e.repeat) {
            e.preventDefault();
            void start(0);
          }
        }}
        onKeyUp={(e) => e.key === ' ' && finish(false)}
        onBlur={() => finish(true)}
      >
        {active ? t('voice.release') : t('voice.hold')}
      </button>
      {phase === 'recording' && (
        <div className={'voice-overlay' + (cancelling ? ' voice-overlay-cancel' : '')} data-testid="voice-overlay" role="status">
          <AudioOutline className="voice-overlay-icon" aria-hidden="true" />
          <div className="voice-overlay-time" data-testid="voice-elapsed">
            {Math.floor(elapsed / 1000)}&quot;
          </div>
          <div className="voice-overlay-hint">{cancelling ? t('voice.releaseToCancel') : t('voice.slideToCancel')}</div>
        </div>
      )}
    </>
  );
}
