import { useEffect, useRef, useState } from 'react';
import { AudioMutedOutline, AudioOutline, CloseOutline, PhoneFill, VideoOutline } from 'antd-mobile-icons';
import { useCall } from './callStore';
import { acceptCall, declineCall, hangUp, switchToAudio, toggleCamera, toggleMute } from './callManager';
import { useApp } from '../store/app';
import { displayName } from '../store/chatReducer';
import { useT } from '../i18n';
import { Avatar } from '../components/Avatar';
import { duration } from '../util/time';

function Video({ stream, muted, className, testId }: { stream: MediaStream | null; muted?: boolean; className: string; testId: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className={className} data-testid={testId} autoPlay playsInline muted={muted} />;
}

/**
 * Plays the peer's audio. The stream object may get its tracks after it is bound (ontrack fires
 * per track), and an element bound to a stream without an audio track stays silent in Chromium:
 * rebind and play whenever a track is added.
 */
function RemoteAudio({ stream }: { stream: MediaStream | null }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !stream) return;
    const bind = () => {
      el.srcObject = null;
      el.srcObject = stream;
      void el.play().catch(() => {});
    };
    bind();
    stream.addEventListener('addtrack', bind);
    return () => stream.removeEventListener('addtrack', bind);
  }, [stream]);
  return <audio ref={ref} data-testid="call-remote-audio" autoPlay />;
}

function Control({ label, onClick, tone, testId, children }: { label: string; onClick: () => void; tone?: 'red' | 'green' | 'grey' | 'on'; testId: string; children: React.ReactNode }) {
  return (
    <button type="button" className="call-ctl" data-testid={testId} onClick={onClick}>
      <span className={'call-ctl-icon ' + (tone ?? 'grey')}>{children}</span>
      <span className="call-ctl-label">{label}</span>
    </button>
  );
}

/** The full-screen call layer: incoming, outgoing, in call, and the ending notice. */
export function CallScreen() {
  const t = useT();
  const call = useCall();
  const contacts = useApp((s) => s.contacts);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (call.phase !== 'active') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [call.phase]);
  if (call.phase === 'idle') return null;
  const peer = contacts[call.peer ?? ''];
  const name = peer ? displayName(contacts, peer) : call.peer ?? '';
  const video = call.media === 'video';
  const remoteVideo = video && call.remoteStream && call.remoteStream.getVideoTracks().length > 0;
  let status = '';
  if (call.phase === 'incoming') status = video ? t('call.incomingVideo') : t('call.incomingAudio');
  else if (call.phase === 'outgoing') status = t('call.waiting');
  else if (call.phase === 'connecting') status = t('call.connecting');
  else if (call.phase === 'active') status = duration(Math.max(0, now - (call.startedAt ?? now)) / 1000);
  else if (call.phase === 'ended' && call.endReason) status = t(call.endReason);

  return (
    <div className={'call-screen' + (video ? ' call-video' : '')} data-testid="call-screen" data-phase={call.phase} data-media={call.media}>
      {call.phase === 'active' || call.phase === 'connecting' ? (
        <>
          {remoteVideo ? <Video stream={call.remoteStream} className="call-remote" testId="call-remote-video" /> : <RemoteAudio stream={call.remoteStream} />}
          {video && !call.cameraOff && call.localStream && <Video stream={call.localStream} muted className="call-local" testId="call-local-video" />}
        </>
      ) : (
        video && call.localStream && <Video stream={call.localStream} muted className="call-remote dim" testId="call-local-preview" />
      )}
      <div className="call-top">
        {!(remoteVideo && call.phase === 'active') && <Avatar name={peer?.nickname ?? name} url={peer?.avatar} seed={call.peer ?? ''} size={88} />}
        <div className="call-name" data-testid="call-peer">{name}</div>
        <div className="call-status" data-testid="call-status">{status}</div>
      </div>
      <div className="call-controls">
        {call.phase === 'incoming' && (
          <>
            <Control label={t('call.decline')} tone="red" onClick={declineCall} testId="call-decline">
              <PhoneFill className="rot" />
            </Control>
            <Control label={t('call.accept')} tone="green" onClick={() => void acceptCall()} testId="call-accept">
              {video ? <VideoOutline /> : <PhoneFill />}
            </Control>
          </>
        )}
        {call.phase === 'outgoing' && (
          <Control label={t('call.cancel')} tone="red" onClick={hangUp} testId="call-cancel">
            <PhoneFill className="rot" />
          </Control>
        )}
        {(call.phase === 'active' || call.phase === 'connecting') && (
          <>
            <Control label={call.muted ? t('call.unmute') : t('call.mute')} tone={call.muted ? 'on' : 'grey'} onClick={toggleMute} testId="call-mute">
              {call.muted ? <AudioMutedOutline /> : <AudioOutline />}
            </Control>
            <Control label={t('call.hangup')} tone="red" onClick={hangUp} testId="call-hangup">
              <PhoneFill className="rot" />
            </Control>
            {video && (
              <Control label={call.cameraOff ? t('call.cameraOn') : t('call.cameraOff')} tone={call.cameraOff ? 'on' : 'grey'} onClick={toggleCamera} testId="call-camera">
                <VideoOutline />
              </Control>
            )}
            {video && (
              <Control label={t('call.toAudio')} onClick={switchToAudio} testId="call-to-audio">
                <PhoneFill />
              </Control>
            )}
          </>
        )}
        {call.phase === 'ended' && (
          <Control label={t('call.ended')} onClick={hangUp} testId="call-close">
            <CloseOutline />
          </Control>
        )}
      </div>
    </div>
  );
}
