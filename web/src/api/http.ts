import { ApiError } from './errors';
import type { AuthResponse } from './types';
import { xhrFetch, type Progress } from './xhrFetch';

/** What survives a reload: the login's tokens. The refresh token lives in localStorage. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** epoch ms (client clock) when the access token expires */
  expiresAt: number;
  phone: string;
}

export const TOKENS_KEY = 'weiliao.tokens';

export interface HttpOptions {
  base?: string;
  fetchImpl?: typeof fetch;
  storage?: Storage;
  now?: () => number;
  /** called once when the login is over (refresh refused); the app returns to the login page */
  onLoggedOut?: () => void;
}

type Body = Record<string, unknown> | undefined;

interface RequestOptions {
  /** send the bearer token (default true) */
  auth?: boolean;
  /** raw body instead of JSON (media upload) */
  raw?: Blob;
  /** upload progress of the raw body (sent through XMLHttpRequest: fetch reports none) */
  onProgress?: Progress;
}

/**
 * The fetch wrapper: bearer token, JSON both ways, the error envelope turned into ApiError, and
 * one transparent refresh on 401 before giving up and logging out.
 */
export class Http {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: Storage | null;
  private readonly now: () => number;
  private refreshing: Promise<string> | null = null;
  onLoggedOut: () => void;
  tokens: Tokens | null;

  constructor(opts: HttpOptions = {}) {
    this.base = opts.base ?? '';
    this.fetchImpl = opts.fetchImpl ?? ((input, init) => fetch(input, init));
    this.storage = opts.storage ?? (typeof localStorage !== 'undefined' ? localStorage : null);
    this.now = opts.now ?? Date.now;
    this.onLoggedOut = opts.onLoggedOut ?? (() => {});
    this.tokens = this.load();
  }

  private load(): Tokens | null {
    try {
      const text = this.storage?.getItem(TOKENS_KEY);
      const parsed = text ? (JSON.parse(text) as Tokens) : null;
      return parsed && parsed.refreshToken ? parsed : null;
    } catch {
      return null;
    }
  }

  private save(tokens: Tokens | null): void {
    this.tokens = tokens;
    if (tokens) this.storage?.setItem(TOKENS_KEY, JSON.stringify(tokens));
    else this.storage?.removeItem(TOKENS_KEY);
  }

  /** Keeps the tokens of a register, login or refresh answer. */
  adopt(auth: AuthResponse): Tokens {
    const tokens = {
      accessToken: auth.accessToken,
      refreshToken: auth.refreshToken,
      expiresAt: this.now() + auth.expiresIn * 1000,
      phone: auth.user.phone,
    };
    this.save(tokens);
    return tokens;
  }

  get loggedIn(): boolean {
    return this.tokens !== null;
  }

  /** Forgets the login locally (after logout, or when the server no longer accepts it). */
  forget(): void {
    this.save(null);
  }

  /** A usable access token, refreshed first when it expires within 30 s. */
  async accessToken(): Promise<string> {
    const fresh = this.load() ?? this.tokens; // another tab may have refreshed
    if (fresh) this.tokens = fresh;
    if (!this.tokens) throw new ApiError('UNAUTHENTICATED', 'Not logged in', 401);
    if (this.tokens.expiresAt - this.now() > 30_000) return this.tokens.accessToken;
    return this.refresh();
  }

  /** Spends the refresh token for a new pair; concurrent callers share one refresh. */
  refresh(): Promise<string> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<string> {
    const run = async () => {
      const before = this.tokens?.refreshToken;
      const stored = this.load();
      // Another tab already spent our refresh token and stored the new pair: use theirs.
      if (stored && before && stored.refreshToken !== before && stored.expiresAt - this.now() > 30_000) {
        this.tokens = stored;
        return stored.accessToken;
      }
      const current = stored ?? this.tokens;
      if (!current) throw new ApiError('UNAUTHENTICATED', 'Not logged in', 401);
      try {
        const auth = await this.send<AuthResponse>('POST', '/api/auth/refresh', { refreshToken: current.refreshToken }, undefined, {});
        return this.adopt(auth).accessToken;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 400)) this.loggedOut();
        throw e;
      }
    };
    const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
    return locks ? locks.request('weiliao.refresh', run) : run();
  }

  private loggedOut(): void {
    const had = this.tokens !== null;
    this.forget();
    if (had) this.onLoggedOut();
  }

  async request<T>(method: string, path: string, body?: Body, opts: RequestOptions = {}): Promise<T> {
    if (opts.auth === false) return this.send<T>(method, path, body, undefined, opts);
    const token = await this.accessToken();
    try {
      return await this.send<T>(method, path, body, token, opts);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
    }
    const renewed = await this.refresh();
    try {
      return await this.send<T>(method, path, body, renewed, opts);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.loggedOut();
      throw e;
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: Body): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body?: Body): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: Body): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  del<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  private async send<T>(method: string, path: string, body: Body, token: string | undefined, opts: RequestOptions): Promise<T> {
    const { raw, onProgress } = opts;
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (raw) {
      payload = raw;
      headers['Content-Type'] = raw.type || 'application/octet-stream';
    } else if (body !== undefined && method !== 'GET') {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      const init = { method, headers, body: payload };
      response = await (onProgress ? xhrFetch(this.base + path, init, onProgress) : this.fetchImpl(this.base + path, init));
    } catch (e) {
      throw new ApiError('NETWORK', e instanceof Error ? e.message : 'Network error', 0);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
      const retry = response.headers.get('Retry-After');
      throw new ApiError(err?.code ?? (response.status >= 500 ? 'UNAVAILABLE' : 'HTTP_' + response.status),
        err?.message ?? response.statusText ?? 'Request failed', response.status, retry ? Number(retry) : null);
    }
    return json as T;
  }
}
