import type { Http } from './http';
import type * as Contract from './contract';

/** Moments (朋友圈), contract 1.1 §5.3. */

// The shapes are generated from the server's catalogue (contract.ts); people in moments are users,
// with contact fields where they are the viewer's contacts.
export type MomentImage = Contract.MomentImage;
export type MomentComment = Contract.Comment;
/** As the viewer may see it: `likes` and `comments` hold only the viewer's own and their contacts'. */
export type Moment = Contract.Moment;

export interface MomentPage {
  moments: Moment[];
  hasMore: boolean;
}

export interface NewMoment {
  text?: string;
  images?: MomentImage[];
}

/** `moment.new` event: a contact posted. */
export type MomentNewEvent = Contract.MomentNewPayload;

/** `moment.activity` event: a like or a comment on one's own moment, or a reply to one's comment. */
export type MomentActivityEvent = Contract.MomentActivityPayload;

export const MOMENT_LIMITS = { text: 2000, images: 9, comment: 280, page: 50 } as const;

function paged(path: string, before?: string, limit?: number): string {
  const q = new URLSearchParams();
  if (before) q.set('before', before);
  if (limit) q.set('limit', String(limit));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const one = (id: string) => `/api/moments/${encodeURIComponent(id)}`;

/** The Moments routes, typed. Every call rejects with ApiError on the contract's error table. */
export function momentsApi(http: Pick<Http, 'get' | 'post' | 'put' | 'del'>) {
  return {
    timeline: (before?: string, limit?: number) => http.get<MomentPage>(paged('/api/moments', before, limit)),
    ofUser: (phone: string, before?: string, limit?: number) =>
      http.get<MomentPage>(paged(`/api/users/${encodeURIComponent(phone)}/moments`, before, limit)),
    get: (id: string) => http.get<Moment>(one(id)),
    post: (moment: NewMoment) => http.post<Moment>('/api/moments', { ...moment }),
    remove: (id: string) => http.del<void>(one(id)),
    like: (id: string) => http.put<void>(one(id) + '/like'),
    unlike: (id: string) => http.del<void>(one(id) + '/like'),
    comment: (id: string, text: string, replyTo?: string) =>
      http.post<MomentComment>(one(id) + '/comments', replyTo ? { text, replyTo } : { text }),
    removeComment: (id: string, commentId: string) => http.del<void>(`${one(id)}/comments/${encodeURIComponent(commentId)}`),
  };
}

export type MomentsApi = ReturnType<typeof momentsApi>;
