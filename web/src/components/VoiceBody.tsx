import { useEffect, useRef } from 'react';
import { SoundOutline } from 'antd-mobile-icons';
import type { Message } from '../api/types';
import type { T } from '../i18n';
import { useDeviceMarks } from '../store/deviceMarks';
import { playVoice, stopIfPlaying, useVoicePlayer, voiceWidth } from '../store/voicePlayer';
import { voiceSeconds } from './preview';

/**
 * A voice bubble's inside: tap plays or stops it (one message plays at a time), the width grows
 * with the length, and a red dot marks a received one this device has not played.
 */
export function VoiceBody({ message, mine, t, onEnded }: { message: Message; mine: boolean; t: T; onEnded?: (m: Message) => void }) {
  const audio = useRef<HTMLAudioElement>(null);
  const playing = useVoicePlayer((s) => s.playing === message.id);
  const played = useDeviceMarks((s) => !!s.played[message.id]);
  const markPlayed = useDeviceMarks((s) => s.markPlayed);
  const seconds = voiceSeconds(message.content?.duration);

  useEffect(() => {
    const el = audio.current;
    if (!el) return;
    if (playing) {
      markPlayed(message.id);
      el.currentTime = 0;
      // refused or cut short (another one started first): stop, unless another one is playing now
      el.play().catch(() => stopIfPlaying(message.id));
    } else if (!el.paused) {
      el.pause();
    }
  }, [playing, message.id, markPlayed]);
  // a bubble that leaves the screen (the chat closed) stops its sound: the browser pauses it
  useEffect(() => () => stopIfPlaying(message.id), [message.id]);

  return (
    <span className="voice-card" data-testid="voice-message" data-playing={playing ? 'true' : 'false'}>
      <button
        type="button"
        className={'plain-btn voice-play' + (playing ? ' voice-playing' : '')}
        style={{ width: voiceWidth(message.content?.duration ?? 0) }}
        aria-label={t(playing ? 'voice.stop' : 'voice.play', { seconds })}
        aria-pressed={playing}
        data-testid="voice-play"
        onClick={(e) => {
          e.stopPropagation();
          playVoice(playing ? null : message.id);
        }}
      >
        <SoundOutline className="voice-icon" aria-hidden="true" />
        <span className="voice-length">{seconds}&quot;</span>
      </button>
      {!mine && !played && <span className="voice-unplayed" data-testid="voice-unplayed" aria-label={t('voice.unplayed')} />}
      <audio
        ref={audio}
        data-testid="voice-audio"
        preload="metadata"
        src={message.content?.url}
        onEnded={() => {
          playVoice(null);
          onEnded?.(message);
        }}
      />
    </span>
  );
}
