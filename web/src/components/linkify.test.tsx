import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { linkify } from './MessageItem';

describe('linkify', () => {
  it('turns http(s) urls into links that open in a new tab and leaves the rest as text', () => {
    const { container } = render(<p>{linkify('看这个 https://example.org/a?b=1，还有 http://x.cn/。不是 ftp://y')}</p>);
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/a?b=1', 'http://x.cn/']);
    expect(links.every((a) => a.target === '_blank' && a.rel.includes('noopener'))).toBe(true);
    expect(container.textContent).toBe('看这个 https://example.org/a?b=1，还有 http://x.cn/。不是 ftp://y');
  });

  it('drops a trailing full stop or bracket from the link', () => {
    const { container } = render(<p>{linkify('(see https://example.org/x).')}</p>);
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.org/x');
  });
});
