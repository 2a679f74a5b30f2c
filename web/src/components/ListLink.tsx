import { List } from 'antd-mobile';
import type { ComponentProps, MouseEvent } from 'react';

type ItemProps = Omit<ComponentProps<typeof List.Item>, 'onClick' | 'clickable'>;

/**
 * A list row that opens something, as a real link (with href, for navigation) or button: antd-mobile
 * renders a clickable List.Item as an <a> without href, which Tab never reaches. The row keeps
 * List.Item's look; the arrow shows unless arrow={false}.
 */
export function ListLink({ href, onClick, arrow, ...item }: ItemProps & { href?: string; onClick: () => void }) {
  const row = <List.Item {...item} clickable={false} arrow={arrow ?? true} />;
  const handle = (e: MouseEvent) => {
    e.preventDefault();
    onClick();
  };
  return href ? (
    <a className="list-link" href={href} onClick={handle}>
      {row}
    </a>
  ) : (
    <button type="button" className="plain-btn list-link" onClick={handle}>
      {row}
    </button>
  );
}
