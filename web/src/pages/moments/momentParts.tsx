import { lazy, Suspense, useLayoutEffect, useRef, useState } from 'react';
import { Toast } from 'antd-mobile';
import type { MomentImage } from '../../api/moments';
import { errorCode } from '../../api/errors';
import type { T } from '../../i18n';
import { linkify } from '../../components/MessageItem';

// the chat's image viewer (swipe, pinch and wheel zoom, arrow keys, save), loaded when first opened
const ImageGallery = lazy(() => import('../../components/ImageGallery'));

/** A post's text, folded after 6 lines with 全文 / Full text (and 收起 / Collapse once open). */
export function MomentText({ text, t }: { text: string; t: T }) {
  const ref = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [long, setLong] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !open) setLong(el.scrollHeight > el.clientHeight + 1);
  }, [text, open]);
  if (!text) return null;
  return (
    <>
      <div ref={ref} className={'moment-text' + (open ? '' : ' folded')} data-testid="moment-text">
        {linkify(text)}
      </div>
      {(long || open) && (
        <button type="button" className="plain-btn moment-fold" data-testid="moment-fold" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('moments.collapse') : t('moments.fullText')}
        </button>
      )}
    </>
  );
}

const ONE_MAX = 200;

/** One image shown large, keeping its shape within 200 px. */
function oneBox(img: MomentImage): { width: number; height: number } {
  if (!img.width || !img.height) return { width: ONE_MAX * 0.75, height: ONE_MAX * 0.75 };
  const scale = ONE_MAX / Math.max(img.width, img.height);
  return { width: Math.max(60, Math.round(img.width * scale)), height: Math.max(60, Math.round(img.height * scale)) };
}

/** The image grid: one large, or squares three to a row; a tap opens the viewer there, to swipe through them all. */
export function ImageGrid({ images, t }: { images: MomentImage[]; t: T }) {
  const [open, setOpen] = useState<number | null>(null);
  if (images.length === 0) return null;
  const urls = images.map((i) => i.url);
  const one = images.length === 1;
  return (
    <div className={'moment-images' + (one ? ' one' : '')} data-testid="moment-images" data-count={images.length}>
      {images.map((img, i) => {
        const box = one ? oneBox(img) : null;
        return (
          <button key={img.url + i} type="button" className="plain-btn moment-image" aria-label={t('moments.imageN', { n: i + 1 })} onClick={() => setOpen(i)}>
            <img src={img.url} alt="" loading="lazy" data-testid="moment-image" width={box?.width} height={box?.height} />
          </button>
        );
      })}
      {open !== null && (
        <Suspense fallback={null}>
          <ImageGallery images={urls} start={open} onClose={() => setOpen(null)} />
        </Suspense>
      )}
    </div>
  );
}

/** A failed Moments request, in the user's words. */
export function momentErrorText(e: unknown, t: T): string {
  return codeText(errorCode(e), t, e instanceof Error ? e.message : String(e));
}

/** An error code of the contract's table, in the user's words. */
export function codeText(code: string, t: T, message = code): string {
  switch (code) {
    case 'NOT_FOUND':
      return t('moments.gone');
    case 'FORBIDDEN':
      return t('moments.notContact');
    case 'RATE_LIMITED':
      return t('moments.rateLimited');
    case 'NETWORK':
    case 'UNAVAILABLE':
      return t('common.networkError');
    default:
      return t('common.error', { msg: message });
  }
}

/** Runs a Moments action; a failure becomes a toast. */
export async function attempt(action: () => Promise<unknown>, t: T): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (e) {
    Toast.show({ content: momentErrorText(e, t) });
    return false;
  }
}
