import { ActionSheet, Dialog, Toast } from 'antd-mobile';
import type { Message } from '../api/types';
import type { MessageKey, T } from '../i18n';
import { ApiError } from '../api/errors';
import { forwardable } from '../store/sending';
import { recall } from '../store/messages';
import { useDeviceMarks } from '../store/deviceMarks';

/** How long after sending one may recall a message (the server's rule too). */
export const RECALL_WINDOW_MS = 120_000;

export interface MenuHandlers {
  t: T;
  me: string | undefined;
  onQuote: (m: Message) => void;
  onForward: (messages: Message[]) => void;
  onSelect: (m: Message) => void;
}

type Action = 'copy' | 'forward' | 'quote' | 'recall' | 'delete' | 'select';
const LABELS: Record<Action, MessageKey> = {
  copy: 'msg.copy',
  forward: 'menu.forward',
  quote: 'menu.quote',
  recall: 'msg.recall',
  delete: 'menu.delete',
  select: 'menu.select',
};

/** What the menu offers for a message: recall only for one's own, within two minutes. */
export function menuActions(m: Message, me: string | undefined, now: number): Action[] {
  if (m.recalled || m.kind === 'system') return [];
  const actions: Action[] = [];
  if (m.kind === 'text') actions.push('copy');
  if (forwardable(m)) actions.push('forward');
  if (m.kind !== 'call') actions.push('quote');
  if (m.from === me && m.kind !== 'call' && now - m.createdAt <= RECALL_WINDOW_MS) actions.push('recall');
  actions.push('delete');
  if (forwardable(m)) actions.push('select');
  return actions;
}

/** The long-press / right-click menu of a message (复制 转发 引用 撤回 删除 多选). */
export function openMessageMenu(m: Message, h: MenuHandlers): void {
  const { t } = h;
  const actions = menuActions(m, h.me, Date.now());
  if (!actions.length) return;
  const handler = ActionSheet.show({
    actions: actions.map((key) => ({ key, text: <span data-testid={`menu-${key}`}>{t(LABELS[key])}</span> })),
    cancelText: t('common.cancel'),
    onAction: (a) => {
      handler.close();
      void run(a.key as Action, m, h);
    },
  });
}

async function run(action: Action, m: Message, h: MenuHandlers): Promise<void> {
  const { t } = h;
  switch (action) {
    case 'copy':
      await navigator.clipboard?.writeText(m.content?.text ?? '').catch(() => {});
      Toast.show({ content: t('msg.copied') });
      return;
    case 'forward':
      return h.onForward([m]);
    case 'quote':
      return h.onQuote(m);
    case 'select':
      return h.onSelect(m);
    case 'delete': {
      const ok = await Dialog.confirm({ content: t('msg.deleteConfirm'), confirmText: <span data-testid="confirm-ok" className="danger">{t('menu.delete')}</span>, cancelText: t('common.cancel') });
      if (ok) useDeviceMarks.getState().hide([m.id]);
      return;
    }
    case 'recall':
      if (Date.now() - m.createdAt > RECALL_WINDOW_MS) {
        Toast.show({ content: t('msg.recallTooLate') });
        return;
      }
      try {
        await recall(m);
      } catch (e) {
        Toast.show({ content: e instanceof ApiError && e.code === 'FORBIDDEN' ? t('msg.recallTooLate') : t('common.networkError') });
      }
  }
}
