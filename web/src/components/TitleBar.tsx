import type { ReactNode } from 'react';
import { LeftOutline } from 'antd-mobile-icons';
import 'antd-mobile/es/components/nav-bar/nav-bar.css';
import { useT } from '../i18n';

/**
 * The grey title bar, in antd-mobile NavBar's classes and look. Written by hand because NavBar's
 * left slot is a role="button" without a name, even with no back arrow (axe: aria-command-name);
 * here the back arrow is a real, named button and the title a heading.
 */
export function TitleBar({ onBack, right, children }: { onBack?: () => void; right?: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <div className="adm-nav-bar">
      <div className="adm-nav-bar-left">
        {onBack && (
          <button type="button" className="adm-nav-bar-back icon-btn" aria-label={t('common.back')} onClick={onBack}>
            <span className="adm-nav-bar-back-arrow">
              <LeftOutline />
            </span>
          </button>
        )}
      </div>
      <h1 className="adm-nav-bar-title">{children}</h1>
      <div className="adm-nav-bar-right">{right}</div>
    </div>
  );
}
