const COLORS = ['#5b8ff9', '#61ddaa', '#f6bd16', '#7262fd', '#78d3f8', '#9661bc', '#f6903d', '#008685', '#f08bb4'];

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
  const letter = [...(name || '?')][0]?.toUpperCase() ?? '?';
  return (
    <div className="avatar avatar-letter" style={{ ...style, background: colorOf(seed ?? name), fontSize: size * 0.45 }}>
      {letter}
    </div>
  );
}
