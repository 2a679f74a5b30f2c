import { describe, expect, it } from 'vitest';
import { ICON, notificationOf, urlOf } from './notifications';
import { fromBase64url } from '../push/push';

describe('a push as a notification', () => {
  it('shows a message with its title and body, tagged by conversation, and opens that conversation', () => {
    const payload = { type: 'message.new' as const, conversationId: 'd_1_2', seq: 7, title: 'Alice', body: '你好' };
    const { title, options } = notificationOf(payload);
    expect(title).toBe('Alice');
    expect(options).toMatchObject({ body: '你好', icon: ICON, tag: 'd_1_2', data: payload });
    expect(urlOf(payload)).toBe('/chat/d_1_2');
  });

  it('shows a call invite tagged by call, opening the app', () => {
    const payload = { type: 'invite-offer' as const, callId: 'c1', from: '13800000000', media: 'video' as const, title: 'Bob', body: '邀请你视频通话' };
    expect(notificationOf(payload).options.tag).toBe('call:c1');
    expect(urlOf(payload)).toBe('/');
  });

  it('still says something for a push it cannot read', () => {
    expect(notificationOf(null).title).toBe('微聊');
    expect(urlOf(null)).toBe('/');
  });
});

describe('fromBase64url', () => {
  it('decodes an unpadded base64url key', () => {
    expect(Array.from(fromBase64url('BP4z-_8'))).toEqual([4, 254, 51, 251, 255]);
  });
});
