import { useEffect } from 'react';
import { useT } from '../i18n/use-t';
import { outputVersion } from './latest-jobs';
import { loadMedia, reportMediaTools, toggleMediaPanel, watchMediaJobs } from './media-actions';
import { useLectureMedia } from './media-store';
import { summarize } from './media-summary';
import { mediaPanelId, mediaUrl } from './media-urls';
import './media.css';

/**
 * The lecture's video in its outline row: a small poster and its state; opens the media panel. Keeps
 * the lecture's media loaded and followed while the row exists, whether or not the panel is open.
 */
export function MediaSummary({ lectureId, number }: { lectureId: string; number: string }) {
  const entry = useLectureMedia(lectureId);
  const t = useT();
  const { text, tone } = summarize(entry, t);
  const media = entry.media;

  useEffect(() => {
    watchMediaJobs();
    reportMediaTools();
    void loadMedia(lectureId);
  }, [lectureId]);

  return (
    <button
      type="button"
      className={`media-summary media-summary-${tone}`}
      aria-expanded={entry.expanded}
      aria-controls={mediaPanelId(lectureId)}
      onClick={() => toggleMediaPanel(lectureId)}
      data-testid="media-summary"
    >
      {media?.poster ? (
        <img className="media-summary-poster" src={mediaUrl(lectureId, 'poster.jpg', outputVersion(media, 'poster'))} alt="" />
      ) : (
        <span className="media-summary-poster" aria-hidden="true" />
      )}
      <span className="visually-hidden">{t('media.summary.lead', { number })} </span>
      <span data-testid="media-summary-text">{text}</span>
    </button>
  );
}
