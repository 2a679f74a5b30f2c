import { useEffect, useState } from 'react';
import { List, Switch, Toast } from 'antd-mobile';
import { http } from '../store/client';
import { useT } from '../i18n';
import { pushState, turnOff, turnOn, type PushState } from '../push/push';
import { ApiError } from '../api/errors';

/** Me → Settings: 新消息通知. Shows what is true: a denied permission reads off, with why. */
export function NotificationSwitch() {
  const t = useT();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void pushState().then((s) => live && setState(s)).catch(() => live && setState('off'));
    return () => {
      live = false;
    };
  }, []);

  async function onChange(on: boolean) {
    setBusy(true);
    try {
      setState(await (on ? turnOn(http) : turnOff(http)));
    } catch (e) {
      const reason = e instanceof ApiError || e instanceof Error ? e.message : String(e);
      Toast.show({ content: t('me.notificationsFailed', { reason }) });
      setState(await pushState().catch(() => 'off' as const));
    } finally {
      setBusy(false);
    }
  }

  const blocked = state === 'denied' || state === 'unsupported';
  const description = state === 'denied' ? t('me.notificationsDenied')
    : state === 'unsupported' ? t('me.notificationsUnsupported') : t('me.notificationsHint');
  return (
    <List header={t('me.notifications')}>
      <List.Item
        data-testid="notifications-item"
        description={<span data-testid="notifications-state" data-state={state ?? 'loading'}>{description}</span>}
        extra={
          <Switch
            data-testid="notifications-switch"
            aria-label={t('me.notifications')}
            checked={state === 'on'}
            disabled={state === null || blocked}
            loading={busy}
            onChange={(on) => void onChange(on)}
          />
        }
      >
        {t('me.notifications')}
      </List.Item>
    </List>
  );
}
