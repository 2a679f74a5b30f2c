import { describe, expect, it } from 'vitest';
import { lettersOf } from './Avatar';

describe('lettersOf', () => {
  it('gives two characters so that avatars differ by more than colour', () => {
    expect(lettersOf('小明')).toBe('小明');
    expect(lettersOf('欧阳娜娜')).toBe('娜娜');
    expect(lettersOf('Carol Chen')).toBe('CC');
    expect(lettersOf('carol')).toBe('Ca');
    expect(lettersOf('X')).toBe('X');
    expect(lettersOf('  ')).toBe('?');
  });
});
