import { create } from 'zustand';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };

export const LANG_KEY = 'weiliao.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // no storage
  }
  return 'zh-CN';
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export const useLang = create<LangState>((set) => ({
  lang: initialLang(),
  setLang: (lang) => {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // no storage
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
    set({ lang });
  },
}));

/** Looks a key up in a language and fills {placeholders}. Unknown keys show as themselves. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? zhCN[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The translate function for the current language (re-renders on a switch). */
export function useT(): T {
  const lang = useLang((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}

/** Outside React (e.g. notifications, document.title). */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return translate(useLang.getState().lang, key, vars);
}
