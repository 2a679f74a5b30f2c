import { useEffect, useState } from 'react';
import { Button, List, Toast } from 'antd-mobile';
import { useApp } from '../store/app';
import { acceptRequest, declineRequest, loadRequests } from '../store/contacts';
import { navigate } from '../router';
import { useT } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { Avatar } from '../components/Avatar';
import type { ContactRequest } from '../api/types';

/** 新的朋友: incoming requests with accept / decline, then the ones I sent. */
export function NewFriendsPage() {
  const t = useT();
  const incoming = useApp((s) => s.incoming);
  const outgoing = useApp((s) => s.outgoingRequests);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    loadRequests().catch(() => {});
  }, []);

  async function act(r: ContactRequest, accept: boolean) {
    setBusy(r.id);
    try {
      if (accept) await acceptRequest(r.id);
      else await declineRequest(r.id);
    } catch (e) {
      Toast.show({ content: t('common.error', { msg: (e as Error).message }) });
    } finally {
      setBusy(null);
    }
  }

  function status(r: ContactRequest) {
    if (r.status === 'accepted') return <span className="req-status" data-testid="request-status">{t('friends.accepted')}</span>;
    if (r.status === 'declined') return <span className="req-status" data-testid="request-status">{t('friends.declined')}</span>;
    return null;
  }

  return (
    <div className="page" data-testid="new-friends-page">
      <PageHeader title={t('contacts.newFriends')} parent="/contacts" right={<a data-testid="new-friends-add" href="/contacts/add" onClick={(e) => { e.preventDefault(); navigate('/contacts/add'); }}>{t('contacts.addFriend')}</a>} />
      <div className="page-body">
        {incoming.length === 0 && outgoing.length === 0 && <div className="empty">{t('friends.empty')}</div>}
        {incoming.length > 0 && (
          <List>
            {incoming.map((r) => (
              <List.Item
                key={r.id}
                data-testid={`request-${r.from}`}
                prefix={<Avatar name={r.fromUser.nickname} url={r.fromUser.avatar} seed={r.from} size={40} />}
                description={r.greeting || r.from}
                extra={
                  r.status === 'pending' ? (
                    <div className="req-actions">
                      <Button size="mini" data-testid="request-decline" loading={busy === r.id} onClick={() => void act(r, false)}>
                        {t('friends.decline')}
                      </Button>
                      <Button size="mini" color="primary" data-testid="request-accept" loading={busy === r.id} onClick={() => void act(r, true)}>
                        {t('friends.accept')}
                      </Button>
                    </div>
                  ) : (
                    status(r)
                  )
                }
                onClick={r.status === 'accepted' ? () => navigate('/contact/' + r.from) : undefined}
                arrow={false}
              >
                {r.fromUser.nickname}
              </List.Item>
            ))}
          </List>
        )}
        {outgoing.length > 0 && (
          <List header={t('friends.sent')}>
            {outgoing.map((r) => (
              <List.Item
                key={r.id}
                data-testid={`outgoing-${r.to}`}
                prefix={<Avatar name={r.toUser.nickname} url={r.toUser.avatar} seed={r.to} size={40} />}
                description={r.greeting || r.to}
                extra={r.status === 'pending' ? <span className="req-status">{t('friends.waiting')}</span> : status(r)}
                arrow={false}
              >
                {r.toUser.nickname}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </div>
  );
}
