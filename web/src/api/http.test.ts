import { describe, expect, it, vi } from 'vitest';
import { Http, TOKENS_KEY } from './http';
import { ApiError } from './errors';

/** A fake fetch's answer: a JSON response. */
function json(status: number, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }));
}

const auth = (n: number) => ({ user: { phone: '10001', nickname: 'A', avatar: null, signature: '', createdAt: 0 }, accessToken: 'access' + n, refreshToken: 'refresh' + n, expiresIn: 900 });

describe('Http', () => {
  it('sends the bearer token and JSON, and turns the error envelope into ApiError', async () => {
    const fetchImpl = vi.fn(() => json(403, { error: { code: 'FORBIDDEN', message: 'Not a member' } }));
    const http = new Http({ fetchImpl, storage: localStorage });
    http.adopt(auth(1));
    const err = await http.post('/api/groups', { name: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'Not a member' });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/groups');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer access1');
    expect(init.body).toBe('{"name":"x"}');
  });

  it('keeps the refresh token in localStorage so a reload stays logged in', () => {
    const http = new Http({ fetchImpl: vi.fn(), storage: localStorage });
    http.adopt(auth(1));
    const again = new Http({ fetchImpl: vi.fn(), storage: localStorage });
    expect(again.loggedIn).toBe(true);
    expect((JSON.parse(localStorage.getItem(TOKENS_KEY)!) as { refreshToken: string }).refreshToken).toBe('refresh1');
  });

  it('on 401 refreshes once and retries with the new token', async () => {
    const calls: string[] = [];
    const fetchImpl = vi.fn((url: string, init: RequestInit) => {
      const token = (init.headers as Record<string, string>).Authorization;
      calls.push(`${url} ${token ?? ''}`);
      if (url === '/api/auth/refresh') return json(200, auth(2));
      if (token === 'Bearer access1') return json(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } });
      return json(200, { phone: '10001' });
    });
    const http = new Http({ fetchImpl: fetchImpl as unknown as typeof fetch, storage: localStorage });
    http.adopt(auth(1));
    await expect(http.get('/api/users/me')).resolves.toEqual({ phone: '10001' });
    expect(calls).toEqual(['/api/users/me Bearer access1', '/api/auth/refresh ', '/api/users/me Bearer access2']);
    expect(http.tokens?.refreshToken).toBe('refresh2');
  });

  it('logs out when the refresh is refused', async () => {
    const onLoggedOut = vi.fn();
    const fetchImpl = vi.fn(() => json(401, { error: { code: 'UNAUTHENTICATED', message: 'spent' } }));
    const http = new Http({ fetchImpl: fetchImpl as unknown as typeof fetch, storage: localStorage, onLoggedOut });
    http.adopt(auth(1));
    await expect(http.get('/api/users/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onLoggedOut).toHaveBeenCalledTimes(1);
    expect(http.loggedIn).toBe(false);
    expect(localStorage.getItem(TOKENS_KEY)).toBeNull();
  });

  it('refreshes ahead of time when the access token is about to expire, once for concurrent callers', async () => {
    let now = 0;
    const fetchImpl = vi.fn((url: string) => (url === '/api/auth/refresh' ? json(200, auth(2)) : json(200, {})));
    const http = new Http({ fetchImpl: fetchImpl as unknown as typeof fetch, storage: localStorage, now: () => now });
    http.adopt(auth(1));
    now = 880_000; // 20 s left
    const [a, b] = await Promise.all([http.accessToken(), http.accessToken()]);
    expect(a).toBe('access2');
    expect(b).toBe('access2');
    expect(fetchImpl.mock.calls.filter((c) => c[0] === '/api/auth/refresh')).toHaveLength(1);
  });

  it('reports Retry-After on 429', async () => {
    const http = new Http({ fetchImpl: (() => json(429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }, { 'Retry-After': '42' })) as unknown as typeof fetch, storage: localStorage });
    const err = await http.request('POST', '/api/auth/login', { phone: '10001', password: 'x' }, { auth: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 42 });
  });
});
