/// <reference lib="webworker" />
// The service worker (built by vite-plugin-pwa's injectManifest into /sw.js): the app shell from
// the precache so the app opens offline (and shows its reconnecting state), and Web Push
// notifications (contract 1.1 §5.4) that open their conversation when clicked.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { notificationOf, urlOf, type PushPayload } from './notifications';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Every client-side path is the app; the server's own paths are never answered from the cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), {
  denylist: [/^\/api\//, /^\/ws/, /^\/health/, /^\/metrics/],
}));

self.addEventListener('push', (event) => {
  let payload: PushPayload | null;
  try {
    payload = event.data ? (event.data.json() as PushPayload) : null;
  } catch {
    payload = null;
  }
  const { title, options } = notificationOf(payload);
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(urlOf(event.notification.data as PushPayload | null), self.location.origin).href;
  event.waitUntil(openOrFocus(url));
});

/** Focuses a tab of the app already open (taking it to the conversation), else opens one. */
async function openOrFocus(url: string): Promise<void> {
  const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = tabs.find((client) => new URL(client.url).origin === self.location.origin);
  if (!tab) {
    await self.clients.openWindow(url);
    return;
  }
  const focused = await tab.focus();
  if (focused.url !== url) await focused.navigate(url);
}
