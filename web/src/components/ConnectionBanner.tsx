import { useApp } from '../store/app';
import { useT } from '../i18n';

/** A strip under the title while the socket is down (after it was up once, or offline). */
export function ConnectionBanner() {
  const t = useT();
  const conn = useApp((s) => s.conn);
  const ever = useApp((s) => s.everConnected);
  if (conn === 'ready' || conn === 'idle' || conn === 'closed') return null;
  if (conn === 'connecting' && !ever) return null;
  return (
    <div className="conn-banner" data-testid="reconnecting-banner" role="status">
      <span className="conn-dot">!</span>
      {conn === 'offline' ? t('conn.offline') : t('conn.reconnecting')}
    </div>
  );
}
