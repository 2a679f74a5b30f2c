import { Toast } from 'antd-mobile';
import type { Message, User } from '../api/types';
import { useApp } from '../store/app';
import { conversationTitle, displayName, sortedConversations } from '../store/chatReducer';
import { forward } from '../store/sending';
import { useT } from '../i18n';
import { Avatar } from './Avatar';
import PickerSheet from './PickerSheet';
import { MENTION_ALL } from './mentionAll';

/** 转发: pick one or more chats (with search) and send the messages there. Loaded when first used. */
export function ForwardPicker({ messages, onClose }: { messages: Message[]; onClose: (sent: boolean) => void }) {
  const t = useT();
  const state = useApp();
  const items = sortedConversations(state).map((c) => {
    const name = conversationTitle(state, c);
    const avatar = c.type === 'group' ? <Avatar name={name} size={36} group={c.group?.members.map((u) => u.nickname) ?? [name]} /> : <Avatar name={name} size={36} url={c.peer?.avatar} seed={c.peer?.phone} />;
    return { key: c.id, name, avatar };
  });
  async function send(ids: string[]) {
    onClose(true);
    try {
      await forward(messages, ids);
      Toast.show({ content: t('forward.sent') });
    } catch {
      Toast.show({ content: t('common.networkError') });
    }
  }
  return (
    <PickerSheet
      testId="forward-picker"
      title={t('forward.title')}
      items={items}
      multiple
      confirmText={(n) => t('forward.send', { n })}
      onPick={(ids) => void send(ids)}
      onClose={() => onClose(false)}
    />
  );
}


/** @: pick a member to mention (search by name or pinyin initials); the owner may pick 所有人. */
export function MentionPicker({ members, everyone, onPick, onClose }: { members: User[]; everyone: boolean; onPick: (key: string, name: string) => void; onClose: () => void }) {
  const t = useT();
  const contacts = useApp((s) => s.contacts);
  const items = members.map((u) => ({ key: u.phone, name: displayName(contacts, u), avatar: <Avatar name={u.nickname} size={36} url={u.avatar} seed={u.phone} /> }));
  if (everyone) items.unshift({ key: MENTION_ALL, name: t('mention.all'), avatar: <Avatar name={t('mention.all')} size={36} seed="all" /> });
  return (
    <PickerSheet
      testId="mention-picker"
      title={t('mention.title')}
      items={items}
      onPick={([key]) => onPick(key, items.find((i) => i.key === key)?.name ?? key)}
      onClose={onClose}
    />
  );
}
