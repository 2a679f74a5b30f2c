import { afterEach, describe, expect, it, vi } from 'vitest';
import { Http } from './http';

/** Stands in for XMLHttpRequest: reports upload progress in two steps, then answers. */
class FakeXhr {
  static answer = { status: 201, body: '{"url":"/api/media/x"}' };
  static sent: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  private req = { method: '', url: '', headers: {} as Record<string, string>, body: null as unknown };
  open(method: string, url: string) {
    Object.assign(this.req, { method, url });
  }
  setRequestHeader(name: string, value: string) {
    this.req.headers[name] = value;
  }
  getResponseHeader() {
    return null;
  }
  send(body: unknown) {
    FakeXhr.sent.push({ ...this.req, body });
    setTimeout(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 10, total: 10 });
      this.status = FakeXhr.answer.status;
      this.responseText = FakeXhr.answer.body;
      this.onload?.();
    });
  }
}

describe('uploads with progress (xhrFetch)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the raw body with the bearer token and reports progress up to 1', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const http = new Http({ fetchImpl: vi.fn(), storage: localStorage });
    http.adopt({ user: { phone: '10001', nickname: 'A', avatar: null, signature: '', createdAt: 0 }, accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 });
    const seen: number[] = [];
    const file = new Blob(['png'], { type: 'image/png' });
    const r = await http.request<{ url: string }>('POST', '/api/media', undefined, { raw: file, onProgress: (f) => seen.push(f) });
    expect(r.url).toBe('/api/media/x');
    expect(seen).toEqual([0.5, 1, 1]);
    expect(FakeXhr.sent[0]).toMatchObject({ method: 'POST', url: '/api/media', headers: { Authorization: 'Bearer a1', 'Content-Type': 'image/png' }, body: file });
  });

  it('turns an error answer into ApiError as fetch does', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.answer = { status: 413, body: '{"error":{"code":"PAYLOAD_TOO_LARGE","message":"over 10 MiB"}}' };
    const http = new Http({ fetchImpl: vi.fn(), storage: localStorage });
    http.adopt({ user: { phone: '10001', nickname: 'A', avatar: null, signature: '', createdAt: 0 }, accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 });
    await expect(http.request('POST', '/api/media', undefined, { raw: new Blob(['x']), onProgress: () => {} })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });
});
