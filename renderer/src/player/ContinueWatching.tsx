import type { ContinueItem } from '../../../main/contract/domains/playback';
import { formatTime } from './shortcuts';
import { loadRecent, useProgressQuery } from './use-progress';
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
  if (error && !items) return <p className="progress-error">Could not load what you were watching: {error}</p>;
  if (!items || items.length === 0) return null;

  return (
    <section className="continue-watching" aria-labelledby="continue-watching-heading" data-testid="continue-watching">
      <h2 id="continue-watching-heading">Continue where you left off</h2>
      <ul>
        {items.map((item) => {
          const { progress: p, downloadId } = item;
          const label = p.title || p.lectureId;
          return (
            <li key={`${p.hubBase} ${p.courseId} ${p.lectureId}`} className="continue-item">
              <div className="continue-text">
                <span className="continue-title">{label}</span>
                <span className="continue-place">
                  {formatTime(p.positionSec)}
                  {p.durationSec > 0 ? ` of ${formatTime(p.durationSec)}` : ''}
                </span>
                {p.durationSec > 0 && <span className="continue-bar" style={{ ['--done' as string]: `${(100 * p.positionSec) / p.durationSec}%` }} aria-hidden="true" />}
              </div>
              {downloadId ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => onPlay({ ...item, downloadId })}
                  aria-label={`Continue “${label}” at ${formatTime(p.positionSec)}`}
                  data-testid="continue-play"
                >
                  Continue
                </button>
              ) : (
                <span className="continue-missing">Not downloaded</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
