import { create } from 'zustand';
import { ApiError } from '../api/errors';
import { MOMENT_LIMITS, type Moment, type MomentComment, type MomentImage, type MomentPage, type MomentsApi } from '../api/moments';
import type { User } from '../api/types';
import { useMomentsNotice } from './momentsNotice';

/** The viewer's timeline, or one user's album. */
export type FeedKey = 'timeline' | `user:${string}`;

export interface Feed {
  ids: string[];
  hasMore: boolean;
  loading: boolean;
  /** error code of the last failed load */
  error: string | null;
}

/** An image picked for a new post: uploaded as soon as it is picked, with its progress shown. */
export interface DraftImage {
  key: string;
  file: File;
  preview: string;
  width: number;
  height: number;
  /** 0 to 1 */
  progress: number;
  url: string | null;
  error: string | null;
}

export interface MomentsState {
  byId: Record<string, Moment>;
  feeds: Partial<Record<FeedKey, Feed>>;
  draft: { text: string; images: DraftImage[] };
}

export interface MomentsDeps {
  api: MomentsApi;
  upload: (file: File, onProgress: (fraction: number) => void) => Promise<{ url: string }>;
  imageSize: (file: File) => Promise<{ width: number; height: number; preview: string }>;
  me: () => User | null;
}

const PAGE = 20;
export const emptyFeed: Feed = { ids: [], hasMore: true, loading: false, error: null };
const emptyDraft = { text: '', images: [] as DraftImage[] };

export const userFeed = (phone: string): FeedKey => `user:${phone}`;

// ---------------- pure state changes ----------------

/** A page into a feed: the first page replaces what the feed held, a later one is appended. */
export function withPage(s: MomentsState, key: FeedKey, page: MomentPage, first: boolean): MomentsState {
  const byId = { ...s.byId };
  for (const m of page.moments) byId[m.id] = m;
  const held = first ? [] : (s.feeds[key]?.ids ?? []);
  const ids = [...held, ...page.moments.map((m) => m.id).filter((id) => !held.includes(id))];
  return { ...s, byId, feeds: { ...s.feeds, [key]: { ids, hasMore: page.hasMore, loading: false, error: null } } };
}

/** A moment (new or re-read) into the cache, and at the top of the given feeds that hold it not yet. */
export function withMoment(s: MomentsState, m: Moment, onTopOf: FeedKey[] = []): MomentsState {
  const feeds = { ...s.feeds };
  for (const key of onTopOf) {
    const feed = feeds[key];
    if (feed && !feed.ids.includes(m.id)) feeds[key] = { ...feed, ids: [m.id, ...feed.ids] };
  }
  return { ...s, byId: { ...s.byId, [m.id]: m }, feeds };
}

/** A deleted (or no longer visible) moment leaves the cache and every feed. */
export function withoutMoment(s: MomentsState, id: string): MomentsState {
  const byId = { ...s.byId };
  delete byId[id];
  const feeds: MomentsState['feeds'] = {};
  for (const [key, feed] of Object.entries(s.feeds) as [FeedKey, Feed][]) feeds[key] = { ...feed, ids: feed.ids.filter((x) => x !== id) };
  return { ...s, byId, feeds };
}

/** A former contact's moments leave the timeline at once (the server hides them from then on too). */
export function withoutAuthor(s: MomentsState, phone: string): MomentsState {
  const gone = new Set(Object.values(s.byId).filter((m) => m.author.phone === phone).map((m) => m.id));
  if (gone.size === 0) return s;
  const timeline = s.feeds.timeline;
  return timeline ? { ...s, feeds: { ...s.feeds, timeline: { ...timeline, ids: timeline.ids.filter((id) => !gone.has(id)) } } } : s;
}

function update(s: MomentsState, id: string, change: (m: Moment) => Moment): MomentsState {
  const m = s.byId[id];
  return m ? { ...s, byId: { ...s.byId, [id]: change(m) } } : s;
}

export function withLike(s: MomentsState, id: string, user: User, liked: boolean): MomentsState {
  return update(s, id, (m) => {
    const others = m.likes.filter((u) => u.phone !== user.phone);
    return { ...m, likes: liked ? [...others, user] : others };
  });
}

export function withComment(s: MomentsState, id: string, comment: MomentComment): MomentsState {
  return update(s, id, (m) => (m.comments.some((c) => c.id === comment.id) ? m : { ...m, comments: [...m.comments, comment] }));
}

export function withoutComment(s: MomentsState, id: string, commentId: string): MomentsState {
  return update(s, id, (m) => ({ ...m, comments: m.comments.filter((c) => c.id !== commentId) }));
}

export function isLikedBy(m: Moment, phone: string | undefined): boolean {
  return !!phone && m.likes.some((u) => u.phone === phone);
}

/** The moments of a feed, in its order. */
export function feedMoments(s: Pick<MomentsState, 'byId' | 'feeds'>, key: FeedKey): Moment[] {
  return (s.feeds[key]?.ids ?? []).map((id) => s.byId[id]).filter((m): m is Moment => !!m);
}

export interface Day {
  /** local midnight of the day */
  day: number;
  moments: Moment[];
}

/** An album's moments grouped by local day, newest day first (the order they came in is kept). */
export function byDay(moments: Moment[]): Day[] {
  const days: Day[] = [];
  for (const m of moments) {
    const d = new Date(m.createdAt);
    const day = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    const last = days[days.length - 1];
    if (last && last.day === day) last.moments.push(m);
    else days.push({ day, moments: [m] });
  }
  return days;
}

/** Whether the draft may be posted: something to post, and every picked image uploaded. */
export function draftReady(d: MomentsState['draft']): boolean {
  const text = d.text.trim();
  if (text.length > MOMENT_LIMITS.text) return false;
  if (d.images.some((i) => !i.url)) return false;
  return text.length > 0 || d.images.length > 0;
}

function revoke(objectUrl: string): void {
  if (objectUrl.startsWith('blob:')) URL.revokeObjectURL(objectUrl);
}

const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : 'NETWORK');

// ---------------- the store ----------------

/** The Moments store: the cache of moments by id, the feeds, the draft of a new post, and the actions. */
export function createMomentsStore(deps: MomentsDeps) {
  const store = create<MomentsState>(() => ({ byId: {}, feeds: {}, draft: emptyDraft }));
  const set = (change: (s: MomentsState) => MomentsState) => store.setState(change(store.getState()), true);
  const meOrThrow = () => {
    const me = deps.me();
    if (!me) throw new ApiError('UNAUTHENTICATED', 'Not logged in', 401);
    return me;
  };
  const loading = (key: FeedKey, error: string | null, busy: boolean) =>
    set((s) => ({ ...s, feeds: { ...s.feeds, [key]: { ...(s.feeds[key] ?? emptyFeed), loading: busy, error } } }));
  const pageOf = (key: FeedKey, before?: string) =>
    key === 'timeline' ? deps.api.timeline(before, PAGE) : deps.api.ofUser(key.slice(5), before, PAGE);
  const ownFeeds = (): FeedKey[] => ['timeline', userFeed(deps.me()?.phone ?? '')];

  async function load(key: FeedKey, more = false): Promise<void> {
    const feed = store.getState().feeds[key];
    if (feed?.loading || (more && feed && !feed.hasMore)) return;
    const before = more ? feed?.ids[feed.ids.length - 1] : undefined;
    loading(key, null, true);
    try {
      const page = await pageOf(key, before);
      set((s) => withPage(s, key, page, !more));
    } catch (e) {
      loading(key, codeOf(e), false);
      throw e;
    }
  }

  /** Re-reads one moment (after activity on it); gone or no longer visible (404) leaves the feeds. */
  async function refresh(id: string, onTopOf: FeedKey[] = []): Promise<Moment | null> {
    try {
      const m = await deps.api.get(id);
      set((s) => withMoment(s, m, onTopOf));
      return m;
    } catch (e) {
      if (codeOf(e) === 'NOT_FOUND') set((s) => withoutMoment(s, id));
      throw e;
    }
  }

  async function toggleLike(id: string): Promise<void> {
    const me = meOrThrow();
    const m = store.getState().byId[id];
    const liked = !!m && isLikedBy(m, me.phone);
    await (liked ? deps.api.unlike(id) : deps.api.like(id));
    set((s) => withLike(s, id, me, !liked));
  }

  async function comment(id: string, text: string, replyTo?: string): Promise<MomentComment> {
    const c = await deps.api.comment(id, text, replyTo);
    set((s) => withComment(s, id, c));
    return c;
  }

  async function removeComment(id: string, commentId: string): Promise<void> {
    await deps.api.removeComment(id, commentId);
    set((s) => withoutComment(s, id, commentId));
  }

  async function remove(id: string): Promise<void> {
    await deps.api.remove(id);
    set((s) => withoutMoment(s, id));
  }

  // ---- the draft of a new post ----

  function patchImage(key: string, patch: Partial<DraftImage>): void {
    set((s) => ({ ...s, draft: { ...s.draft, images: s.draft.images.map((i) => (i.key === key ? { ...i, ...patch } : i)) } }));
  }

  async function uploadImage(img: DraftImage): Promise<void> {
    patchImage(img.key, { progress: 0, error: null });
    try {
      const { url } = await deps.upload(img.file, (progress) => patchImage(img.key, { progress }));
      patchImage(img.key, { url, progress: 1 });
    } catch (e) {
      patchImage(img.key, { error: codeOf(e) });
    }
  }

  let picked = 0;
  /** Adds picked files (up to 9 in all) and starts their uploads; resolves when they are done. Returns how many were left out. */
  async function addImages(files: File[]): Promise<number> {
    const room = MOMENT_LIMITS.images - store.getState().draft.images.length;
    const taken = files.slice(0, Math.max(0, room));
    const added: DraftImage[] = [];
    for (const file of taken) {
      const size = await deps.imageSize(file).catch(() => null);
      if (size) added.push({ key: `img${++picked}`, file, ...size, progress: 0, url: null, error: null });
    }
    set((s) => ({ ...s, draft: { ...s.draft, images: [...s.draft.images, ...added].slice(0, MOMENT_LIMITS.images) } }));
    await Promise.all(added.map(uploadImage));
    return files.length - added.length;
  }

  function retryImage(key: string): Promise<void> {
    const img = store.getState().draft.images.find((i) => i.key === key);
    return img ? uploadImage(img) : Promise.resolve();
  }

  function removeImage(key: string): void {
    const img = store.getState().draft.images.find((i) => i.key === key);
    if (img) revoke(img.preview);
    set((s) => ({ ...s, draft: { ...s.draft, images: s.draft.images.filter((i) => i.key !== key) } }));
  }

  function setText(text: string): void {
    set((s) => ({ ...s, draft: { ...s.draft, text } }));
  }

  /** Posts the draft; the new moment goes on top of the timeline and one's album. */
  async function publish(): Promise<Moment> {
    const { draft } = store.getState();
    if (!draftReady(draft)) throw new ApiError('INVALID_ARGUMENT', 'Nothing to post');
    const images: MomentImage[] = draft.images.map((i) => ({ url: i.url!, width: i.width, height: i.height }));
    const text = draft.text.trim();
    const m = await deps.api.post({ ...(text ? { text } : {}), ...(images.length ? { images } : {}) });
    draft.images.forEach((i) => revoke(i.preview));
    set((s) => ({ ...withMoment(s, m, ownFeeds()), draft: emptyDraft }));
    return m;
  }

  function reset(): void {
    store.setState({ byId: {}, feeds: {}, draft: emptyDraft }, true);
  }

  function contactRemoved(phone: string): void {
    set((s) => withoutAuthor(s, phone));
  }

  return Object.assign(store, {
    actions: { load, refresh, toggleLike, comment, removeComment, remove, addImages, retryImage, removeImage, setText, publish, reset, contactRemoved },
  });
}

/**
 * Keeps a store current with the live notices: a like or comment on a moment it holds re-reads
 * that moment, so an open page shows it at once; a contact's new post goes on top of a timeline
 * already loaded. Returns the unsubscribe.
 */
export function followNotices(store: MomentsStore): () => void {
  return useMomentsNotice.subscribe((now, before) => {
    const held = store.getState();
    const activity = now.activity[0];
    if (activity && activity !== before.activity[0] && held.byId[activity.momentId]) {
      void store.actions.refresh(activity.momentId).catch(() => {});
    }
    const post = now.newPosts[0];
    if (post && post !== before.newPosts[0] && held.feeds.timeline) {
      void store.actions.refresh(post.momentId, ['timeline', userFeed(post.author)]).catch(() => {});
    }
  });
}

export type MomentsStore = ReturnType<typeof createMomentsStore>;
