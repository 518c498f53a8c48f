import { useEffect, useState, type ReactNode } from 'react';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';

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
  const t = useT();

  useEffect(() => {
    if (left <= 0) {
      onPlay();
      return;
    }
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, onPlay]);

  return (
    <div className="player-next" role="dialog" aria-label={t('player.next.label')} data-testid="player-next">
      <p aria-live="polite">
        <Rich
          id="player.next.countdown"
          values={{
            seconds: left,
            title,
            count: (chunks: ReactNode[]) => <span data-testid="player-next-countdown">{chunks}</span>,
            b: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
          }}
        />
      </p>
      <div className="player-next-actions">
        <button type="button" className="button button-primary" onClick={onPlay} data-testid="player-next-play" autoFocus>
          {t('player.next.playNow')}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="player-next-cancel">
          {t('player.cancel')}
        </button>
      </div>
    </div>
  );
}
