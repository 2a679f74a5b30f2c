import type { ReactNode } from 'react';

/** A header or composer icon as a real button, named for screen readers and reachable by Tab. */
export function IconButton({ label, testId, onClick, children, className }: { label: string; testId?: string; onClick?: () => void; children: ReactNode; className?: string }) {
  return (
    <button type="button" className={'icon-btn' + (className ? ' ' + className : '')} aria-label={label} title={label} data-testid={testId} onClick={onClick}>
      {children}
    </button>
  );
}
