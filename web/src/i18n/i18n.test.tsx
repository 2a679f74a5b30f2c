import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { translate, useLang, useT, LANG_KEY } from './index';
import { zhCN } from './zh-CN';
import { en } from './en';

function Title() {
  const t = useT();
  return <h1>{t('tab.chats')} · {t('contacts.count', { n: 3 })}</h1>;
}

describe('i18n', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [k, v] of Object.entries(en)) expect(v, k).not.toBe('');
  });

  it('fills placeholders', () => {
    expect(translate('zh-CN', 'contacts.count', { n: 5 })).toBe('5位联系人');
    expect(translate('en', 'auth.locked', { n: 30 })).toBe('Too many attempts. Try again in 30 s');
  });

  it('defaults to Chinese and switches the rendered text to English, remembering the choice', () => {
    act(() => useLang.getState().setLang('zh-CN'));
    render(<Title />);
    expect(screen.getByRole('heading').textContent).toBe('微聊 · 3位联系人');
    act(() => useLang.getState().setLang('en'));
    expect(screen.getByRole('heading').textContent).toBe('Chats · 3 contacts');
    expect(localStorage.getItem(LANG_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    act(() => useLang.getState().setLang('zh-CN'));
  });
});
