import { useEffect, useRef } from 'react';
import { ImageViewer, type MultiImageViewerRef } from 'antd-mobile';
import { DownlandOutline } from 'antd-mobile-icons';
import { useT } from '../i18n';

/**
 * The chat's images full screen: antd-mobile's viewer gives pinch zoom, drag to pan and swipe
 * between images; this adds what a desktop needs: the mouse wheel zooms, ← → move between
 * images, Esc closes, and a save button downloads the one shown.
 */
export default function ImageGallery({ images, start, onClose }: { images: string[]; start: number; onClose: () => void }) {
  const t = useT();
  const viewer = useRef<MultiImageViewerRef>(null);
  const at = useRef(start);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      const next = at.current + step;
      if (step && next >= 0 && next < images.length) viewer.current?.swipeTo(next);
    };
    // The viewer's pinch gesture (@use-gesture) reads Ctrl+wheel, which is what a trackpad pinch
    // sends; a plain mouse wheel is handed to it the same way, so the wheel zooms too.
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || !(e.target instanceof Element) || !e.target.closest('.adm-image-viewer-control')) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      e.target.dispatchEvent(new WheelEvent('wheel', { deltaY: e.deltaY, deltaMode: e.deltaMode, clientX: e.clientX, clientY: e.clientY, ctrlKey: true, bubbles: true, cancelable: true }));
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('wheel', onWheel, { capture: true });
    };
  }, [images.length, onClose]);

  return (
    <ImageViewer.Multi
      ref={viewer}
      visible
      images={images}
      defaultIndex={start}
      onIndexChange={(i) => (at.current = i)}
      onClose={onClose}
      renderFooter={(src) => (
        <div className="gallery-footer" data-testid="gallery-footer">
          <a className="gallery-save" data-testid="gallery-save" href={src} download={saveName(src)} aria-label={t('image.save')} title={t('image.save')}>
            <DownlandOutline />
          </a>
        </div>
      )}
    />
  );
}

/** The name a saved image gets: its media id (images are served inline; `download` saves them all the same). */
function saveName(src: string): string {
  return 'weiliao-' + (src.split('/').pop() || 'image');
}
