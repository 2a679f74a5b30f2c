import { CameraOutline } from 'antd-mobile-icons';
import type { Moment } from '../../api/moments';
import { useApp } from '../../store/app';
import { byDay, userFeed } from '../../store/momentsStore';
import { displayName } from '../../store/chatReducer';
import { navigate } from '../../router';
import { useLang, useT, type Lang, type T } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { Avatar } from '../../components/Avatar';
import { MomentList } from './MomentList';
import { FeedEnd, useFeed } from './MomentsPage';
import './moments.css';

/** Local midnight of today plus `days`. */
function midnight(days: number): number {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days).getTime();
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date column: 今天 / 昨天, else the day of the month large and the month beside it. */
function DayLabel({ day, lang, t }: { day: number; lang: Lang; t: T }) {
  if (day === midnight(0)) return <span className="album-day-word">{t('moments.today')}</span>;
  if (day === midnight(-1)) return <span className="album-day-word">{t('common.yesterday')}</span>;
  const d = new Date(day);
  return (
    <>
      <span className="album-day-num">{d.getDate()}</span>
      <span className="album-day-month">{lang === 'en' ? MONTHS_EN[d.getMonth()] : `${d.getMonth() + 1}月`}</span>
    </>
  );
}

/** One moment in the album: its first image and the text beside it, or the text alone. */
function AlbumEntry({ moment, t }: { moment: Moment; t: T }) {
  const open = () => navigate(`/moments/m/${encodeURIComponent(moment.id)}`);
  const first = moment.images[0];
  return (
    <a className={'album-entry' + (first ? '' : ' text-only')} data-testid="album-entry" href={`/moments/m/${encodeURIComponent(moment.id)}`} onClick={(e) => { e.preventDefault(); open(); }}>
      {/* a post of images alone still gives its link a name */}
      {first && <img src={first.url} alt={moment.text ? '' : t('moments.photos', { n: moment.images.length })} width={72} height={72} />}
      <span className="album-entry-text">
        <span className="album-entry-body">{moment.text}</span>
        {moment.images.length > 1 && <span className="album-entry-count">{t('moments.photos', { n: moment.images.length })}</span>}
      </span>
    </a>
  );
}

/** A user's own moments (their album), grouped by day: one's own from Me and the cover, a contact's from their profile. */
export function AlbumPage({ phone }: { phone: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const me = useApp((s) => s.me);
  const contacts = useApp((s) => s.contacts);
  const { feed, items, more } = useFeed(userFeed(phone));
  const mine = me?.phone === phone;
  const user = mine ? me : (contacts[phone] ?? items[0]?.author ?? null);
  const name = user ? displayName(contacts, user) : phone;
  const days = byDay(items);
  const today = midnight(0);
  const top = (
    <>
      <div className="moments-cover">
        <div className="moments-cover-me">
          <span className="moments-cover-name">{name}</span>
          {user && <Avatar name={user.nickname} url={user.avatar} seed={user.phone} size={68} />}
        </div>
      </div>
      <div className="album" data-testid="album">
        {mine && days[0]?.day !== today && (
          <div className="album-day">
            <div className="album-date"><DayLabel day={today} lang={lang} t={t} /></div>
            <button type="button" className="plain-btn album-camera" aria-label={t('moments.camera')} onClick={() => navigate('/moments/new')}>
              <CameraOutline />
            </button>
          </div>
        )}
        {days.map((d) => (
          <div key={d.day} className="album-day" data-testid="album-day">
            <div className="album-date"><DayLabel day={d.day} lang={lang} t={t} /></div>
            <div className="album-entries">
              {d.moments.map((m) => <AlbumEntry key={m.id} moment={m} t={t} />)}
            </div>
          </div>
        ))}
      </div>
    </>
  );
  return (
    <div className="page moments-page" data-testid="album-page" data-phone={phone}>
      <PageHeader title={name} parent={mine ? '/me' : `/contact/${encodeURIComponent(phone)}`} />
      <MomentList items={[]} top={top} bottom={<FeedEnd feed={feed} count={items.length} t={t} />} onNearEnd={feed.hasMore ? more : undefined} />
    </div>
  );
}
