import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PlayerLecture } from '../../../main/contract/domains/playback';
import { call } from '../ipc';
import { useNotices } from '../state/notices-store';
import { HlsPlayer } from './HlsPlayer';
import { NextUp } from './NextUp';
import { ProgressSaver } from './progress-saver';
import { resumePosition } from './resume';
import { useCaptionsBlob } from './use-captions-blob';
import { isTypingTarget } from './shortcuts';
import { isComposing } from '../ui/ime';
import { playbackError, type PlaybackProblem } from './player-errors';
import { translate } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { ErrorNotice } from '../ui/ErrorNotice';

export type { PlayerLecture } from '../../../main/contract/domains/playback';

export interface LecturePlayerProps {
  lecture: PlayerLecture;
  /** What plays after this one (offered when it ends); only its title is shown. */
  next?: Pick<PlayerLecture, 'title'> | null;
  onNext?(): void;
  onClose?(): void;
}

/** Where the offline media route serves a completed download's master playlist. */
export const masterUrl = (downloadId: string) => `/media/${encodeURIComponent(downloadId)}/master.m3u8`;

/** Mark at the moment a lecture is opened; time to first frame is measured from here in the e2e. */
export const LECTURE_OPEN_MARK = 'lectern:lecture-open';

/**
 * The student's player for one downloaded lecture: resumes where they stopped, saves the position every
 * few seconds and whenever playback settles (pause, end, close, page hide), offers the next lecture with
 * a countdown, and says what to do when the download cannot play. The page around it shows the way back;
 * `onClose` is offered from the error panel and on Escape.
 */
export function LecturePlayer(props: LecturePlayerProps) {
  const [attempt, setAttempt] = useState(0);
  // A new lecture (or a retry) is a new session: progress, timers and hls.js all start over.
  return <LectureSession key={`${props.lecture.downloadId}:${attempt}`} {...props} onRetry={() => setAttempt((n) => n + 1)} />;
}

function LectureSession({ lecture, next, onNext, onClose, onRetry }: LecturePlayerProps & { onRetry(): void }) {
  const [startAt, setStartAt] = useState<number | null>(null);
  const [error, setError] = useState<PlaybackProblem | null>(null);
  const [ended, setEnded] = useState(false);
  const [nextCancelled, setNextCancelled] = useState(false);
  const { hubBase, courseId, lectureId, title } = lecture;
  const t = useT();

  useEffect(() => {
    performance.mark(LECTURE_OPEN_MARK);
    let live = true;
    call('progress.get', { hubBase, courseId, lectureId })
      .then((p) => live && setStartAt(resumePosition(p)))
      .catch((err: unknown) => {
        // Without the saved position the lecture still plays, from the start.
        if (live) setStartAt(0);
        useNotices.getState().pushError(translate('player.readPlaceFailed', { title }), err);
      });
    return () => {
      live = false;
    };
  }, [hubBase, courseId, lectureId, title]);

  const saver = useMemo(
    () =>
      new ProgressSaver((positionSec, durationSec) => {
        call('progress.save', { hubBase, courseId, lectureId, title, positionSec, durationSec }).catch((err: unknown) =>
          useNotices.getState().pushError(translate('player.savePlaceFailed', { title }), err, { key: `progress:${lectureId}` }),
        );
      }),
    [hubBase, courseId, lectureId, title],
  );

  useEffect(() => {
    const onHide = () => saver.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      saver.flush();
    };
  }, [saver]);

  // Escape leaves the player (the page around it has the visible Back); in fullscreen the browser
  // takes Escape to leave fullscreen first.
  useEffect(() => {
    if (!onClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !isComposing(e) && !document.fullscreenElement && !isTypingTarget(e.target instanceof HTMLElement ? e.target : null)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const onProgress = useCallback(
    (position: number, duration: number, settled: boolean) => {
      saver.update(position, duration);
      if (settled) saver.flush();
      if (!settled) {
        // Playing again after the end (rewound): the next lecture may be offered again when it ends.
        setEnded(false);
        setNextCancelled(false);
      }
    },
    [saver],
  );
  const playNext = useCallback(() => onNext?.(), [onNext]);
  const captionsSrc = useCaptionsBlob(lecture.captionsUrl);
  const showNext = ended && !error && !nextCancelled && next && onNext;

  return (
    <section className="lecture-player" aria-label={t('player.lectureLabel', { title })} data-testid="lecture-player">
      <h1 className="lecture-player-title" data-testid="player-title">
        {title}
      </h1>
      <div className="lecture-player-stage">
        {startAt === null ? (
          <p className="loading">{t('player.opening', { title })}</p>
        ) : (
          <HlsPlayer
            src={masterUrl(lecture.downloadId)}
            title={title}
            startAt={startAt}
            autoPlay
            fill
            storyboardUrl={lecture.storyboardVttUrl ?? undefined}
            captions={captionsSrc ? [{ src: captionsSrc, label: lecture.captionsLabel ?? t('player.captions'), lang: lecture.captionsLanguage ?? 'und' }] : undefined}
            onProgress={onProgress}
            onEnded={() => setEnded(true)}
            onError={setError}
          />
        )}
        {error && (
          <div className="player-failure" data-testid="player-failure">
            <ErrorNotice className="player-failure-notice" error={playbackError(error)} />
            <div className="player-next-actions">
              <button type="button" className="button button-primary" onClick={onRetry}>
                {t('player.tryAgain')}
              </button>
              {onClose && (
                <button type="button" className="button" onClick={onClose}>
                  {t('player.backToLibrary')}
                </button>
              )}
            </div>
          </div>
        )}
        {showNext && <NextUp title={next.title} onPlay={playNext} onCancel={() => setNextCancelled(true)} />}
      </div>
    </section>
  );
}
