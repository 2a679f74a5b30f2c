import { useEffect, useState } from 'react';
import { Button, Checkbox, Input, List, Toast } from 'antd-mobile';
import { useApp } from '../store/app';
import { displayName } from '../store/chatReducer';
import { addMembers, createGroup, fetchGroup } from '../store/groups';
import { back, navigate } from '../router';
import { useT } from '../i18n';
import { PageHeader } from '../components/PageHeader';
import { Avatar } from '../components/Avatar';
import { groupByInitial } from '../util/pinyin';

/** Pick contacts: a new group (at least 2 plus me), or more members for an existing group. */
export function GroupCreatePage({ groupId }: { groupId: string | null }) {
  const t = useT();
  const contacts = useApp((s) => s.contacts);
  const me = useApp((s) => s.me);
  const existing = useApp((s) => (groupId ? s.conversations['g_' + groupId]?.group : null));
  const members = new Set(existing?.members.map((u) => u.phone) ?? []);
  // a list's group summary holds only the first members: who is in already comes from the full group
  useEffect(() => {
    if (groupId) fetchGroup(groupId).catch(() => {});
  }, [groupId]);
  const [picked, setPicked] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const grouped = groupByInitial(Object.values(contacts), (c) => displayName(contacts, c));
  const enough = groupId ? picked.length >= 1 : picked.length >= 2;

  async function done() {
    if (!enough) {
      Toast.show({ content: t('group.needTwo') });
      return;
    }
    setBusy(true);
    try {
      if (groupId) {
        await addMembers(groupId, picked);
        back(`/chat/g_${groupId}/info`);
      } else {
        const names = [me?.nickname ?? '', ...picked.map((p) => contacts[p]?.nickname ?? p)];
        const groupName = name.trim() || names.join('、').slice(0, 32) || t('group.defaultName');
        const id = await createGroup(groupName, picked);
        navigate('/chat/' + encodeURIComponent(id), { replace: true });
      }
    } catch (e) {
      Toast.show({ content: t('common.error', { msg: (e as Error).message }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" data-testid="group-create-page">
      <PageHeader
        title={groupId ? t('group.add') : t('group.create')}
        parent={groupId ? `/chat/g_${groupId}/info` : '/contacts'}
        right={
          <Button size="mini" color="primary" data-testid="group-create-done" disabled={!enough} loading={busy} onClick={() => void done()}>
            {t('group.createDone', { n: picked.length })}
          </Button>
        }
      />
      <div className="page-body">
        {!groupId && (
          <div className="inline-edit">
            <Input data-testid="group-name-input" value={name} onChange={setName} maxLength={32} placeholder={t('group.name')} className="boxed-input" />
          </div>
        )}
        <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])}>
          {grouped.map((g) => (
            <List header={g.letter} key={g.letter}>
              {g.items.map((c) => (
                <List.Item
                  key={c.phone}
                  data-testid={`pick-${c.phone}`}
                  prefix={<Checkbox value={c.phone} disabled={members.has(c.phone)} onClick={(e) => e.stopPropagation()} />}
                  arrow={false}
                  onClick={() => {
                    if (members.has(c.phone)) return;
                    setPicked((p) => (p.includes(c.phone) ? p.filter((x) => x !== c.phone) : [...p, c.phone]));
                  }}
                >
                  <span className="pick-row">
                    <Avatar name={c.nickname} url={c.avatar} seed={c.phone} size={32} />
                    {displayName(contacts, c)}
                  </span>
                </List.Item>
              ))}
            </List>
          ))}
        </Checkbox.Group>
      </div>
    </div>
  );
}
