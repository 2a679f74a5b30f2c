import { ImageViewer } from 'antd-mobile';

/**
 * The app's full-screen image viewer (antd-mobile's ImageViewer): one image, or several to swipe
 * through starting at `index`. Esc closes it as a tap does.
 */
export function showImages(urls: string[], index = 0): void {
  if (urls.length === 0) return;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') ImageViewer.clear();
  };
  window.addEventListener('keydown', onKey);
  const afterClose = () => window.removeEventListener('keydown', onKey);
  if (urls.length === 1) ImageViewer.show({ image: urls[0], afterClose });
  else ImageViewer.Multi.show({ images: urls, defaultIndex: index, afterClose });
}
