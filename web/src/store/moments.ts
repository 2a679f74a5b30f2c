import { momentsApi } from '../api/moments';
import { http } from './client';
import { imageSize, uploadMedia } from './media';
import { useApp } from './app';
import { createMomentsStore, followNotices } from './momentsStore';

/** The app's Moments store (loaded with the Moments pages), on the session's HTTP client and media uploads. */
export const useMoments = createMomentsStore({
  api: momentsApi(http),
  upload: (file, onProgress) => uploadMedia(file, onProgress),
  imageSize,
  me: () => useApp.getState().me,
});

export const moments = useMoments.actions;

followNotices(useMoments);

// Logging out (or in as someone else) empties the cache; a removed contact's posts leave the timeline.
useApp.subscribe((now, before) => {
  if (now.me?.phone !== before.me?.phone) return moments.reset();
  if (now.contactsLoaded && before.contactsLoaded && now.contacts !== before.contacts) {
    for (const phone of Object.keys(before.contacts)) if (!now.contacts[phone]) moments.contactRemoved(phone);
  }
});
