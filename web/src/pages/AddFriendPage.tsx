import { useState } from 'react';
import { Button, Input, SearchBar, Toast } from 'antd-mobile';
import { searchUser, sendRequest } from '../store/contacts';
import { useApp } from '../store/app';
import { navigate } from '../router';
import { useT } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { Avatar } from '../components/Avatar';
import { ApiError } from '../api/errors';
import type { User } from '../api/types';

/** 添加朋友: exact phone search, then a request with a greeting. */
export function AddFriendPage() {
  const t = useT();
  const me = useApp((s) => s.me);
  const contacts = useApp((s) => s.contacts);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<User | null | undefined>(undefined);
  const [greeting, setGreeting] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function search(value: string) {
    const phone = value.trim();
    setSent(false);
    if (!/^[0-9]{5,20}$/.test(phone)) {
      setFound(null);
      return;
    }
    try {
      const user = await searchUser(phone);
      setFound(user);
      if (user) setGreeting(me ? t('add.greetingDefault', { name: me.nickname }) : '');
    } catch (e) {
      Toast.show({ content: e instanceof ApiError && e.code === 'RATE_LIMITED' ? t('add.rateLimited') : t('common.networkError') });
    }
  }

  async function send() {
    if (!found) return;
    setBusy(true);
    try {
      await sendRequest(found.phone, greeting.slice(0, 64));
      setSent(true);
      Toast.show({ content: t('add.sent') });
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      Toast.show({ content: code === 'CONFLICT' ? t('add.already') : code === 'INVALID_ARGUMENT' ? t('add.self') : t('common.networkError') });
    } finally {
      setBusy(false);
    }
  }

  const isContact = found && contacts[found.phone];
  const isMe = found && found.phone === me?.phone;
  return (
    <div className="page" data-testid="add-friend-page">
      <PageHeader title={t('contacts.addFriend')} parent="/contacts" />
      <div className="page-body">
        <div className="search-wrap">
          <SearchBar
            data-testid="add-search"
            placeholder={t('add.searchPlaceholder')}
            value={query}
            onChange={setQuery}
            onSearch={(v) => void search(v)}
          />
          <Button size="small" color="primary" data-testid="add-search-go" onClick={() => void search(query)}>
            {t('add.search')}
          </Button>
        </div>
        {found === null && <div className="empty" data-testid="add-not-found">{t('add.notFound')}</div>}
        {found && (
          <div className="card" data-testid="add-result">
            <div className="profile-head">
              <Avatar name={found.nickname} url={found.avatar} seed={found.phone} size={56} />
              <div>
                <div className="profile-name">{found.nickname}</div>
                <div className="profile-sub">{t('me.phone')}: {found.phone}</div>
              </div>
            </div>
            {isMe ? (
              <div className="muted">{t('add.self')}</div>
            ) : isContact ? (
              <Button block color="primary" onClick={() => navigate('/contact/' + found.phone)}>
                {t('contact.send')}
              </Button>
            ) : (
              <>
                <div className="field-label">{t('add.greeting')}</div>
                <Input data-testid="add-greeting" value={greeting} onChange={setGreeting} maxLength={64} className="boxed-input" />
                <Button block color="primary" data-testid="add-send" loading={busy} disabled={sent} onClick={() => void send()}>
                  {sent ? t('add.sent') : t('add.send')}
                </Button>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
