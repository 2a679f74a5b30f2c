import { List, Toast } from 'antd-mobile';
import { PictureOutline, ScanningOutline } from 'antd-mobile-icons';
import { useT } from '../i18n';
import { TitleBar } from '../components/TitleBar';
import { ListLink } from '../components/ListLink';

/** 发现: placeholders, as in WeChat's layout. */
export function DiscoverPage() {
  const t = useT();
  const soon = () => Toast.show({ content: t('discover.soon') });
  return (
    <div className="page" data-testid="discover-page">
      <div className="page-header">
        <TitleBar>{t('tab.discover')}</TitleBar>
      </div>
      <div className="page-body">
        <List>
          <ListLink prefix={<div className="icon-tile blue"><PictureOutline /></div>} onClick={soon}>
            {t('discover.moments')}
          </ListLink>
        </List>
        <List>
          <ListLink prefix={<div className="icon-tile green"><ScanningOutline /></div>} onClick={soon}>
            {t('discover.scan')}
          </ListLink>
        </List>
      </div>
    </div>
  );
}
