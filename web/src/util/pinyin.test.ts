import { describe, expect, it } from 'vitest';
import { groupByInitial, initialOf } from './pinyin';

describe('pinyin index', () => {
  it('takes the pinyin initial of Chinese names and the letter of Latin ones', () => {
    expect(initialOf('张三')).toBe('Z');
    expect(initialOf('李四')).toBe('L');
    expect(initialOf('阿明')).toBe('A');
    expect(initialOf('bob')).toBe('B');
    expect(initialOf('123')).toBe('#');
    expect(initialOf('😀hi')).toBe('#');
    expect(initialOf('')).toBe('#');
  });

  it('groups A–Z with # last, sorted by pinyin inside a group', () => {
    const names = ['王五', 'Alice', '张三', '阿明', '8号', '赵六', 'Zoe'];
    const groups = groupByInitial(names, (n) => n);
    expect(groups.map((g) => g.letter)).toEqual(['A', 'W', 'Z', '#']);
    expect(groups[0].items).toEqual(['Alice', '阿明']); // alice < aming
    expect(groups[2].items).toEqual(['张三', '赵六', 'Zoe']);
    expect(groups[3].items).toEqual(['8号']);
  });
});
