import { useSyncExternalStore } from 'react';

/** Two panes (list and page) side by side. */
export const WIDE = '(min-width: 900px)';
/** A desktop app, as WeChat for Windows: a left rail, no back arrow to the list, a tall input. */
export const DESKTOP = '(min-width: 960px)';

/** Whether a media query matches, kept current as the window is resized. */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mq = matchMedia(query);
      mq.addEventListener('change', onChange);
      return () => mq.removeEventListener('change', onChange);
    },
    () => matchMedia(query).matches,
    () => false,
  );
}
