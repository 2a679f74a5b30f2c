import type { Http } from '../api/http';

/**
 * Web Push in the browser (contract 1.1 §5.4): the "new message notifications" setting. Permission
 * is asked only when the user turns the setting on, never on load.
 */
export type PushState = 'unsupported' | 'denied' | 'on' | 'off';

/** The browser can register a service worker and subscribe to pushes (a secure context). */
export function pushSupported(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext && 'serviceWorker' in navigator
    && 'PushManager' in window && 'Notification' in window;
}

/** Registers /sw.js once the page has loaded (built apps only: the dev server has no worker). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // without a worker the app still works online; it just does not open offline or notify
    });
  });
}

async function registration(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.ready;
}

/** What is true now: on only with permission granted and a live subscription in this browser. */
export async function pushState(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  if (Notification.permission !== 'granted') return 'off';
  const subscription = await (await registration()).pushManager.getSubscription();
  return subscription ? 'on' : 'off';
}

/** Asks for permission (now, on the user's gesture), subscribes with the server's key, registers. */
export async function turnOn(http: Http): Promise<PushState> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'denied' : 'off';
  const { vapidPublicKey } = await http.get<{ vapidPublicKey: string }>('/api/push/key');
  const manager = (await registration()).pushManager;
  const subscription = (await manager.getSubscription())
    ?? (await answeredWithin(SUBSCRIBE_TIMEOUT_MS,
      manager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64url(vapidPublicKey) })));
  try {
    await http.post('/api/push/subscriptions', subscription.toJSON() as Record<string, unknown>);
  } catch (e) {
    await subscription.unsubscribe();
    throw e;
  }
  return 'on';
}

/**
 * How long the browser's own push service may take to subscribe. Chromium, when it cannot reach
 * Google's, never answers at all; the switch must not spin for ever.
 */
const SUBSCRIBE_TIMEOUT_MS = 20_000;

function answeredWithin<T>(millis: number, promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the browser\'s push service did not answer')), millis);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Unregisters from the server and unsubscribes this browser. */
export async function turnOff(http: Http): Promise<PushState> {
  const subscription = pushSupported() ? await (await registration()).pushManager.getSubscription() : null;
  if (subscription) {
    await http.request('DELETE', '/api/push/subscriptions', { endpoint: subscription.endpoint }).catch(() => {});
    await subscription.unsubscribe();
  }
  return 'off';
}

/**
 * At logout: the server drops the login's subscriptions; this browser forgets its own too, so the
 * setting reads off for whoever signs in next.
 */
export async function forgetSubscription(): Promise<void> {
  if (!pushSupported() || !navigator.serviceWorker.controller) return;
  const subscription = await (await registration()).pushManager.getSubscription();
  await subscription?.unsubscribe();
}

/** The VAPID key as PushManager takes it. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
