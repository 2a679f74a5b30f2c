import { List, Switch, Toast } from 'antd-mobile';
import { useApp } from '../store/app';
import { updateConversationSettings } from '../store/conversations';
import { useT } from '../i18n';

/** 置顶聊天 and 消息免打扰 of one conversation (the user's own settings), on its info page. */
export function ChatSettings({ conversationId }: { conversationId: string }) {
  const t = useT();
  const conv = useApp((s) => s.conversations[conversationId]);
  if (!conv) return null;
  const set = async (patch: { pinned?: boolean; muted?: boolean }) => {
    await updateConversationSettings(conversationId, patch).catch(() => void Toast.show({ content: t('common.networkError') }));
  };
  return (
    <List className="chat-settings">
      <List.Item extra={<Switch data-testid="setting-pinned" checked={!!conv.pinned} onChange={(pinned) => set({ pinned })} aria-label={t('chats.pinned')} />}>{t('chats.pinned')}</List.Item>
      <List.Item extra={<Switch data-testid="setting-muted" checked={!!conv.muted} onChange={(muted) => set({ muted })} aria-label={t('chats.muted')} />}>{t('chats.muted')}</List.Item>
    </List>
  );
}
