import { create } from 'zustand';
import type { MomentActivityEvent, MomentNewEvent, MomentPage } from '../api/moments';

/**
 * What the Discover tab and the Moments row show before Moments is opened: the red dot for a
 * contact's new post (moment.new) and the count of likes and comments on one's own moments
 * (moment.activity). Loaded with the first screen; the Moments pages themselves load lazily.
 */
export interface MomentActivity extends MomentActivityEvent {
  /** when it arrived, client clock */
  at: number;
}

export interface MomentsNotice {
  /** contacts' posts since Moments was last opened, newest first */
  newPosts: MomentNewEvent[];
  /** this session's activity on one's own moments, newest first */
  activity: MomentActivity[];
  /** how many of `activity` have not been looked at */
  unseen: number;
}

const MAX_ACTIVITY = 100;
const SEEN_KEY = 'weiliao.moments.seen.';

export const useMomentsNotice = create<MomentsNotice>(() => ({ newPosts: [], activity: [], unseen: 0 }));

export function resetMomentsNotice(): void {
  useMomentsNotice.setState({ newPosts: [], activity: [], unseen: 0 });
}

/** moment.new: a contact posted (the server sends one's own posts to nobody, but a second device is "me" too). */
export function onMomentNew(event: MomentNewEvent, me: string | undefined): void {
  if (!event?.momentId || event.author === me) return;
  useMomentsNotice.setState((s) => ({
    newPosts: [event, ...s.newPosts.filter((p) => p.momentId !== event.momentId)].slice(0, MAX_ACTIVITY),
  }));
}

/** moment.activity: a like or a comment on one's own moment, or a reply to one's comment. */
export function onMomentActivity(event: MomentActivityEvent, me: string | undefined, now = Date.now()): void {
  if (!event?.momentId || event.from === me) return;
  useMomentsNotice.setState((s) => ({
    activity: [{ ...event, at: now }, ...s.activity].slice(0, MAX_ACTIVITY),
    unseen: Math.min(s.unseen + 1, MAX_ACTIVITY),
  }));
}

export function activitySeen(): void {
  useMomentsNotice.setState({ unseen: 0 });
}

/** The timeline was opened: its newest post (createdAt, server clock) is the one seen last. */
export function postsSeen(newestCreatedAt: number | null, me: string | undefined): void {
  useMomentsNotice.setState({ newPosts: [] });
  if (me && newestCreatedAt) {
    try {
      const before = Number(localStorage.getItem(SEEN_KEY + me) ?? 0);
      localStorage.setItem(SEEN_KEY + me, String(Math.max(before, newestCreatedAt)));
    } catch {
      // without storage the dot only follows live events
    }
  }
}

/**
 * On each (re)connection: a post by a contact newer than the newest one this device saw puts the
 * dot up, so posts made while the app was closed or offline are not missed. One timeline page
 * of one moment, which costs the server the same as any page.
 */
export async function checkNewPosts(firstOfTimeline: () => Promise<MomentPage>, me: string | undefined): Promise<void> {
  if (!me) return;
  const page = await firstOfTimeline();
  const newest = page.moments[0];
  if (!newest || newest.author.phone === me) return;
  let seen = 0;
  try {
    seen = Number(localStorage.getItem(SEEN_KEY + me) ?? 0);
  } catch {
    // nothing stored
  }
  if (newest.createdAt > seen) onMomentNew({ momentId: newest.id, author: newest.author.phone }, me);
}
