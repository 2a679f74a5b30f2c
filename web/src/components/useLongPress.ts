import { useRef, type TouchEvent } from 'react';

/**
 * Touch long-press (500 ms) for phones; desktop uses the context menu. When the press has opened
 * the menu, lifting the finger must not click what is now under it (the menu's mask or an action):
 * the touchend is cancelled, which suppresses the click that would follow.
 */
export function useLongPress(fn: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firedAt = useRef(0);
  const touching = useRef(false);
  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    /**
     * The browser's contextmenu: a long touch raises one too, before or after the timer, and the
     * menu must open once. Returns whether the caller should open it.
     */
    claimContextMenu: (): boolean => {
      if (!touching.current && Date.now() - firedAt.current > 1500) return true;
      if (firedAt.current) return false;
      clear();
      firedAt.current = Date.now();
      return true;
    },
    handlers: {
      onTouchStart: () => {
        clear();
        touching.current = true;
        firedAt.current = 0;
        timer.current = setTimeout(() => {
          timer.current = null;
          firedAt.current = Date.now();
          fn();
        }, 500);
      },
      onTouchEnd: (e: TouchEvent) => {
        clear();
        touching.current = false;
        if (firedAt.current) e.preventDefault();
      },
      onTouchMove: clear,
      onTouchCancel: () => {
        clear();
        touching.current = false;
      },
    },
  };
}
