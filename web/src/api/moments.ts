import type { Http } from './http';
import type { ImageContent, User } from './types';

/** Moments (朋友圈), contract 1.1 §5.3. */

export type MomentImage = ImageContent;

export interface MomentComment {
  id: string;
  from: User;
  /** the commenter this one answers, or null */
  replyTo: User | null;
  text: string;
  createdAt: number;
}

/** As the viewer may see it: `likes` and `comments` hold only the viewer's own and their contacts'. */
export interface Moment {
  id: string;
  author: User;
  text: string;
  images: MomentImage[];
  createdAt: number;
  likes: User[];
  comments: MomentComment[];
}

export interface MomentPage {
  moments: Moment[];
  hasMore: boolean;
}

export interface NewMoment {
  text?: string;
  images?: MomentImage[];
}

/** `moment.new` event: a contact posted. */
export interface MomentNewEvent {
  momentId: string;
  author: string;
}

/** `moment.activity` event: a like or a comment on one's own moment, or a reply to one's comment. */
export interface MomentActivityEvent {
  momentId: string;
  kind: 'like' | 'comment';
  from: string;
  comment?: MomentComment;
}

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
