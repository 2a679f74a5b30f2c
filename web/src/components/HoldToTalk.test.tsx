import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { HoldToTalk, MAX_VOICE_MS } from './HoldToTalk';

// The browser's recorder and microphone, as far as HoldToTalk uses them; the WebM fix is the identity.
vi.mock('fix-webm-duration', () => ({ default: (blob: Blob) => Promise.resolve(blob) }));

class FakeRecorder {
  static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
  state: 'inactive' | 'recording' = 'inactive';
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  constructor(_stream: unknown, readonly options?: { mimeType?: string }) {}
  get mimeType() {
    return this.options?.mimeType ?? '';
  }
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob(['opus'], { type: this.mimeType }) });
    this.onstop?.();
  }
}

const t = (key: string) => key;

/** jsdom has no PointerEvent with coordinates: a MouseEvent of the pointer's type carries clientY. */
function pointer(type: 'pointerdown' | 'pointermove' | 'pointerup', clientY: number) {
  fireEvent(screen.getByTestId('hold-to-talk'), new MouseEvent(type, { clientY, bubbles: true }));
}

async function press(clientY = 500) {
  pointer('pointerdown', clientY);
  await act(async () => {}); // the microphone is granted
}

async function advance(ms: number) {
  await act(() => {
    vi.advanceTimersByTime(ms);
    return Promise.resolve();
  });
}

describe('HoldToTalk', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance'] });
    vi.stubGlobal('MediaRecorder', FakeRecorder);
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: () => Promise.resolve({ getTracks: () => [{ stop() {} }] }) } });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends by itself at 60 s, with a 60 s duration', async () => {
    const onRecorded = vi.fn();
    render(<HoldToTalk t={t as never} onRecorded={onRecorded} />);
    await press();
    await advance(30_000);
    expect(screen.getByTestId('voice-elapsed').textContent).toBe('30"');
    await advance(MAX_VOICE_MS);
    expect(onRecorded).toHaveBeenCalledTimes(1);
    expect(onRecorded.mock.calls[0][1]).toBe(MAX_VOICE_MS);
    expect((onRecorded.mock.calls[0][0] as Blob).type).toBe('audio/webm;codecs=opus');
    expect(screen.queryByTestId('voice-overlay')).toBeNull();
  });

  it('sends on release, and not when the finger slid up first or the press was too short', async () => {
    const onRecorded = vi.fn();
    render(<HoldToTalk t={t as never} onRecorded={onRecorded} />);
    await press(500);
    await advance(2_000);
    pointer('pointermove', 400);
    expect(screen.getByTestId('voice-overlay').className).toContain('voice-overlay-cancel');
    pointer('pointerup', 400);
    await press(500);
    await advance(200);
    pointer('pointerup', 500);
    await act(async () => {});
    expect(onRecorded).not.toHaveBeenCalled();
    await press(500);
    await advance(1_600);
    pointer('pointerup', 490);
    await act(async () => {});
    expect(onRecorded).toHaveBeenCalledTimes(1);
    expect(onRecorded.mock.calls[0][1]).toBe(1_600);
  });
});
