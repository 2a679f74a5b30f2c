import { pinyin } from 'pinyin-pro';

/** The index letter of a name: A–Z by the pinyin of its first character, '#' otherwise. */
export function initialOf(name: string): string {
  const first = [...name.trim()][0];
  if (!first) return '#';
  if (/[a-z]/i.test(first)) return first.toUpperCase();
  if (/[\u3400-\u9fff]/.test(first)) {
    const letter = pinyin(first, { pattern: 'first', toneType: 'none' }).toUpperCase();
    if (/^[A-Z]$/.test(letter)) return letter;
  }
  return '#';
}

/** A sort key that puts Chinese names among Latin ones by their pinyin. */
export function sortKeyOf(name: string): string {
  return pinyin(name, { toneType: 'none', nonZh: 'consecutive' }).toLowerCase().replace(/\s+/g, '');
}

export interface IndexGroup<T> {
  letter: string;
  items: T[];
}

/** Groups items A–Z by the initial of their name, '#' last; items sorted by pinyin in each group. */
export function groupByInitial<T>(items: T[], nameOf: (item: T) => string): IndexGroup<T>[] {
  const groups = new Map<string, { key: string; item: T }[]>();
  for (const item of items) {
    const name = nameOf(item);
    const letter = initialOf(name);
    const list = groups.get(letter) ?? [];
    list.push({ key: sortKeyOf(name), item });
    groups.set(letter, list);
  }
  return [...groups.keys()]
    .sort((a, b) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)))
    .map((letter) => ({
      letter,
      items: groups.get(letter)!.sort((a, b) => a.key.localeCompare(b.key)).map((x) => x.item),
    }));
}
