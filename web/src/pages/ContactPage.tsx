import { useEffect, useState } from 'react';
import { ActionSheet, Button, Dialog, Input, List, Toast } from 'antd-mobile';
import { MoreOutline } from 'antd-mobile-icons';
import { IconButton } from '../components/IconButton';
import { useApp } from '../store/app';
import { deleteContact, sendRequest, setRemark } from '../store/contacts';
import { directConversationId, refreshConversations } from '../store/conversations';
import { fetchUser } from '../store/profile';
import { back, goTo } from '../router';
import { useLang, useT } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { Avatar } from '../components/Avatar';
import { startCall } from '../calls/callManager';
import { listTime } from '../util/time';
import type { User } from '../api/types';
import { ListLink } from '../components/ListLink';
import { ChatSettings } from '../components/ChatSettings';

/** A contact's page: remark, their moments, message, voice and video call, delete. A stranger can be added. */
export function ContactPage({ phone }: { phone: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const contact = useApp((s) => s.contacts[phone]);
  const contactsLoaded = useApp((s) => s.contactsLoaded);
  const me = useApp((s) => s.me);
  const [stranger, setStranger] = useState<User | null>(null);
  const [editing, setEditing] = useState(false);
  const [remark, setRemarkText] = useState('');

  useEffect(() => {
    if (!contact && contactsLoaded) fetchUser(phone).then(setStranger).catch(() => setStranger(null));
  }, [contact, contactsLoaded, phone]);

  const user: (User & { remark?: string; online?: boolean; lastSeen?: number | null }) | null = contact ?? stranger;
  if (!user) {
    return (
      <div className="page">
        <PageHeader title="" parent="/contacts" />
      </div>
    );
  }

  async function saveRemark() {
    try {
      await setRemark(phone, remark.trim().slice(0, 64));
      setEditing(false);
    } catch (e) {
      Toast.show({ content: t('common.error', { msg: (e as Error).message }) });
    }
  }

  async function remove() {
    const ok = await Dialog.confirm({
      content: t('contact.deleteConfirm', { name: contact?.remark || user!.nickname }),
      confirmText: <span data-testid="confirm-ok" className="danger">{t('contact.delete')}</span>,
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await deleteContact(phone);
      void refreshConversations();
      back('/contacts');
    } catch (e) {
      Toast.show({ content: t('common.error', { msg: (e as Error).message }) });
    }
  }

  async function openChat() {
    const id = directConversationId(phone);
    if (!useApp.getState().conversations[id]) await refreshConversations();
    goTo('/chat/' + encodeURIComponent(id));
  }

  const name = contact?.remark || user.nickname;
  return (
    <div className="page" data-testid="contact-page">
      <PageHeader
        title=""
        parent="/contacts"
        right={
          contact && (
            <IconButton
              label={t('msg.more')}
              testId="contact-more"
              onClick={() => {
                // deleting sits behind ··· and a confirmation, as in WeChat
                const sheet = ActionSheet.show({
                  actions: [{ key: 'delete', text: <span data-testid="contact-delete">{t('contact.delete')}</span>, danger: true }],
                  cancelText: t('common.cancel'),
                  onAction: () => {
                    sheet.close();
                    void remove();
                  },
                });
              }}
            >
              <MoreOutline fontSize={22} />
            </IconButton>
          )
        }
      />
      <div className="page-body">
        <div className="card profile-card">
          <div className="profile-head">
            <Avatar name={user.nickname} url={user.avatar} seed={user.phone} size={64} />
            <div>
              <div className="profile-name" data-testid="contact-name">
                {name}
                {contact?.online && <span className="online-dot" title={t('contacts.online')} data-testid="contact-online" />}
              </div>
              {contact?.remark && <div className="profile-sub">{t('auth.nickname')}: {user.nickname}</div>}
              <div className="profile-sub">{t('me.phone')}: {user.phone}</div>
              {contact && !contact.online && contact.lastSeen && (
                <div className="profile-sub">{t('contact.lastSeen', { t: listTime(contact.lastSeen, lang) })}</div>
              )}
            </div>
          </div>
        </div>
        {contact && (
          <List>
            <ListLink
              data-testid="contact-remark"
              onClick={() => {
                setRemarkText(contact.remark);
                setEditing(true);
              }}
              extra={contact.remark || ''}
            >
              {t('contact.remark')}
            </ListLink>
            {editing && (
              <div className="inline-edit">
                <Input data-testid="contact-remark-input" autoFocus value={remark} onChange={setRemarkText} maxLength={64} placeholder={t('contact.remarkPlaceholder')} className="boxed-input" />
                <Button size="small" color="primary" data-testid="contact-remark-save" onClick={() => void saveRemark()}>
                  {t('common.save')}
                </Button>
                <Button size="small" onClick={() => setEditing(false)}>
                  {t('common.cancel')}
                </Button>
              </div>
            )}
            <List.Item extra={user.signature || ''}>{t('contact.signature')}</List.Item>
          </List>
        )}
        {(contact || user.phone === me?.phone) && (
          <List>
            <ListLink href={`/moments/user/${user.phone}`} data-testid="contact-album" onClick={() => goTo(`/moments/user/${user.phone}`)}>
              {t('discover.moments')}
            </ListLink>
          </List>
        )}
        {contact && <ChatSettings conversationId={directConversationId(phone)} />}
        {contact ? (
          <div className="contact-actions">
            <Button block data-testid="contact-message" onClick={() => void openChat()}>
              {t('contact.send')}
            </Button>
            <Button block data-testid="contact-voice" onClick={() => void startCall(phone, 'audio')}>
              {t('contact.voice')}
            </Button>
            <Button block data-testid="contact-video" onClick={() => void startCall(phone, 'video')}>
              {t('contact.video')}
            </Button>
          </div>
        ) : (
          user.phone !== me?.phone && (
            <div className="contact-actions">
              <Button
                block
                color="primary"
                data-testid="contact-add"
                onClick={() =>
                  sendRequest(user.phone, me ? t('add.greetingDefault', { name: me.nickname }) : '')
                    .then(() => void Toast.show({ content: t('add.sent') }))
                    .catch((e) => void Toast.show({ content: t('common.error', { msg: (e as Error).message }) }))
                }
              >
                {t('contact.addToContacts')}
              </Button>
            </div>
          )
        )}
      </div>
    </div>
  );
}
