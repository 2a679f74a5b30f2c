import type { ReactNode } from 'react';
import { TitleBar } from './TitleBar';
import { back } from '../router';

/** The grey title bar of a page, with a back arrow to its parent. */
export function PageHeader({ title, parent, right, testId }: { title: ReactNode; parent?: string; right?: ReactNode; testId?: string }) {
  return (
    <div className="page-header" data-testid={testId}>
      <TitleBar onBack={parent ? () => back(parent) : undefined} right={right}>
        {title}
      </TitleBar>
    </div>
  );
}
