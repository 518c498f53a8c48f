import { useState } from 'react';
import type { Lecture } from '../../../main/contract/types';
import { HlsPlayer, type CaptionTrack } from '../player/HlsPlayer';
import { formatBytes, formatDuration } from '../i18n/format';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';
import { CaptionsFields } from './CaptionsFields';
import { JobRow } from './JobRow';
import { latestJobs, outputVersion } from './latest-jobs';
import { buildMedia, importVideo, pickCaptions, pickVideo, removeCaptions } from './media-actions';
import { describeProbe, isActive } from './media-format';
import { useLectureMedia, useMedia } from './media-store';
import { mediaPanelId, mediaUrl } from './media-urls';
import { RecordingPanel } from '../recording/RecordingPanel';
import { openRecorder } from '../recording/recording-session';
import { useRecording } from '../recording/recording-store';
import { TakesList } from '../recording/TakesList';
import { ErrorNotice } from '../ui/ErrorNotice';
import './media.css';

/**
 * A lecture's video, opened from its row's summary: add or replace it (button or drop), what it is, the
 * jobs that turn it into previews and an HLS ladder, errors with a way to try again, and a preview player.
 */
export function LectureMediaPanel({ lecture, number }: { lecture: Lecture; number: string }) {
  const { media, importing, problem, expanded } = useLectureMedia(lecture.id);
  const t = useT();
  const [previewOpen, setPreviewOpen] = useState(false);
  const recordingLecture = useRecording((s) => s.lectureId);
  const toolsProblem = useMedia((s) => s.toolsProblem);

  const source = media?.source ?? null;
  const jobs = media ? latestJobs(media.jobs) : [];
  const working = importing !== null || jobs.some(isActive);
  const built = media !== null && (media.poster !== null || media.ladder !== null || media.storyboard !== null || media.preview !== null);
  if (!expanded) return null;
  // `attachedAt` versions the URL, so a replaced file is fetched again rather than taken from a cache.
  const captionsTracks: CaptionTrack[] | undefined = media?.captions
    ? [{ src: mediaUrl(lecture.id, 'captions.vtt', media.captions.attachedAt), label: media.captions.label ?? t('media.captions.defaultLabel'), lang: media.captions.language ?? 'und' }]
    : undefined;

  return (
    <section className="lecture-media" id={mediaPanelId(lecture.id)} aria-label={t('media.panelLabel', { number })} data-testid="lecture-media">
      <div className="media-poster" data-testid="media-poster-frame">
        {media?.poster ? (
          <img src={mediaUrl(lecture.id, 'poster.jpg', outputVersion(media, 'poster'))} alt={t('media.posterAlt', { number })} data-testid="media-poster" />
        ) : (
          <span className="media-poster-empty" aria-hidden="true">
            {source ? '…' : '+'}
          </span>
        )}
      </div>
      <div className="media-body">
        {source ? (
          <p className="media-facts" data-testid="media-facts">
            <bdi className="media-file-name">{source.originalName}</bdi>
            <span>
              {formatDuration(source.probe.durationSec)} · {describeProbe(source.probe, t)} · {formatBytes(source.sizeBytes)}
            </span>
          </p>
        ) : (
          media !== null &&
          importing === null && (
            <p className="media-empty" data-testid="media-empty">
              {t('media.empty')}
            </p>
          )
        )}
        {media?.captions && (
          <>
            <p className="media-facts" data-testid="media-captions">
              <span>
                <Rich id="media.captions.facts" values={{ name: <bdi className="media-file-name">{media.captions.originalName}</bdi>, count: media.captions.cueCount }} />
                {media.captions.language ? ` · ${media.captions.language}` : ''}
              </span>
            </p>
            <CaptionsFields lectureId={lecture.id} captions={media.captions} number={number} />
          </>
        )}
        {importing !== null && (
          <p className="media-importing" role="status" data-testid="media-importing">
            <Rich id="media.importing" values={{ name: <bdi>{importing}</bdi> }} />
          </p>
        )}
        {toolsProblem && <ErrorNotice className="media-problem" error={toolsProblem} data-testid="media-tools-problem" />}
        {problem && (
          <ErrorNotice
            className="media-problem"
            error={problem.note ? t(problem.note.key, problem.note.values) : problem.error}
            {...(problem.lead ? { lead: t(problem.lead) } : {})}
            data-testid="media-error"
            action={
              <>
                {problem.retry && (
                  <button
                    type="button"
                    className="button"
                    disabled={working}
                    onClick={() => void (problem.retry?.kind === 'import' ? importVideo(lecture.id, problem.retry.filePath) : buildMedia(lecture.id))}
                    data-testid="media-retry"
                  >
                    {t('media.tryAgain')}
                  </button>
                )}
                <button
                  type="button"
                  className="button"
                  disabled={working}
                  onClick={() => void (problem.about === 'captions' ? pickCaptions(lecture.id) : pickVideo(lecture.id))}
                  data-testid="media-choose"
                >
                  {t('media.chooseAnother')}
                </button>
              </>
            }
          />
        )}
        {jobs.length > 0 && (
          <ul className="media-jobs" aria-label={t('media.jobsLabel', { number })} data-testid="media-jobs">
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} />
            ))}
          </ul>
        )}
        <TakesList lectureId={lecture.id} />
        {previewOpen && media?.ladder && (
          <div className="media-player" data-testid="media-player">
            <HlsPlayer
              src={mediaUrl(lecture.id, 'hls/master.m3u8', outputVersion(media, 'ladder'))}
              {...(media.storyboard ? { storyboardUrl: mediaUrl(lecture.id, 'storyboard/thumbnails.vtt', outputVersion(media, 'storyboard')) } : {})}
              {...(captionsTracks ? { captions: captionsTracks } : {})}
              title={lecture.title}
            />
            <p className="media-renditions" data-testid="media-renditions">
              {t('media.renditions', { renditions: media.ladder.renditions.map((r) => `${r.height}p`).join(', ') })}
            </p>
          </div>
        )}
      </div>
      <div className="media-actions">
        <button type="button" className="button" disabled={working} onClick={() => void pickVideo(lecture.id)} data-testid="media-add">
          {source ? t('media.replaceVideo') : t('media.addVideo')}
        </button>
        <button
          type="button"
          className="button"
          disabled={recordingLecture !== null}
          onClick={() => void openRecorder(lecture.id)}
          aria-haspopup="dialog"
          data-testid="media-record"
        >
          {t('media.record')}
        </button>
        {source && (
          <button type="button" className="button" disabled={working} onClick={() => void buildMedia(lecture.id)} data-testid="media-build">
            {built ? t('media.rebuildButton') : t('media.buildButton')}
          </button>
        )}
        {media !== null && (
          <button type="button" className="button" disabled={working} onClick={() => void pickCaptions(lecture.id)} data-testid="media-captions-add">
            {media.captions ? t('media.captions.replace') : t('media.captions.add')}
          </button>
        )}
        {media?.captions && (
          <button type="button" className="button" disabled={working} onClick={() => void removeCaptions(lecture.id)} data-testid="media-captions-remove">
            {t('media.captions.remove')}
          </button>
        )}
        {media?.ladder && (
          <button type="button" className="button" aria-expanded={previewOpen} onClick={() => setPreviewOpen((v) => !v)} data-testid="media-preview-toggle">
            {previewOpen ? t('media.closePreview') : t('media.preview')}
          </button>
        )}
      </div>
      {recordingLecture === lecture.id && <RecordingPanel lectureTitle={lecture.title} />}
    </section>
  );
}
