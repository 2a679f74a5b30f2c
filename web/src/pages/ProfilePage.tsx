import { useRef, useState } from 'react';
import { Button, Input, List, Toast } from 'antd-mobile';
import { useApp } from '../store/app';
import { updateMe } from '../store/profile';
import { uploadMedia } from '../store/media';
import { useT } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { Avatar } from '../components/Avatar';
import { ListLink } from '../components/ListLink';

/** 个人信息: avatar upload, nickname, signature. */
export function ProfilePage() {
  const t = useT();
  const me = useApp((s) => s.me);
  const [editing, setEditing] = useState<'nickname' | 'signature' | null>(null);
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  if (!me) return null;

  async function save() {
    const v = value.trim();
    try {
      if (editing === 'nickname') {
        if (!v) return;
        await updateMe({ nickname: v.slice(0, 32) });
      } else {
        await updateMe({ signature: v.slice(0, 64) });
      }
      setEditing(null);
      Toast.show({ content: t('me.saved') });
    } catch (e) {
      Toast.show({ content: t('common.error', { msg: (e as Error).message }) });
    }
  }

  async function onAvatar(file: File | undefined) {
    if (!file) return;
    try {
      const { url } = await uploadMedia(file);
      await updateMe({ avatar: url });
      Toast.show({ content: t('me.saved') });
    } catch {
      Toast.show({ content: t('msg.uploadFailed') });
    }
  }

  function edit(field: 'nickname' | 'signature') {
    setValue(field === 'nickname' ? me!.nickname : me!.signature);
    setEditing(field);
  }

  return (
    <div className="page" data-testid="profile-page">
      <PageHeader title={t('me.profile')} parent="/me" />
      <div className="page-body">
        <List>
          <ListLink data-testid="profile-avatar" extra={<Avatar name={me.nickname} url={me.avatar} seed={me.phone} size={48} />} onClick={() => input.current?.click()}>
            {t('me.avatar')}
          </ListLink>
          <ListLink data-testid="profile-nickname" extra={me.nickname} onClick={() => edit('nickname')}>
            {t('me.nickname')}
          </ListLink>
          <List.Item extra={me.phone} arrow={false}>
            {t('me.phone')}
          </List.Item>
          <ListLink data-testid="profile-signature" extra={me.signature || t('me.signatureEmpty')} onClick={() => edit('signature')}>
            {t('me.signature')}
          </ListLink>
        </List>
        {editing && (
          <div className="inline-edit">
            <Input data-testid="profile-input" autoFocus value={value} onChange={setValue} maxLength={editing === 'nickname' ? 32 : 64} className="boxed-input" />
            <Button size="small" color="primary" data-testid="profile-save" onClick={() => void save()}>
              {t('common.save')}
            </Button>
            <Button size="small" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        )}
        <input ref={input} data-testid="avatar-input" type="file" accept="image/*" hidden onChange={(e) => { void onAvatar(e.target.files?.[0]); e.target.value = ''; }} />
      </div>
    </div>
  );
}
