import { useRef, useState } from 'react';
import { Button, TextArea, Toast } from 'antd-mobile';
import { AddOutline, CloseOutline } from 'antd-mobile-icons';
import { MOMENT_LIMITS } from '../../api/moments';
import { moments, useMoments } from '../../store/moments';
import { draftReady, type DraftImage } from '../../store/momentsStore';
import { back } from '../../router';
import { useT, type T } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { attempt } from './momentParts';
import './moments.css';

const TEN_MIB = 10 * 1024 * 1024;

/** A picked image: its preview, upload progress, a retry after a failure, and × to remove it. */
function DraftTile({ img, t }: { img: DraftImage; t: T }) {
  const pct = Math.round(img.progress * 100);
  return (
    <div className="draft-tile" data-testid="draft-image" data-uploaded={img.url ? 'true' : 'false'}>
      <img src={img.preview} alt="" />
      {!img.url && !img.error && (
        <div className="draft-progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={t('moments.uploading', { p: pct })}>
          <span>{pct}%</span>
          <i style={{ width: `${pct}%` }} />
        </div>
      )}
      {img.error && (
        <button type="button" className="plain-btn draft-failed" data-testid="draft-retry" onClick={() => void moments.retryImage(img.key)}>
          {t('moments.uploadFailed')}
        </button>
      )}
      <button type="button" className="plain-btn draft-remove" aria-label={t('moments.removeImage')} onClick={() => moments.removeImage(img.key)}>
        <CloseOutline />
      </button>
    </div>
  );
}

/** 发朋友圈: text and up to nine images, uploaded as they are picked. */
export function MomentPostPage() {
  const t = useT();
  const draft = useMoments((s) => s.draft);
  const [posting, setPosting] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function pick(list: FileList | null) {
    const files = [...(list ?? [])];
    const small = files.filter((f) => f.size <= TEN_MIB);
    if (small.length < files.length) Toast.show({ content: t('msg.tooLarge') });
    const left = await moments.addImages(small);
    if (left > 0) Toast.show({ content: t('moments.tooMany') });
  }

  async function publish() {
    setPosting(true);
    const ok = await attempt(() => moments.publish(), t);
    setPosting(false);
    if (ok) back('/moments');
  }

  return (
    <div className="page moment-post-page" data-testid="moment-post-page">
      <PageHeader
        title={t('moments.composeTitle')}
        parent="/moments"
        right={
          <Button size="mini" color="primary" data-testid="moment-publish" disabled={!draftReady(draft) || posting} loading={posting} onClick={() => void publish()}>
            {t('moments.newPost')}
          </Button>
        }
      />
      <div className="page-body moment-post-body">
        <TextArea
          data-testid="moment-post-text"
          value={draft.text}
          onChange={moments.setText}
          placeholder={t('moments.placeholder')}
          aria-label={t('moments.placeholder')}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={MOMENT_LIMITS.text}
          showCount
        />
        <div className="draft-grid">
          {draft.images.map((img) => (
            <DraftTile key={img.key} img={img} t={t} />
          ))}
          {draft.images.length < MOMENT_LIMITS.images && (
            <button type="button" className="plain-btn draft-add" data-testid="moment-add-image" aria-label={t('moments.addImage')} onClick={() => input.current?.click()}>
              <AddOutline />
            </button>
          )}
        </div>
        <input ref={input} data-testid="moment-image-input" type="file" accept="image/*" multiple hidden onChange={(e) => { void pick(e.target.files); e.target.value = ''; }} />
      </div>
    </div>
  );
}
