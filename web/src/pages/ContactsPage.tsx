import { Badge, IndexBar, List } from 'antd-mobile';
import { UserAddOutline, TeamOutline, AddOutline } from 'antd-mobile-icons';
import { useApp } from '../store/app';
import { displayName, pendingRequestCount, sortedConversations } from '../store/chatReducer';
import { groupByInitial } from '../util/pinyin';
import { navigate } from '../router';
import { useT } from '../i18n';
import { TitleBar } from '../components/TitleBar';
import { Avatar } from '../components/Avatar';
import { ListLink } from '../components/ListLink';

/** 通讯录: new friends, group chats, then contacts A–Z by pinyin with a side index. */
export function ContactsPage() {
  const t = useT();
  const contacts = useApp((s) => s.contacts);
  const requests = useApp((s) => pendingRequestCount(s));
  const conversations = useApp((s) => s.conversations);
  const groups = sortedConversations({ conversations }).filter((c) => c.type === 'group');
  const all = Object.values(contacts);
  const grouped = groupByInitial(all, (c) => displayName(contacts, c));
  return (
    <div className="page" data-testid="contacts-page">
      <div className="page-header">
        <TitleBar right={
            <button type="button" className="icon-btn" aria-label={t('contacts.addFriend')} title={t('contacts.addFriend')} data-testid="contacts-add" onClick={() => navigate('/contacts/add')}>
              <UserAddOutline fontSize={22} />
            </button>
          }>
          {t('tab.contacts')}
        </TitleBar>
      </div>
      <div className="page-body contacts-body">
        <List className="contacts-top">
          <ListLink href="/contacts/new"
            data-testid="contacts-new-friends"
            prefix={<div className="icon-tile orange"><UserAddOutline /></div>}
            extra={requests > 0 ? <Badge content={requests} data-testid="new-friends-badge" /> : null}
            onClick={() => navigate('/contacts/new')}
            arrow={false}
          >
            {t('contacts.newFriends')}
          </ListLink>
          <ListLink href="/groups/new" data-testid="contacts-new-group" prefix={<div className="icon-tile green"><AddOutline /></div>} onClick={() => navigate('/groups/new')} arrow={false}>
            {t('contacts.newGroup')}
          </ListLink>
          {groups.map((g) => (
            <ListLink href={'/chat/' + encodeURIComponent(g.id)}
              key={g.id}
              data-testid={`contacts-group-${g.id}`}
              prefix={<div className="icon-tile blue"><TeamOutline /></div>}
              onClick={() => navigate('/chat/' + encodeURIComponent(g.id))}
              arrow={false}
            >
              {g.group?.name}
            </ListLink>
          ))}
        </List>
        {all.length === 0 ? (
          <div className="empty">{t('contacts.empty')}</div>
        ) : (
          <IndexBar className="contacts-index" sticky>
            {grouped.map((g, gi) => (
              <IndexBar.Panel index={g.letter} title={g.letter} key={g.letter}>
                <List>
                  {g.items.map((c) => (
                    <ListLink href={'/contact/' + c.phone}
                      key={c.phone}
                      data-testid={`contact-row-${c.phone}`}
                      prefix={<Avatar name={c.nickname} url={c.avatar} seed={c.phone} size={36} />}
                      onClick={() => navigate('/contact/' + c.phone)}
                      arrow={false}
                    >
                      {displayName(contacts, c)}
                    </ListLink>
                  ))}
                </List>
                {gi === grouped.length - 1 && <div className="contacts-count">{t('contacts.count', { n: all.length })}</div>}
              </IndexBar.Panel>
            ))}
          </IndexBar>
        )}
      </div>
    </div>
  );
}
