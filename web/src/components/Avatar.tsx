// dark enough for white text at WCAG AA (each at least 5:1)
const COLORS = ['#1f5fbf', '#0b7a55', '#a35c00', '#5b3fd1', '#086f8a', '#7a3b9e', '#b3471d', '#006d6c', '#b0306a'];

/**
 * Two characters, so that avatars differ by more than colour: a Chinese name's last two
 * characters (小明 → 小明, 欧阳娜娜 → 娜娜), a Latin name's two initials (Carol Chen → CC) or its
 * first two letters (Carol → Ca).
 */
export function lettersOf(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '?';
  if (/[\u3400-\u9fff]/.test(chars[0])) return chars.filter((c) => /[\u3400-\u9fff]/.test(c)).slice(-2).join('');
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2) return ([...words[0]][0] + [...words[1]][0]).toUpperCase();
  return (chars[0].toUpperCase() + (chars[1] ?? '')).trim();
}

function colorOf(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length];
}

interface Props {
  name: string;
  url?: string | null;
  seed?: string;
  size?: number;
  /** group avatars show up to four member initials */
  group?: string[];
}

/** A rounded-square avatar: the picture, or the first character of the name on a colour. */
export function Avatar({ name, url, seed, size = 44, group }: Props) {
  const style = { width: size, height: size, borderRadius: Math.round(size / 8) };
  if (url) return <img className="avatar" src={url} alt="" style={style} />;
  if (group && group.length > 0) {
    const cells = group.slice(0, 4);
    return (
      <div className="avatar avatar-group" style={style}>
        {cells.map((n, i) => (
          <span key={i} style={{ background: colorOf(n), fontSize: size / 4 }}>
            {[...n][0]}
          </span>
        ))}
      </div>
    );
  }
  const letters = lettersOf(name || '?');
  return (
    <div className="avatar avatar-letter" aria-hidden="true" style={{ ...style, background: colorOf(seed ?? name), fontSize: size * (letters.length > 1 ? 0.34 : 0.45) }}>
      {letters}
    </div>
  );
}
