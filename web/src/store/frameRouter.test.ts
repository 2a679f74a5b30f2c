import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types';
import { useCall, idleCall } from '../calls/callStore';
import { testMessage } from '../test/fakeSocket';
import { dispatch, useApp } from './app';
import { routeEvent } from './frameRouter';

const ME = { phone: '10001', nickname: 'A', avatar: null, signature: '', createdAt: 0 };
const CID = 'd_10001_10002';

function direct(): Conversation {
  return { id: CID, type: 'direct', peer: null, group: null, lastMessage: null, lastSeq: 0, readSeq: 0, unread: 0, updatedAt: 0 };
}

describe('frame router', () => {
  beforeEach(() => {
    dispatch({ type: 'reset' });
    dispatch({ type: 'session', me: ME, conversations: [direct()] });
    useCall.setState(idleCall);
  });

  it('puts a pushed message into its conversation, and a recall over it', () => {
    routeEvent({ type: 'message.new', payload: { message: testMessage(CID, 1) } });
    expect(useApp.getState().conversations[CID].lastSeq).toBe(1);
    expect(useApp.getState().messages[CID]?.bySeq[1]?.content).toEqual({ text: 'x1' });
    routeEvent({ type: 'message.recalled', payload: { conversationId: CID, messageId: testMessage(CID, 1).id, seq: 1 } });
    expect(useApp.getState().messages[CID]?.bySeq[1]?.recalled).toBe(true);
  });

  it('shows who is typing, and a contact going offline (presence)', () => {
    routeEvent({ type: 'typing', payload: { conversationId: CID, from: '10002' } });
    expect(useApp.getState().typing[CID]?.['10002']).toBeGreaterThan(Date.now());
    dispatch({ type: 'contact', contact: { ...ME, phone: '10002', remark: '', online: true, lastSeen: null } });
    routeEvent({ type: 'presence', payload: { phone: '10002', online: false, lastSeen: 5 } });
    expect(useApp.getState().contacts['10002']).toMatchObject({ online: false, lastSeen: 5 });
  });

  it('hands call frames to the call module: an invite rings, a cancel of that call ends it', () => {
    routeEvent({ type: 'invite-offer', payload: { callId: 'k1', from: '10002', media: 'audio', iceServers: [] } });
    expect(useCall.getState()).toMatchObject({ phase: 'incoming', callId: 'k1', peer: '10002', media: 'audio' });
    routeEvent({ type: 'invite-cancel', payload: { callId: 'other', from: '10002' } });
    expect(useCall.getState().phase).toBe('incoming');
    routeEvent({ type: 'invite-cancel', payload: { callId: 'k1', from: '10002' } });
    expect(useCall.getState()).toMatchObject({ phase: 'ended', endReason: 'call.canceledByPeer' });
  });
});
