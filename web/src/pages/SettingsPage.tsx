import { Button, Dialog, List, Radio } from 'antd-mobile';
import { logout } from '../store/session';
import { useLang, useT, type Lang } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { NotificationSwitch } from '../components/NotificationSwitch';

/** 设置: notifications, language and logout. */
export function SettingsPage() {
  const t = useT();
  const { lang, setLang } = useLang();
  async function onLogout() {
    const ok = await Dialog.confirm({ content: t('me.logoutConfirm'), confirmText: <span data-testid="confirm-ok">{t('me.logout')}</span>, cancelText: t('common.cancel') });
    if (ok) await logout();
  }
  return (
    <div className="page" data-testid="settings-page">
      <PageHeader title={t('me.settings')} parent="/me" />
      <div className="page-body">
        <NotificationSwitch />
        <Radio.Group value={lang} onChange={(v) => setLang(v as Lang)}>
          <List header={t('me.language')}>
            {(['zh-CN', 'en'] as Lang[]).map((l) => (
              <List.Item key={l} data-testid={`lang-${l}`}>
                <Radio value={l} block className="lang-radio">
                  {t(`lang.${l}` as 'lang.en')}
                </Radio>
              </List.Item>
            ))}
          </List>
        </Radio.Group>
        <div className="contact-actions">
          <Button block color="danger" data-testid="logout" onClick={() => void onLogout()}>
            {t('me.logout')}
          </Button>
        </div>
      </div>
    </div>
  );
}
