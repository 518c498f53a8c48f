import { useEffect, useState } from 'react';

export interface NextUpProps {
  title: string;
  /** Seconds before the next lecture starts by itself. */
  seconds?: number;
  onPlay(): void;
  onCancel(): void;
}

/** "Up next in 5 s" after a lecture ends, with Play now and Cancel; the countdown is announced politely. */
export function NextUp({ title, seconds = 5, onPlay, onCancel }: NextUpProps) {
  const [left, setLeft] = useState(seconds);

  useEffect(() => {
    if (left <= 0) {
      onPlay();
      return;
    }
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, onPlay]);

  return (
    <div className="player-next" role="dialog" aria-label="Up next" data-testid="player-next">
      <p aria-live="polite">
        Up next in <span data-testid="player-next-countdown">{left}</span> s: <strong>{title}</strong>
      </p>
      <div className="player-next-actions">
        <button type="button" className="button button-primary" onClick={onPlay} data-testid="player-next-play" autoFocus>
          Play now
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="player-next-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}
