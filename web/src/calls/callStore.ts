import { create } from 'zustand';
import type { IceServer } from '../api/types';
import type { MessageKey } from '../i18n';

export type CallPhase = 'idle' | 'outgoing' | 'incoming' | 'connecting' | 'active' | 'ended';
export type Media = 'audio' | 'video';

export interface CallState {
  phase: CallPhase;
  callId: string | null;
  /** the other party's phone */
  peer: string | null;
  media: Media;
  direction: 'out' | 'in' | null;
  iceServers: IceServer[];
  /** epoch ms when media started flowing */
  startedAt: number | null;
  muted: boolean;
  cameraOff: boolean;
  /** why the call ended (a message key), shown briefly */
  endReason: MessageKey | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** RTCPeerConnection.connectionState, for the UI and the tests */
  connectionState: string;
}

export const idleCall: CallState = {
  phase: 'idle',
  callId: null,
  peer: null,
  media: 'video',
  direction: null,
  iceServers: [],
  startedAt: null,
  muted: false,
  cameraOff: false,
  endReason: null,
  localStream: null,
  remoteStream: null,
  connectionState: 'new',
};

export const useCall = create<CallState>(() => idleCall);
