import { useEffect, useState, type ReactNode } from 'react';
import { Button, Popup, SearchBar } from 'antd-mobile';
import { CheckOutline } from 'antd-mobile-icons';
import { loadInitials, matches } from '../util/search';
import { useT } from '../i18n';

export interface PickerItem {
  key: string;
  name: string;
  avatar: ReactNode;
}

interface Props {
  title: string;
  items: PickerItem[];
  /** several at once, with a confirm button; else a tap picks one */
  multiple?: boolean;
  confirmText?: (n: number) => string;
  onPick: (keys: string[]) => void;
  onClose: () => void;
  testId: string;
}

/**
 * A bottom sheet that picks chats or people, with a search by name or pinyin initials (the chat
 * list's search). Used by 转发 (several chats) and by @ (one member). Loaded with them, lazily.
 */
export default function PickerSheet({ title, items, multiple, confirmText, onPick, onClose, testId }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [, setInitialsReady] = useState(false);
  const shown = items.filter((i) => matches(i.name, query));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  function tap(key: string) {
    if (!multiple) return onPick([key]);
    setPicked((old) => (old.includes(key) ? old.filter((k) => k !== key) : [...old, key]));
  }

  return (
    <Popup visible onMaskClick={onClose} onClose={onClose} bodyClassName="picker-sheet" destroyOnClose>
      <div data-testid={testId} role="dialog" aria-label={title}>
        <div className="picker-head">
          <button type="button" className="plain-btn picker-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <span className="picker-title">{title}</span>
          {multiple ? (
            <Button size="small" color="primary" disabled={!picked.length} data-testid={`${testId}-done`} onClick={() => onPick(picked)}>
              {confirmText?.(picked.length) ?? t('common.ok')}
            </Button>
          ) : (
            <span />
          )}
        </div>
        <SearchBar
          data-testid={`${testId}-search`}
          placeholder={t('chats.search')}
          aria-label={t('chats.search')}
          value={query}
          onChange={setQuery}
          onFocus={() => void loadInitials().then(() => setInitialsReady(true))}
        />
        <div className="picker-list">
          {shown.map((i) => (
            <button
              type="button"
              key={i.key}
              className="plain-btn picker-row"
              data-testid={`${testId}-${i.key}`}
              aria-pressed={multiple ? picked.includes(i.key) : undefined}
              onClick={() => tap(i.key)}
            >
              {multiple && <span className={'picker-check' + (picked.includes(i.key) ? ' picker-check-on' : '')} aria-hidden="true">{picked.includes(i.key) && <CheckOutline />}</span>}
              {i.avatar}
              <span className="picker-name">{i.name}</span>
            </button>
          ))}
          {!shown.length && <div className="empty">{t('chats.noMatch')}</div>}
        </div>
      </div>
    </Popup>
  );
}
