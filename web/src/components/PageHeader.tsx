import type { ReactNode } from 'react';
import { TitleBar } from './TitleBar';
import { back } from '../router';
import { DESKTOP, useMedia } from '../util/media';

/** Pages whose parent is a section: on the desktop that section is always shown on the left. */
const SECTIONS = new Set(['/chats', '/contacts', '/discover', '/me']);

/** The grey title bar of a page, with a back arrow to its parent (none on the desktop when the parent is the section on the left). */
export function PageHeader({ title, parent, right, testId }: { title: ReactNode; parent?: string; right?: ReactNode; testId?: string }) {
  const desktop = useMedia(DESKTOP);
  const backTo = parent && !(desktop && SECTIONS.has(parent)) ? parent : undefined;
  return (
    <div className="page-header" data-testid={testId}>
      <TitleBar onBack={backTo ? () => back(backTo) : undefined} right={right}>
        {title}
      </TitleBar>
    </div>
  );
}
