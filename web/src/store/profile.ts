import type { User } from '../api/types';
import { dispatch } from './app';
import { http, perLogin } from './client';

export async function updateMe(patch: Partial<Pick<User, 'nickname' | 'avatar' | 'signature'>>): Promise<void> {
  const me = await http.patch<User>('/api/users/me', patch);
  dispatch({ type: 'user', user: me });
}

export function fetchUser(phone: string): Promise<User> {
  return http.get<User>(`/api/users/${phone}`);
}

const profileLookups = perLogin(new Set<string>());

/**
 * Senders who are neither contacts nor current members (someone who left a group) get their
 * profile looked up once per login, so old messages show a name rather than a phone number.
 */
export function resolveProfiles(phones: string[]): void {
  for (const phone of phones) {
    if (profileLookups.has(phone)) continue;
    profileLookups.add(phone);
    fetchUser(phone)
      .then((user) => dispatch({ type: 'user', user }))
      .catch(() => profileLookups.delete(phone));
  }
}
