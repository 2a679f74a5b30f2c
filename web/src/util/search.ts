/**
 * Chat-list search: a name matches when it contains the query (any case), or, for Chinese names,
 * when the query is a run of its pinyin initials (xm → 小明). pinyin-pro is loaded on the first
 * search only, so the chat list does not carry it.
 */
type Initials = (name: string) => string;

let initials: Initials | null = null;
let loading: Promise<Initials> | null = null;

export function loadInitials(): Promise<Initials> {
  loading ??= import('pinyin-pro').then(({ pinyin }) => {
    initials = (name: string) => pinyin(name, { pattern: 'first', toneType: 'none', nonZh: 'consecutive', type: 'array' }).join('').toLowerCase();
    return initials;
  });
  return loading;
}

export function matches(name: string, query: string, initialsOf: Initials | null = initials): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (name.toLowerCase().includes(q)) return true;
  return !!initialsOf && /^[a-z]+$/.test(q) && initialsOf(name).includes(q);
}
