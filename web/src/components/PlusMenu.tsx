import { Popover } from 'antd-mobile';
import { UserAddOutline, TeamOutline } from 'antd-mobile-icons';
import type { ReactElement } from 'react';
import { navigate } from '../router';
import { useT } from '../i18n';

/**
 * The chat list's ⊕ menu (new group, add friend). Popover brings floating-ui along, so the chat
 * list loads it after its first paint (ChatsPage), not before.
 */
export default function PlusMenu({ children }: { children: ReactElement }) {
  const t = useT();
  return (
    <Popover.Menu
      trigger="click"
      placement="bottom-end"
      actions={[
        { key: 'group', icon: <TeamOutline />, text: t('contacts.newGroup') },
        { key: 'add', icon: <UserAddOutline />, text: t('contacts.addFriend') },
      ]}
      onAction={(a) => navigate(a.key === 'group' ? '/groups/new' : '/contacts/add')}
    >
      {children}
    </Popover.Menu>
  );
}
