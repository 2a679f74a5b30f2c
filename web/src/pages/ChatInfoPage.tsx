import { useEffect, useState } from 'react';
import { Button, Dialog, Input, List, Toast } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useApp } from '../store/app';
import { displayName } from '../store/chatReducer';
import { fetchGroup, leaveGroup, removeMember, renameGroup } from '../store/groups';
import { navigate } from '../router';
import { useT } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { Avatar } from '../components/Avatar';
import { memberCountOf } from '../api/types';
import { ListLink } from '../components/ListLink';
import { ChatSettings } from '../components/ChatSettings';

/** Group info: members (add, remove when owner), rename, leave. */
export function ChatInfoPage({ conversationId }: { conversationId: string }) {
  const t = useT();
  const conv = useApp((s) => s.conversations[conversationId]);
  const contacts = useApp((s) => s.contacts);
  const me = useApp((s) => s.me);
  const group = conv?.group;
  const groupId = group?.id ?? conversationId.replace(/^g_/, '');
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState('');

  useEffect(() => {
    fetchGroup(groupId).catch(() => {});
  }, [groupId]);

  if (!conv || conv.type !== 'group' || !group) {
    return (
      <div className="page">
        <PageHeader title={t('group.info')} parent={'/chat/' + conversationId} />
        <div className="empty">{conv ? '' : t('group.left')}</div>
      </div>
    );
  }
  const isOwner = group.owner === me?.phone;

  async function rename() {
    const value = name.trim();
    if (!value) return;
    try {
      await renameGroup(group!.id, value.slice(0, 32));
      setRenaming(false);
    } catch (e) {
      Toast.show({ content: t('common.error', { msg: (e as Error).message }) });
    }
  }

  async function kick(phone: string, nick: string) {
    const ok = await Dialog.confirm({ content: `${t('group.remove')} ${nick}?`, confirmText: <span data-testid="confirm-ok">{t('common.ok')}</span>, cancelText: t('common.cancel') });
    if (!ok) return;
    try {
      await removeMember(group!.id, phone);
    } catch (e) {
      Toast.show({ content: t('common.error', { msg: (e as Error).message }) });
    }
  }

  async function leave() {
    const ok = await Dialog.confirm({ content: t('group.leaveConfirm'), confirmText: <span data-testid="confirm-ok" className="danger">{t('group.leave')}</span>, cancelText: t('common.cancel') });
    if (!ok) return;
    try {
      await leaveGroup(group!.id);
      navigate('/chats', { replace: true });
    } catch (e) {
      Toast.show({ content: t('common.error', { msg: (e as Error).message }) });
    }
  }

  return (
    <div className="page" data-testid="group-info-page">
      <PageHeader title={`${t('group.info')}(${memberCountOf(group)})`} parent={'/chat/' + encodeURIComponent(conversationId)} />
      <div className="page-body">
        <div className="card member-grid" data-testid="group-members">
          {group.members.map((u) => (
            <div key={u.phone} className="member" data-testid={`member-${u.phone}`}>
              <Avatar name={u.nickname} url={u.avatar} seed={u.phone} size={48} />
              <div className="member-name">{u.phone === me?.phone ? me.nickname : displayName(contacts, u)}</div>
              {u.phone === group.owner && <div className="member-tag">{t('group.owner')}</div>}
              {isOwner && u.phone !== me?.phone && (
                <button type="button" className="plain-btn member-remove" data-testid={`member-remove-${u.phone}`} onClick={() => void kick(u.phone, u.nickname)}>
                  {t('group.remove')}
                </button>
              )}
            </div>
          ))}
          <a className="member" data-testid="group-add-member" href={`/groups/${group.id}/add`} onClick={(e) => { e.preventDefault(); navigate(`/groups/${group.id}/add`); }}>
            <div className="member-add" aria-hidden="true"><AddOutline /></div>
            <div className="member-name">{t('group.add')}</div>
          </a>
        </div>
        <List>
          <ListLink
            data-testid="group-rename"
            extra={<span data-testid="group-name">{group.name}</span>}
            onClick={() => {
              setName(group.name);
              setRenaming(true);
            }}
          >
            {t('group.name')}
          </ListLink>
          {renaming && (
            <div className="inline-edit">
              <Input data-testid="group-rename-input" autoFocus value={name} onChange={setName} maxLength={32} className="boxed-input" />
              <Button size="small" color="primary" data-testid="group-rename-save" onClick={() => void rename()}>
                {t('common.save')}
              </Button>
              <Button size="small" onClick={() => setRenaming(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          )}
        </List>
        <ChatSettings conversationId={conversationId} />
        <div className="contact-actions">
          <Button block color="danger" fill="none" data-testid="group-leave" onClick={() => void leave()}>
            {t('group.leave')}
          </Button>
        </div>
      </div>
    </div>
  );
}
