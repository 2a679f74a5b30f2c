import { describe, expect, it } from 'vitest';
import { callText, previewOf, systemText } from './preview';
import { translate } from '../i18n';
import type { Message } from '../api/types';

const zh = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('zh-CN', k, v);
const en = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v);

function m(extra: Partial<Message>): Message {
  return { id: 'm1', conversationId: 'g_1', seq: 1, from: 'system', kind: 'system', content: null, clientMsgId: null, createdAt: 0, recalled: false, ...extra };
}

describe('message previews', () => {
  it('translates the server\u2019s group notices and keeps unknown ones as sent', () => {
    const created = m({ content: { text: '小明 created the group \u201c周末爬山\u201d', event: 'group.created' } });
    expect(systemText(created, zh)).toBe('小明创建了群聊\u201c周末爬山\u201d');
    expect(systemText(created, en)).toBe('小明 created the group \u201c周末爬山\u201d');
    const removed = m({ content: { text: 'Bob removed 10003', event: 'group.member-removed' } });
    const contacts = { '10003': { phone: '10003', nickname: 'Carol', avatar: null, signature: '', createdAt: 0, remark: '', online: false, lastSeen: null } };
    expect(systemText(removed, zh, contacts)).toBe('Bob将Carol移出了群聊');
    expect(systemText(m({ content: { text: 'Something new', event: 'group.future' } }), zh)).toBe('Something new');
    expect(systemText(m({ content: { text: 'You are now contacts. Say hello!', event: 'contact.added' } }), zh)).toBe('你们已经是好友了，开始聊天吧');
  });

  it('describes recalls, media and calls', () => {
    expect(previewOf(m({ kind: 'text', from: 'me', recalled: true }), zh, 'me', {})).toBe('你撤回了一条消息');
    expect(previewOf(m({ kind: 'image', from: 'x', content: { url: '/api/media/x', width: 1, height: 1 } }), zh, 'me', {})).toBe('[图片]');
    expect(previewOf(m({ kind: 'text', from: 'x', content: { text: 'hi' } }), zh, 'me', {}, true)).toBe('x: hi');
    expect(previewOf(m({ kind: 'voice', from: 'x', content: { url: '/api/media/v', duration: 2400 } }), zh, 'me', {})).toBe('[语音] 2"');
    expect(previewOf(m({ kind: 'voice', from: 'x', content: { url: '/api/media/v', duration: 500 } }), en, 'me', {})).toBe('[Voice] 1"');
    const call = m({ kind: 'call', from: 'me', content: { callId: 'c', media: 'video', result: 'completed', duration: 65 } });
    expect(callText(call, zh, 'me')).toBe('通话时长 01:05');
    expect(callText({ ...call, content: { ...call.content, result: 'declined' } }, zh, 'me')).toBe('对方已拒绝');
    expect(callText({ ...call, content: { ...call.content, result: 'declined' } }, zh, 'other')).toBe('已拒绝');
  });
});
