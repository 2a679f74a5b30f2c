import { EMOJI } from '../util/emoji';

export function EmojiPanel({ onPick }: { onPick: (emoji: string) => void }) {
  return (
    <div className="emoji-panel" data-testid="emoji-panel">
      {EMOJI.map((e) => (
        <button key={e} type="button" className="emoji" onClick={() => onPick(e)}>
          {e}
        </button>
      ))}
    </div>
  );
}
