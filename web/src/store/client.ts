import { ApiError } from '../api/errors';
import type { GapFiller } from '../api/gapFiller';
import { Http } from '../api/http';
import type { SocketClient } from '../api/socket';

/**
 * The login's connections, shared by the per-resource actions: the HTTP client, and while signed
 * in the socket with its gap filler. session.ts opens and closes them; nothing else sets them.
 */

/** The HTTP client for the whole app; session.ts sets what a refused refresh does (end the login). */
export const http = new Http();

interface Live {
  socket: SocketClient;
  gaps: GapFiller;
}

let live: Live | null = null;
const logoutResets: (() => void)[] = [];

export function currentSocket(): SocketClient | null {
  return live?.socket ?? null;
}

/** The socket, or CLOSED when not signed in. */
export function requireSocket(): SocketClient {
  if (!live) throw new ApiError('CLOSED', 'Not logged in');
  return live.socket;
}

export function currentGaps(): GapFiller | null {
  return live?.gaps ?? null;
}

export function attach(socket: SocketClient, gaps: GapFiller): void {
  live = { socket, gaps };
}

/** Drops the connections and every piece of state that was kept for this login (see `perLogin`). */
export function detach(): void {
  live = null;
  logoutResets.forEach((reset) => reset());
}

/** A Map or Set that lives as long as one login: emptied on logout, so the next user starts clean. */
export function perLogin<T extends { clear(): void }>(collection: T): T {
  logoutResets.push(() => collection.clear());
  return collection;
}
