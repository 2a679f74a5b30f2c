/** The key of "所有人" among picked mentions (a phone is digits only). */
export const MENTION_ALL = '*';
