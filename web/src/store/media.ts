import { ApiError } from '../api/errors';
import { http } from './client';

/** Uploads a file to /api/media; `onProgress` (0 to 1) sends it through XMLHttpRequest, which reports progress. */
export function uploadMedia(file: Blob, onProgress?: (fraction: number) => void): Promise<{ url: string; size: number; contentType: string }> {
  return http.request('POST', '/api/media', undefined, { raw: file, onProgress });
}

/** An image's natural size, and an object URL to show it before it is uploaded. */
export function imageSize(file: Blob): Promise<{ width: number; height: number; preview: string }> {
  const preview = URL.createObjectURL(file);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth || 1, height: img.naturalHeight || 1, preview });
    img.onerror = () => reject(new ApiError('INVALID_ARGUMENT', 'Not an image'));
    img.src = preview;
  });
}
