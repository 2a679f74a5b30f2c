import { describe, expect, it, vi } from 'vitest';
import { momentsApi, type Moment, type MomentComment } from '../api/moments';
import { ApiError } from '../api/errors';
import type { Http } from '../api/http';
import type { User } from '../api/types';
import { byDay, createMomentsStore, draftReady, feedMoments, followNotices, userFeed } from './momentsStore';
import { onMomentActivity, onMomentNew, resetMomentsNotice } from './momentsNotice';

const user = (phone: string, nickname = 'u' + phone): User => ({ phone, nickname, avatar: null, signature: '', createdAt: 0 });
const ME = user('10001', 'Me');
const BOB = user('10002', 'Bob');

let seq = 0;
function moment(over: Partial<Moment> = {}): Moment {
  seq++;
  return { id: 'm' + seq, author: BOB, text: 'hello ' + seq, images: [], createdAt: 1_700_000_000_000 + seq, likes: [], comments: [], ...over };
}

/** A fake of the HTTP client: answers by "METHOD path" and records every call. */
function fakeHttp(routes: Record<string, (body?: unknown) => unknown>) {
  const calls: string[] = [];
  const answer = (method: string) => (path: string, body?: unknown) => {
    calls.push(`${method} ${path}` + (body === undefined ? '' : ' ' + JSON.stringify(body)));
    const route = routes[`${method} ${path}`];
    if (!route) return Promise.reject(new ApiError('NOT_FOUND', 'no route ' + path, 404));
    return Promise.resolve(route(body));
  };
  // the routes answer untyped JSON, as the server does; the generic methods take it as asked
  const http = { get: answer('GET'), post: answer('POST'), put: answer('PUT'), del: answer('DELETE') } as unknown as Pick<Http, 'get' | 'post' | 'put' | 'del'>;
  return { http, calls };
}

function storeOn(routes: Record<string, (body?: unknown) => unknown>, upload = vi.fn()) {
  const { http, calls } = fakeHttp(routes);
  const store = createMomentsStore({
    api: momentsApi(http),
    upload,
    imageSize: (f: File) => Promise.resolve({ width: 640, height: 480, preview: 'preview:' + f.name }),
    me: () => ME,
  });
  return { store, calls, a: store.actions };
}

describe('Moments store', () => {
  it('pages the timeline with before=<last id>, appending without repeats, and stops at hasMore false', async () => {
    const [m1, m2, m3] = [moment(), moment(), moment()];
    const { store, calls, a } = storeOn({
      'GET /api/moments?limit=20': () => ({ moments: [m3, m2], hasMore: true }),
      [`GET /api/moments?before=${m2.id}&limit=20`]: () => ({ moments: [m2, m1], hasMore: false }),
    });
    await a.load('timeline');
    await a.load('timeline', true);
    await a.load('timeline', true); // nothing more to ask for
    expect(feedMoments(store.getState(), 'timeline').map((m) => m.id)).toEqual([m3.id, m2.id, m1.id]);
    expect(calls).toEqual(['GET /api/moments?limit=20', `GET /api/moments?before=${m2.id}&limit=20`]);
  });

  it("reads a user's album from /api/users/{phone}/moments and keeps the error code of a refusal", async () => {
    const { store, a } = storeOn({});
    await expect(a.load(userFeed('10003'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.getState().feeds['user:10003']).toMatchObject({ loading: false, error: 'NOT_FOUND' });
  });

  it('likes with PUT and unlikes with DELETE, showing the viewer in the likes line in between', async () => {
    const m = moment();
    const { store, calls, a } = storeOn({
      'GET /api/moments?limit=20': () => ({ moments: [m], hasMore: false }),
      [`PUT /api/moments/${m.id}/like`]: () => undefined,
      [`DELETE /api/moments/${m.id}/like`]: () => undefined,
    });
    await a.load('timeline');
    await a.toggleLike(m.id);
    expect(store.getState().byId[m.id].likes.map((u) => u.phone)).toEqual([ME.phone]);
    await a.toggleLike(m.id);
    expect(store.getState().byId[m.id].likes).toEqual([]);
    expect(calls.slice(1)).toEqual([`PUT /api/moments/${m.id}/like`, `DELETE /api/moments/${m.id}/like`]);
  });

  it('comments, replies with the replied-to phone, and deletes a comment', async () => {
    const m = moment();
    const reply: MomentComment = { id: 'c2', from: ME, replyTo: BOB, text: 'thanks', createdAt: 2 };
    const { store, calls, a } = storeOn({
      [`GET /api/moments/${m.id}`]: () => m,
      [`POST /api/moments/${m.id}/comments`]: (body) => ((body as { replyTo?: string }).replyTo ? reply : { ...reply, id: 'c1', replyTo: null, text: 'nice' }),
      [`DELETE /api/moments/${m.id}/comments/c1`]: () => undefined,
    });
    await a.refresh(m.id);
    await a.comment(m.id, 'nice');
    await a.comment(m.id, 'thanks', BOB.phone);
    expect(store.getState().byId[m.id].comments.map((c) => c.id)).toEqual(['c1', 'c2']);
    await a.removeComment(m.id, 'c1');
    expect(store.getState().byId[m.id].comments.map((c) => c.text)).toEqual(['thanks']);
    expect(calls).toContain(`POST /api/moments/${m.id}/comments {"text":"thanks","replyTo":"${BOB.phone}"}`);
    expect(calls).toContain(`POST /api/moments/${m.id}/comments {"text":"nice"}`);
  });

  it('a deleted moment leaves every feed; a re-read that is 404 (deleted, or its author no longer a contact) too', async () => {
    const [gone, kept] = [moment(), moment()];
    const { store, a } = storeOn({
      'GET /api/moments?limit=20': () => ({ moments: [gone, kept], hasMore: false }),
      [`GET /api/users/${BOB.phone}/moments?limit=20`]: () => ({ moments: [gone, kept], hasMore: false }),
      [`DELETE /api/moments/${kept.id}`]: () => undefined,
    });
    await a.load('timeline');
    await a.load(userFeed(BOB.phone));
    await expect(a.refresh(gone.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await a.remove(kept.id);
    expect(feedMoments(store.getState(), 'timeline')).toEqual([]);
    expect(feedMoments(store.getState(), userFeed(BOB.phone))).toEqual([]);
    expect(store.getState().byId).toEqual({});
  });

  it('uploads picked images with progress, refuses a tenth, and posts text and images on top of the timeline and own album', async () => {
    const posted = moment({ author: ME });
    let release: (() => void) | null = null;
    const upload = vi.fn(async (file: File, onProgress: (f: number) => void) => {
      onProgress(0.5);
      if (file.name === 'slow.png') await new Promise<void>((r) => (release = r));
      return { url: '/api/media/' + file.name };
    });
    const { store, calls, a } = storeOn({
      'GET /api/moments?limit=20': () => ({ moments: [moment()], hasMore: false }),
      [`GET /api/users/${ME.phone}/moments?limit=20`]: () => ({ moments: [], hasMore: false }),
      'POST /api/moments': () => posted,
    }, upload);
    await a.load('timeline');
    await a.load(userFeed(ME.phone));
    a.setText('  at the lake  ');
    const files = Array.from({ length: 10 }, (_, i) => new File(['x'], i === 1 ? 'slow.png' : `p${i}.png`, { type: 'image/png' }));
    const picking = a.addImages(files);
    await vi.waitFor(() => expect(release).not.toBeNull());
    const during = store.getState().draft;
    expect(during.images).toHaveLength(9);
    expect(during.images[1]).toMatchObject({ progress: 0.5, url: null });
    expect(draftReady(during)).toBe(false); // an upload still running
    release!();
    expect(await picking).toBe(1);
    expect(draftReady(store.getState().draft)).toBe(true);
    a.removeImage(store.getState().draft.images[8].key);
    await a.publish();
    const body = JSON.parse(calls.find((c) => c.startsWith('POST /api/moments'))!.slice('POST /api/moments '.length)) as { text: string; images: unknown[] };
    expect(body.text).toBe('at the lake');
    expect(body.images).toHaveLength(8);
    expect(body.images[0]).toEqual({ url: '/api/media/p0.png', width: 640, height: 480 });
    expect(feedMoments(store.getState(), 'timeline')[0].id).toBe(posted.id);
    expect(feedMoments(store.getState(), userFeed(ME.phone)).map((m) => m.id)).toEqual([posted.id]);
    expect(store.getState().draft).toEqual({ text: '', images: [] });
  });

  it('keeps a failed upload with its error for a retry, and the draft not ready until it succeeds', async () => {
    let fail = true;
    const upload = vi.fn(() => (fail ? Promise.reject(new ApiError('PAYLOAD_TOO_LARGE', 'too big', 413)) : Promise.resolve({ url: '/api/media/ok' })));
    const { store, a } = storeOn({}, upload);
    await a.addImages([new File(['x'], 'a.png', { type: 'image/png' })]);
    const [img] = store.getState().draft.images;
    expect(img.error).toBe('PAYLOAD_TOO_LARGE');
    expect(draftReady(store.getState().draft)).toBe(false);
    fail = false;
    await a.retryImage(img.key);
    expect(store.getState().draft.images[0]).toMatchObject({ url: '/api/media/ok', error: null });
  });
});

describe('Moments store following the live notices', () => {
  it('re-reads a held moment on moment.activity, and puts a contact\'s new post on top of a loaded timeline', async () => {
    resetMomentsNotice();
    const mine = moment({ author: ME });
    const liked = { ...mine, likes: [BOB] };
    const fresh = moment();
    const { store, calls, a } = storeOn({
      'GET /api/moments?limit=20': () => ({ moments: [mine], hasMore: false }),
      [`GET /api/moments/${mine.id}`]: () => liked,
      [`GET /api/moments/${fresh.id}`]: () => fresh,
    });
    const stop = followNotices(store);
    await a.load('timeline');
    onMomentActivity({ momentId: mine.id, kind: 'like', from: BOB.phone }, ME.phone);
    await vi.waitFor(() => expect(store.getState().byId[mine.id].likes).toEqual([BOB]));
    onMomentActivity({ momentId: 'not-held', kind: 'like', from: BOB.phone }, ME.phone);
    onMomentNew({ momentId: fresh.id, author: BOB.phone }, ME.phone);
    await vi.waitFor(() => expect(feedMoments(store.getState(), 'timeline').map((m) => m.id)).toEqual([fresh.id, mine.id]));
    expect(calls).not.toContain('GET /api/moments/not-held');
    stop();
  });

  it("drops a removed contact's posts from the timeline at once", async () => {
    const [bobs, mine] = [moment(), moment({ author: ME })];
    const { store, a } = storeOn({ 'GET /api/moments?limit=20': () => ({ moments: [bobs, mine], hasMore: false }) });
    await a.load('timeline');
    a.contactRemoved(BOB.phone);
    expect(feedMoments(store.getState(), 'timeline').map((m) => m.id)).toEqual([mine.id]);
  });
});

describe('Moments helpers', () => {
  it('a draft needs text or an image, and text within 2,000 characters', () => {
    expect(draftReady({ text: '   ', images: [] })).toBe(false);
    expect(draftReady({ text: 'x', images: [] })).toBe(true);
    expect(draftReady({ text: 'x'.repeat(2001), images: [] })).toBe(false);
  });

  it('groups an album by local day, newest first', () => {
    const at = (d: number, h: number) => new Date(2026, 11, d, h).getTime();
    const days = byDay([moment({ createdAt: at(7, 20) }), moment({ createdAt: at(7, 8) }), moment({ createdAt: at(5, 12) })]);
    expect(days.map((d) => [new Date(d.day).getDate(), d.moments.length])).toEqual([[7, 2], [5, 1]]);
  });
});
