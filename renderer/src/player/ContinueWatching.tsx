import type { ContinueItem } from '../../../main/contract/domains/playback';
import { formatTime } from './shortcuts';
import { loadRecent, useProgressQuery } from './use-progress';
import { useT } from '../i18n/use-t';
import './progress.css';

export interface ContinueWatchingProps {
  /** How many unfinished lectures to list; default 3. */
  limit?: number;
  /** Open the player on the item's download (the library's player page). */
  onPlay(item: ContinueItem & { downloadId: string }): void;
}

/** "Continue where you left off": the most recently watched unfinished lectures, each with its place. */
export function ContinueWatching({ limit = 3, onPlay }: ContinueWatchingProps) {
  const { value: items, error } = useProgressQuery(() => loadRecent(limit), () => true, [limit]);
  const t = useT();
  if (error && !items) return <p className="progress-error">{t('player.continue.failed', { reason: error })}</p>;
  if (!items || items.length === 0) return null;

  return (
    <section className="continue-watching" aria-labelledby="continue-watching-heading" data-testid="continue-watching">
      <h2 id="continue-watching-heading">{t('player.continue.heading')}</h2>
      <ul>
        {items.map((item) => {
          const { progress: p, downloadId } = item;
          const label = p.title || p.lectureId;
          return (
            <li key={`${p.hubBase} ${p.courseId} ${p.lectureId}`} className="continue-item">
              <div className="continue-text">
                <span className="continue-title">{label}</span>
                <span className="continue-place">
                  {p.durationSec > 0 ? t('player.timeOf', { time: formatTime(p.positionSec), duration: formatTime(p.durationSec) }) : formatTime(p.positionSec)}
                </span>
                {p.durationSec > 0 && <span className="continue-bar" style={{ ['--done' as string]: `${(100 * p.positionSec) / p.durationSec}%` }} aria-hidden="true" />}
              </div>
              {downloadId ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => onPlay({ ...item, downloadId })}
                  aria-label={t('player.continue.label', { title: label, time: formatTime(p.positionSec) })}
                  data-testid="continue-play"
                >
                  {t('player.continue.play')}
                </button>
              ) : (
                <span className="continue-missing">{t('player.notDownloaded')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
