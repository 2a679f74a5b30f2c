import { describe, expect, it } from 'vitest';
import { relativeTime } from './time';

describe('relativeTime (Moments)', () => {
  const now = new Date(2026, 11, 7, 15, 0).getTime();
  it('says 刚刚, minutes, hours today, 昨天, days within a week, then the date', () => {
    expect(relativeTime(now - 20_000, 'zh-CN', now)).toBe('刚刚');
    expect(relativeTime(now - 5 * 60_000, 'zh-CN', now)).toBe('5分钟前');
    expect(relativeTime(now - 3 * 3_600_000, 'zh-CN', now)).toBe('3小时前');
    expect(relativeTime(new Date(2026, 11, 6, 23, 0).getTime(), 'zh-CN', now)).toBe('昨天');
    expect(relativeTime(new Date(2026, 11, 3, 9, 0).getTime(), 'zh-CN', now)).toBe('4天前');
    expect(relativeTime(new Date(2026, 10, 20, 9, 0).getTime(), 'zh-CN', now)).toBe('2026年11月20日');
  });
  it('in English', () => {
    expect(relativeTime(now - 5 * 60_000, 'en', now)).toBe('5 min ago');
    expect(relativeTime(new Date(2026, 11, 6, 23, 0).getTime(), 'en', now)).toBe('Yesterday');
    expect(relativeTime(new Date(2026, 10, 20, 9, 0).getTime(), 'en', now)).toBe('11/20/2026');
  });
});
