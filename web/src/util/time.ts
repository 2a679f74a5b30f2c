import type { Lang } from '../i18n';

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

const WEEKDAYS: Record<Lang, string[]> = {
  'zh-CN': ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** Chat-list time: 14:05 today, 昨天 / Yesterday, a weekday within a week, else a date. */
export function listTime(ms: number, lang: Lang, now = Date.now()): string {
  if (!ms) return '';
  const d = new Date(ms);
  const today = new Date(now);
  if (sameDay(d, today)) return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const yesterday = new Date(now - 86_400_000);
  if (sameDay(d, yesterday)) return lang === 'en' ? 'Yesterday' : '昨天';
  if (now - ms < 6 * 86_400_000) return WEEKDAYS[lang][d.getDay()];
  return lang === 'en' ? `${d.getMonth() + 1}/${d.getDate()}/${String(d.getFullYear()).slice(2)}` : `${d.getFullYear() % 100}/${d.getMonth() + 1}/${d.getDate()}`;
}

/** Separator between days in a chat, with the time of the first message after it. */
export function separatorTime(ms: number, lang: Lang, now = Date.now()): string {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const today = new Date(now);
  if (sameDay(d, today)) return hm;
  if (sameDay(d, new Date(now - 86_400_000))) return (lang === 'en' ? 'Yesterday ' : '昨天 ') + hm;
  if (lang === 'en') return `${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()} ${hm}`;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
}

/** A separator goes before a message that starts a new day or follows a 5-minute silence. */
export function needsSeparator(prev: number | null, ms: number): boolean {
  if (prev === null) return true;
  if (!sameDay(new Date(prev), new Date(ms))) return true;
  return ms - prev > 5 * 60_000;
}

/** mm:ss (or h:mm:ss) for call durations. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const AGO: Record<Lang, { now: string; min: string; hour: string; day: string }> = {
  'zh-CN': { now: '刚刚', min: '{n}分钟前', hour: '{n}小时前', day: '{n}天前' },
  en: { now: 'Just now', min: '{n} min ago', hour: '{n} h ago', day: '{n} days ago' },
};

/** Moments time, as WeChat: 刚刚, N分钟前, N小时前, 昨天, N天前 (within a week), else a date. */
export function relativeTime(ms: number, lang: Lang, now = Date.now()): string {
  const ago = AGO[lang];
  const diff = Math.max(0, now - ms);
  if (diff < 60_000) return ago.now;
  if (diff < 3_600_000) return ago.min.replace('{n}', String(Math.floor(diff / 60_000)));
  if (sameDay(new Date(ms), new Date(now))) return ago.hour.replace('{n}', String(Math.floor(diff / 3_600_000)));
  if (sameDay(new Date(ms), new Date(now - 86_400_000))) return lang === 'en' ? 'Yesterday' : '昨天';
  const days = Math.floor(diff / 86_400_000);
  if (days < 7) return ago.day.replace('{n}', String(Math.max(2, days)));
  const d = new Date(ms);
  return lang === 'en' ? `${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()}` : `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}
