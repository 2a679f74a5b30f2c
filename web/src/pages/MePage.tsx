import { List } from 'antd-mobile';
import { PictureOutline, SetOutline } from 'antd-mobile-icons';
import { useApp } from '../store/app';
import { navigate } from '../router';
import { useT } from '../i18n';
import { Avatar } from '../components/Avatar';
import { ListLink } from '../components/ListLink';

/** 我: my card, my moments (album), then settings. */
export function MePage() {
  const t = useT();
  const me = useApp((s) => s.me);
  return (
    <div className="page me-page" data-testid="me-page">
      <a className="me-card" data-testid="me-card" href="/me/profile" onClick={(e) => { e.preventDefault(); navigate('/me/profile'); }}>
        <Avatar name={me?.nickname ?? ''} url={me?.avatar} seed={me?.phone} size={64} />
        <div className="me-card-text">
          <div className="me-name" data-testid="me-name">{me?.nickname}</div>
          <div className="me-sub">{t('me.phone')}: {me?.phone}</div>
          {me?.signature && <div className="me-sub">{me.signature}</div>}
        </div>
        <span className="chevron">›</span>
      </a>
      {me && (
        <List>
          <ListLink href={`/moments/user/${me.phone}`} data-testid="me-album" prefix={<div className="icon-tile blue"><PictureOutline /></div>} onClick={() => navigate(`/moments/user/${me.phone}`)}>
            {t('discover.moments')}
          </ListLink>
        </List>
      )}
      <List>
        <ListLink href="/me/settings" data-testid="me-settings" prefix={<div className="icon-tile blue"><SetOutline /></div>} onClick={() => navigate('/me/settings')}>
          {t('me.settings')}
        </ListLink>
      </List>
    </div>
  );
}
