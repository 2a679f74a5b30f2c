/** Called with the share of the body sent so far, 0 to 1. */
export type Progress = (fraction: number) => void;

/**
 * fetch's shape over XMLHttpRequest, for uploads whose progress is shown: fetch reports no upload
 * progress (its streaming request bodies need HTTP/2 and are Chromium-only). Written by hand, the
 * few lines of it that the app needs, instead of pulling in axios for one event.
 */
export function xhrFetch(url: string, init: { method: string; headers: Record<string, string>; body?: BodyInit }, onProgress: Progress): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method, url);
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      onProgress(1);
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      // a Response with status 204 may carry no body at all
      resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () => reject(new TypeError('Network error'));
    xhr.onabort = () => reject(new TypeError('Upload aborted'));
    xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
  });
}
