import { describe, expect, it } from 'vitest';
import { loadInitials, matches } from './search';

describe('chat list search', () => {
  it('matches by substring, and by pinyin initials once loaded', async () => {
    expect(matches('周末爬山群', '爬山', null)).toBe(true);
    expect(matches('Carol Chen', 'chen', null)).toBe(true);
    expect(matches('小明', 'xm', null)).toBe(false);
    const initials = await loadInitials();
    expect(matches('小明', 'xm', initials)).toBe(true);
    expect(matches('周末爬山群', 'ps', initials)).toBe(true);
    expect(matches('小明', 'xh', initials)).toBe(false);
  });
});
