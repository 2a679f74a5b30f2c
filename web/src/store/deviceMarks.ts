import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** How many marks of each kind a device keeps: the oldest go first (a mark is a message id). */
export const MARKS_KEPT = 2000;

/**
 * What this device remembers about messages and no other device shares: messages deleted here
 * (删除 hides them on this device only) and voice messages played here (no red dot any more).
 * Kept in localStorage by zustand's persist middleware.
 */
export interface DeviceMarks {
  hidden: Record<string, true>;
  played: Record<string, true>;
  hide: (ids: string[]) => void;
  markPlayed: (id: string) => void;
}

/** Adds ids to a mark set, dropping the oldest past MARKS_KEPT (objects keep insertion order). */
export function withMarks(marks: Record<string, true>, ids: string[]): Record<string, true> {
  const next = { ...marks };
  for (const id of ids) {
    delete next[id];
    next[id] = true;
  }
  const keys = Object.keys(next);
  for (const old of keys.slice(0, Math.max(0, keys.length - MARKS_KEPT))) delete next[old];
  return next;
}

export const useDeviceMarks = create<DeviceMarks>()(
  persist(
    (set) => ({
      hidden: {},
      played: {},
      hide: (ids) => set((s) => ({ hidden: withMarks(s.hidden, ids) })),
      markPlayed: (id) => set((s) => (s.played[id] ? s : { played: withMarks(s.played, [id]) })),
    }),
    { name: 'weiliao.deviceMarks', partialize: (s) => ({ hidden: s.hidden, played: s.played }) },
  ),
);
