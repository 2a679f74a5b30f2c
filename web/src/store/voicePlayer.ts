import { create } from 'zustand';
import type { Message } from '../api/types';

/** Which voice message plays (one at a time in the whole app), by message id. */
export const useVoicePlayer = create<{ playing: string | null }>(() => ({ playing: null }));

export function playVoice(id: string | null): void {
  useVoicePlayer.setState({ playing: id });
}

/** Stops the player if this message is the one playing (another may have started since). */
export function stopIfPlaying(id: string): void {
  if (useVoicePlayer.getState().playing === id) playVoice(null);
}

/**
 * After a voice message ends, WeChat plays the same sender's next voice message that this device
 * has not played yet, if it comes later in the chat; anything else stops the run.
 */
export function nextUnplayedVoice(messages: Message[], after: Message, played: Record<string, true>, hidden: Record<string, true> = {}): Message | null {
  return messages.find((m) => m.seq > after.seq && m.kind === 'voice' && !m.recalled && m.from === after.from && !played[m.id] && !hidden[m.id]) ?? null;
}

/** A voice bubble's width in px: longer messages are wider, as in WeChat (60 s is the widest). */
export function voiceWidth(durationMillis: number): number {
  const seconds = Math.min(60, Math.max(1, Math.round(durationMillis / 1000)));
  return Math.round(72 + (148 * Math.sqrt(seconds - 1)) / Math.sqrt(59));
}
