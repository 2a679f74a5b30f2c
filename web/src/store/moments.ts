import { momentsApi } from '../api/moments';
import { http, imageSize, uploadMedia } from './session';
import { useApp } from './app';
import { createMomentsStore, userFeed } from './momentsStore';
import { useMomentsNotice } from './momentsNotice';

/** The app's Moments store (loaded with the Moments pages), on the session's HTTP client and media uploads. */
export const useMoments = createMomentsStore({
  api: momentsApi(http),
  upload: (file, onProgress) => uploadMedia(file, onProgress),
  imageSize,
  me: () => useApp.getState().me,
});

export const moments = useMoments.actions;

// A like or comment on a moment held here re-reads it, so an open page shows it at once; a
// contact's new post goes on top of a timeline already loaded.
useMomentsNotice.subscribe((now, before) => {
  const held = useMoments.getState();
  if (now.activity[0] && now.activity[0] !== before.activity[0] && held.byId[now.activity[0].momentId]) {
    void moments.refresh(now.activity[0].momentId).catch(() => {});
  }
  const post = now.newPosts[0];
  if (post && post !== before.newPosts[0] && held.feeds.timeline) {
    void moments.refresh(post.momentId, ['timeline', userFeed(post.author)]).catch(() => {});
  }
});

// Logging out (or in as someone else) empties the cache.
useApp.subscribe((now, before) => {
  if (now.me?.phone !== before.me?.phone) moments.reset();
});
