import type { ServerEventPayloads } from '../api/events';
import { ApiError } from '../api/errors';
import type { SocketClient } from '../api/socket';
import type { IceServer } from '../api/types';
import type { MessageKey } from '../i18n';
import { idleCall, useCall, type Media } from './callStore';
import { Ringer } from './ringer';

/**
 * One call at a time over the contract's signalling frames: invite-offer/accept/refuse/cancel,
 * then video-offer/answer and new-ice-candidate between the two connections, hang-up to end.
 */
let pc: RTCPeerConnection | null = null;
let pendingCandidates: RTCIceCandidateInit[] = [];
let endTimer: ReturnType<typeof setTimeout> | null = null;
const ringer = new Ringer();

/** What the call module needs of the socket: requests (session.ts hands it the login's socket). */
export type CallChannel = Pick<SocketClient, 'request'>;
let channel: CallChannel | null = null;

/** The session hands over its socket when it starts, and null when it ends. */
export function connectCalls(socket: CallChannel | null): void {
  channel = socket;
}

declare global {
  interface Window {
    __weiliaoCall?: { pc: RTCPeerConnection | null; state: () => ReturnType<typeof useCall.getState> };
  }
}

function expose(): void {
  if (typeof window !== 'undefined') window.__weiliaoCall = { pc, state: () => useCall.getState() };
}

/** Signalling is live or nothing: never queued for a later connection, never resent. */
function request<T>(type: string, payload: object): Promise<T> {
  if (!channel) return Promise.reject(new ApiError('CLOSED', 'Not connected'));
  return channel.request<T>(type, payload, { queue: false, resend: false });
}

function signal(type: string, payload: object): void {
  request(type, payload).catch(() => {});
}

const ERROR_REASONS: Record<string, MessageKey> = {
  BUSY: 'call.busy',
  OFFLINE: 'call.offline',
  FORBIDDEN: 'call.forbidden',
};

async function getMedia(media: Media): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia(media === 'video' ? { audio: true, video: { width: 640, height: 480 } } : { audio: true });
}

/** Places a call to a contact. */
export async function startCall(peer: string, media: Media): Promise<void> {
  if (useCall.getState().phase !== 'idle' && useCall.getState().phase !== 'ended') return;
  clearEndTimer();
  useCall.setState({ ...idleCall, phase: 'outgoing', peer, media, direction: 'out' });
  let stream: MediaStream;
  try {
    stream = await getMedia(media);
  } catch {
    finish('call.noDevice');
    return;
  }
  useCall.setState({ localStream: stream });
  try {
    const ack = await request<{ callId: string; iceServers: IceServer[] }>('invite-offer', { to: peer, media });
    if (useCall.getState().phase !== 'outgoing') {
      // cancelled while the invite was on its way
      signal('invite-cancel', { callId: ack.callId });
      return;
    }
    useCall.setState({ callId: ack.callId, iceServers: ack.iceServers ?? [] });
  } catch (e) {
    const code = e instanceof ApiError ? e.code : '';
    finish(ERROR_REASONS[code] ?? 'call.error');
  }
}

/** The callee picks up. */
export async function acceptCall(): Promise<void> {
  const call = useCall.getState();
  if (call.phase !== 'incoming' || !call.callId) return;
  ringer.stop();
  useCall.setState({ phase: 'connecting' });
  let stream: MediaStream;
  try {
    stream = await getMedia(call.media);
  } catch {
    signal('invite-refuse', { callId: call.callId });
    finish('call.noDevice');
    return;
  }
  useCall.setState({ localStream: stream });
  createPeer();
  try {
    await request('invite-accept', { callId: call.callId });
  } catch {
    finish('call.ended');
  }
}

export function declineCall(): void {
  const call = useCall.getState();
  if (call.phase !== 'incoming' || !call.callId) return;
  signal('invite-refuse', { callId: call.callId });
  finish(null);
}

/** Cancel while ringing, or hang up a call in progress. */
export function hangUp(): void {
  const call = useCall.getState();
  if (call.phase === 'ended' || call.phase === 'idle') {
    dismiss();
    return;
  }
  if (call.callId) {
    if (call.phase === 'outgoing') signal('invite-cancel', { callId: call.callId });
    else if (call.phase === 'incoming') signal('invite-refuse', { callId: call.callId });
    else signal('hang-up', { callId: call.callId });
  }
  finish(call.phase === 'outgoing' ? 'call.cancelled' : 'call.ended');
}

export function toggleMute(): void {
  const { localStream, muted } = useCall.getState();
  localStream?.getAudioTracks().forEach((t) => (t.enabled = muted));
  useCall.setState({ muted: !muted });
}

export function toggleCamera(): void {
  const { localStream, cameraOff } = useCall.getState();
  localStream?.getVideoTracks().forEach((t) => (t.enabled = cameraOff));
  useCall.setState({ cameraOff: !cameraOff });
}

/**
 * 切到语音通话: stops the camera for the rest of the call and renegotiates, so the peer's answer
 * drops its camera too (see answerOffer) and both sides show the voice call screen.
 */
export function switchToAudio(): void {
  if (useCall.getState().media === 'audio') return;
  stopCamera();
  void renegotiate();
}

/** Stops and removes the local camera and forgets the peer's video. */
function stopCamera(): void {
  const { localStream, remoteStream } = useCall.getState();
  if (pc) {
    for (const sender of pc.getSenders()) if (sender.track?.kind === 'video') pc.removeTrack(sender);
  }
  localStream?.getVideoTracks().forEach((t) => {
    t.stop();
    localStream.removeTrack(t);
  });
  useCall.setState({ media: 'audio', cameraOff: true, remoteStream: remoteStream ? new MediaStream(remoteStream.getAudioTracks()) : null });
}

function dropRemoteTrack(track: MediaStreamTrack): void {
  const s = useCall.getState().remoteStream;
  if (!s || !s.getTracks().includes(track)) return;
  useCall.setState({ remoteStream: new MediaStream(s.getTracks().filter((t) => t !== track)) });
}

/** True when some video section of an SDP says its sender sends. */
export function sdpSendsVideo(sdp: string | undefined): boolean {
  return (sdp ?? '')
    .split(/\r?\nm=/)
    .filter((section) => section.startsWith('video'))
    .some((section) => !/\na=(inactive|recvonly)\r?$/m.test('\n' + section));
}

async function renegotiate(): Promise<void> {
  const peer = pc;
  const id = useCall.getState().callId;
  if (!peer || !id) return;
  try {
    const offer = await peer.createOffer();
    await peer.setLocalDescription(offer);
    if (pc === peer) signal('video-offer', { callId: id, sdp: { type: 'offer', sdp: peer.localDescription?.sdp ?? offer.sdp } });
  } catch {
    hangUp();
  }
}

function createPeer(): RTCPeerConnection {
  const call = useCall.getState();
  const peer = new RTCPeerConnection({ iceServers: call.iceServers });
  pc = peer;
  pendingCandidates = [];
  useCall.setState({ remoteStream: new MediaStream(), connectionState: peer.connectionState });
  call.localStream?.getTracks().forEach((t) => peer.addTrack(t, call.localStream!));
  peer.ontrack = (ev) => {
    if (useCall.getState().remoteStream?.getTracks().includes(ev.track)) return;
    // a new stream object per arriving track, so the call screen binds its media elements anew
    const tracks = [...(useCall.getState().remoteStream?.getTracks() ?? []), ev.track];
    ev.track.addEventListener('ended', () => dropRemoteTrack(ev.track));
    useCall.setState({ remoteStream: new MediaStream(tracks) });
  };
  peer.onicecandidate = (ev) => {
    const id = useCall.getState().callId;
    if (ev.candidate && id) signal('new-ice-candidate', { callId: id, candidate: ev.candidate.toJSON() });
  };
  peer.onconnectionstatechange = () => {
    if (pc !== peer) return;
    const state = peer.connectionState;
    useCall.setState({ connectionState: state });
    if (state === 'connected' && useCall.getState().phase !== 'active') {
      useCall.setState({ phase: 'active', startedAt: Date.now() });
    }
    if (state === 'failed') hangUp();
  };
  expose();
  return peer;
}

/** The relayed `sdp` as the peer sent it: a description, or (older clients) the SDP text alone. */
function sdpOf(value: unknown, type: RTCSdpType): RTCSessionDescriptionInit {
  if (typeof value === 'string') return { type, sdp: value };
  const description = (value ?? {}) as RTCSessionDescriptionInit;
  return { type: description.type ?? type, sdp: description.sdp };
}

async function flushCandidates(): Promise<void> {
  const list = pendingCandidates;
  pendingCandidates = [];
  for (const c of list) await pc?.addIceCandidate(c).catch(() => {});
}

function mine(payload: { callId?: string }): boolean {
  return !!payload.callId && payload.callId === useCall.getState().callId;
}

// ---- call frames from the socket (the frame router hands each its typed payload) ----

type Payload<K extends keyof ServerEventPayloads> = ServerEventPayloads[K];

export function onInviteOffer(p: Payload<'invite-offer'>): void {
  const call = useCall.getState();
  if (call.phase !== 'idle' && call.phase !== 'ended') return; // the server answers BUSY for real clashes
  clearEndTimer();
  useCall.setState({
    ...idleCall,
    phase: 'incoming',
    direction: 'in',
    callId: p.callId,
    peer: p.from,
    media: p.media === 'audio' ? 'audio' : 'video',
    iceServers: p.iceServers ?? [],
  });
  ringer.start();
}

export function onInviteAccept(p: Payload<'invite-accept'>): void {
  if (!mine(p) || useCall.getState().phase !== 'outgoing') return;
  useCall.setState({ phase: 'connecting' });
  void makeOffer();
}

export function onInviteRefuse(p: Payload<'invite-refuse'>): void {
  if (mine(p)) finish('call.refused');
}

export function onInviteCancel(p: Payload<'invite-cancel'>): void {
  if (mine(p)) finish('call.canceledByPeer');
}

export function onHangUp(p: Payload<'hang-up'>): void {
  if (mine(p)) finish('call.peerHungUp');
}

const ENDED_REASONS: Record<string, MessageKey> = { 'answered-elsewhere': 'call.answeredElsewhere' };

export function onCallEnded(p: Payload<'call-ended'>): void {
  if (!mine(p)) return;
  if (p.reason === 'timeout') finish(useCall.getState().direction === 'in' ? 'call.missedIncoming' : 'call.timeout');
  else finish(ENDED_REASONS[p.reason] ?? 'call.disconnected');
}

export function onVideoOffer(p: Payload<'video-offer'>): void {
  if (mine(p)) void answerOffer(p.sdp);
}

export function onVideoAnswer(p: Payload<'video-answer'>): void {
  if (mine(p) && pc) {
    void pc.setRemoteDescription(sdpOf(p.sdp, 'answer')).then(flushCandidates).catch(() => finish('call.failed'));
  }
}

export function onIceCandidate(p: Payload<'new-ice-candidate'>): void {
  if (!mine(p) || !p.candidate) return;
  if (pc && pc.remoteDescription) void pc.addIceCandidate(p.candidate).catch(() => {});
  else pendingCandidates.push(p.candidate);
}

async function makeOffer(): Promise<void> {
  const peer = createPeer();
  try {
    const offer = await peer.createOffer();
    await peer.setLocalDescription(offer);
    const id = useCall.getState().callId;
    if (id && pc === peer) signal('video-offer', { callId: id, sdp: { type: 'offer', sdp: peer.localDescription?.sdp ?? offer.sdp } });
  } catch {
    hangUp();
  }
}

async function answerOffer(sdp: unknown): Promise<void> {
  const peer = pc ?? createPeer();
  try {
    const renegotiating = !!peer.remoteDescription;
    const offer = sdpOf(sdp, 'offer');
    await peer.setRemoteDescription(offer);
    await flushCandidates();
    // the peer switched to a voice call: stop our camera too, so the answer sends no video
    if (renegotiating && useCall.getState().media === 'video' && !sdpSendsVideo(offer.sdp)) stopCamera();
    const answer = await peer.createAnswer();
    await peer.setLocalDescription(answer);
    const id = useCall.getState().callId;
    if (id) signal('video-answer', { callId: id, sdp: { type: 'answer', sdp: peer.localDescription?.sdp ?? answer.sdp } });
  } catch {
    hangUp();
  }
}

function teardown(): void {
  ringer.stop();
  const { localStream } = useCall.getState();
  localStream?.getTracks().forEach((t) => t.stop());
  if (pc) {
    pc.ontrack = pc.onicecandidate = pc.onconnectionstatechange = null;
    pc.close();
  }
  pc = null;
  pendingCandidates = [];
  expose();
}

/** Ends the call locally; shows the reason for a moment (or closes at once when there is none). */
function finish(reason: MessageKey | null): void {
  teardown();
  if (!reason) {
    dismiss();
    return;
  }
  useCall.setState({ phase: 'ended', endReason: reason, localStream: null, remoteStream: null });
  clearEndTimer();
  endTimer = setTimeout(dismiss, 2000);
}

function clearEndTimer(): void {
  if (endTimer) clearTimeout(endTimer);
  endTimer = null;
}

export function dismiss(): void {
  clearEndTimer();
  useCall.setState(idleCall);
}

/** Logout: drop any call without a word. */
export function resetCalls(): void {
  teardown();
  dismiss();
}
