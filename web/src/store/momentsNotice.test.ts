import { beforeEach, describe, expect, it } from 'vitest';
import type { Moment } from '../api/moments';
import { activitySeen, checkNewPosts, onMomentActivity, onMomentNew, postsSeen, resetMomentsNotice, useMomentsNotice } from './momentsNotice';

const ME = '10001';
const bobs = (id: string, createdAt: number): Moment => ({
  id, author: { phone: '10002', nickname: 'Bob', avatar: null, signature: '', createdAt: 0 }, text: 'x', images: [], createdAt, likes: [], comments: [],
});

describe('Moments notices (the red dot and the new-activity count)', () => {
  beforeEach(() => resetMomentsNotice());

  it("a contact's moment.new raises the dot once per moment; one's own does not; opening the timeline clears it", () => {
    onMomentNew({ momentId: 'm1', author: '10002' }, ME);
    onMomentNew({ momentId: 'm1', author: '10002' }, ME);
    onMomentNew({ momentId: 'm2', author: ME }, ME);
    expect(useMomentsNotice.getState().newPosts).toEqual([{ momentId: 'm1', author: '10002' }]);
    postsSeen(1000, ME);
    expect(useMomentsNotice.getState().newPosts).toEqual([]);
  });

  it('moment.activity counts likes and comments until the activity list is looked at, newest first', () => {
    onMomentActivity({ momentId: 'm1', kind: 'like', from: '10002' }, ME, 1);
    onMomentActivity({ momentId: 'm1', kind: 'comment', from: '10002', comment: { id: 'c1', from: { phone: '10002', nickname: 'Bob', avatar: null, signature: '', createdAt: 0 }, replyTo: null, text: 'nice', createdAt: 2 } }, ME, 2);
    onMomentActivity({ momentId: 'm1', kind: 'like', from: ME }, ME, 3); // one's own: never counted
    expect(useMomentsNotice.getState().unseen).toBe(2);
    expect(useMomentsNotice.getState().activity.map((a) => a.kind)).toEqual(['comment', 'like']);
    activitySeen();
    expect(useMomentsNotice.getState().unseen).toBe(0);
    expect(useMomentsNotice.getState().activity).toHaveLength(2);
  });

  it('on connecting, a contact post newer than the newest seen on this device raises the dot; an older one does not', async () => {
    postsSeen(5000, ME);
    await checkNewPosts(() => Promise.resolve({ moments: [bobs('old', 4000)], hasMore: true }), ME);
    expect(useMomentsNotice.getState().newPosts).toEqual([]);
    await checkNewPosts(() => Promise.resolve({ moments: [bobs('new', 6000)], hasMore: true }), ME);
    expect(useMomentsNotice.getState().newPosts).toEqual([{ momentId: 'new', author: '10002' }]);
  });
});
