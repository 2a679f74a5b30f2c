import { useEffect, useRef, useState } from 'react';
import { back } from '../../router';
import { useMoments, moments } from '../../store/moments';
import { useT } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { MomentList } from './MomentList';
import { momentErrorText } from './momentParts';
import './moments.css';

/** One moment (from the activity list or an album), read afresh. */
export function MomentPage({ id }: { id: string }) {
  const t = useT();
  const moment = useMoments((s) => s.byId[id]);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(false);
  // deleted here (by its author): nothing is left to show
  useEffect(() => {
    if (moment) shown.current = true;
    else if (shown.current) back('/moments');
  }, [moment]);
  useEffect(() => {
    moments.refresh(id).catch((e) => setError(momentErrorText(e, t)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  return (
    <div className="page moments-page" data-testid="moment-page">
      <PageHeader title={t('moments.title')} parent="/moments" />
      <MomentList items={moment ? [moment] : []} bottom={!moment && error ? <div className="empty">{error}</div> : null} />
    </div>
  );
}
