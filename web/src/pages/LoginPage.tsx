import { useState, type FormEvent } from 'react';
import { Button, Input } from 'antd-mobile';
import { useT, useLang } from '../i18n';
import { navigate } from '../router';
import { login, register } from '../store/session';
import { ApiError } from '../api/errors';

/** Phone + password login, or registration with a nickname. */
export function LoginPage({ mode }: { mode: 'login' | 'register' }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const isRegister = mode === 'register';

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setError('');
    if (!/^[0-9]{5,20}$/.test(phone)) return setError(t('auth.badPhone'));
    if (isRegister && (password.length < 8 || password.length > 128)) return setError(t('auth.badPassword'));
    if (!password) return setError(t('auth.badPassword'));
    if (isRegister && (nickname.trim().length < 1 || [...nickname].length > 32)) return setError(t('auth.badNickname'));
    setBusy(true);
    try {
      if (isRegister) await register(phone, password, nickname.trim());
      else await login(phone, password);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'NETWORK';
      if (code === 'UNAUTHENTICATED') setError(t('auth.wrong'));
      else if (code === 'CONFLICT') setError(t('auth.exists'));
      else if (code === 'RATE_LIMITED') setError(t('auth.locked', { n: (err as ApiError).retryAfter ?? 60 }));
      else if (code === 'NETWORK') setError(t('common.networkError'));
      else setError(t('common.error', { msg: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page" data-testid={isRegister ? 'register-page' : 'login-page'}>
      <div className="login-lang">
        <button type="button" className="link-btn" data-testid="login-lang" lang={lang === 'en' ? 'zh-CN' : 'en'} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
          {lang === 'en' ? '简体中文' : 'English'}
        </button>
      </div>
      <div className="login-logo">
        <img src="/favicon.svg" alt="" width={72} height={72} />
        <h1>{isRegister ? t('auth.register') : t('auth.welcome')}</h1>
      </div>
      <form className="login-form" onSubmit={(e) => void submit(e)}>
        <label className="login-row">
          <span>{t('auth.phone')}</span>
          <Input data-testid="login-phone" type="tel" inputMode="numeric" autoComplete="username" placeholder={t('auth.phonePlaceholder')} value={phone} onChange={setPhone} clearable />
        </label>
        {isRegister && (
          <label className="login-row">
            <span>{t('auth.nickname')}</span>
            <Input data-testid="login-nickname" placeholder={t('auth.nicknamePlaceholder')} value={nickname} onChange={setNickname} maxLength={32} clearable />
          </label>
        )}
        <label className="login-row">
          <span>{t('auth.password')}</span>
          <Input data-testid="login-password" type="password" autoComplete={isRegister ? 'new-password' : 'current-password'} placeholder={t('auth.passwordPlaceholder')} value={password} onChange={setPassword} onEnterPress={() => void submit()} />
        </label>
        {error && <div className="login-error" data-testid="login-error">{error}</div>}
        <Button data-testid="login-submit" block color="primary" size="large" type="submit" loading={busy} className="login-submit">
          {isRegister ? t('auth.register') : t('auth.login')}
        </Button>
      </form>
      <div className="login-switch">
        <a
          href={isRegister ? '/login' : '/register'}
          data-testid="login-switch"
          onClick={(e) => {
            e.preventDefault();
            navigate(isRegister ? '/login' : '/register', { replace: true });
          }}
        >
          {isRegister ? t('auth.toLogin') : t('auth.toRegister')}
        </a>
      </div>
    </div>
  );
}
