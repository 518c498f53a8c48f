import { memo, useRef } from 'react';
import type { CourseLecture, CourseSection, DownloadItem } from '../../../main/contract/domains/library';
import { AuthorText } from '../rich-text/AuthorText';
import { useNearView } from '../ui/use-near-view';
import { newestCopy, olderPlayable, type LectureCopies } from './course-downloads';
import { DownloadControls } from './DownloadControls';
import { formatBytes, formatDuration, STORED } from '../i18n/format';
import { useT, type Translate } from '../i18n/use-t';
import { useLibrary } from './library-store';

/** Lectures rendered at once when a course page opens: what fills the window and a screen more. */
const EAGER_LECTURES = 40;
/** A rendered lecture's usual height, for the placeholder that holds a section's place until it renders. */
const LECTURE_HEIGHT_PX = 110;

interface Where {
  hubId: string;
  courseId: string;
  /** Stable across renders (useCallback in the page), so rows keep their memoisation. */
  onDownload(lectureId: string, title: string): void;
}

/**
 * A course's sections in order. Each section renders its lectures once it comes within a screenful or
 * so of the view (and keeps them); until then a placeholder of about its height holds its place, so a
 * 2,000-lecture course opens with the cost of its first screens, not of every row.
 */
export function CourseSections({ sections, copies, ...where }: Where & { sections: CourseSection[]; copies: LectureCopies }) {
  let before = 0;
  return (
    <>
      {sections.map((s) => {
        const eager = before < EAGER_LECTURES;
        before += s.lectures.length;
        return <SectionBlock key={s.id ?? 'rest'} section={s} copies={copies} eager={eager} {...where} />;
      })}
    </>
  );
}

const SectionBlock = memo(function SectionBlock({ section, copies, eager, ...where }: Where & { section: CourseSection; copies: LectureCopies; eager: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const near = useNearView(ref, eager);
  const t = useT();
  return (
    <section ref={ref} className="course-section" aria-label={section.titleText ? t(section.titleText.key) : section.title} data-testid="course-section">
      <h2 dir="auto">{section.titleText ? t(section.titleText.key) : section.title}</h2>
      {near ? (
        <ol className="course-lectures">
          {section.lectures.map((l) => (
            <LectureRow key={l.id} lecture={l} download={newestCopy(copies, l.id)} older={olderPlayable(copies, l.id)} {...where} />
          ))}
        </ol>
      ) : (
        <p className="muted course-section-pending" style={{ minHeight: section.lectures.length * LECTURE_HEIGHT_PX }} data-testid="course-section-pending">
          {t('library.lectureCount', { count: section.lectures.length })}
        </p>
      )}
    </section>
  );
});

/** One lecture; memoised, so a download's progress re-renders only its own row. */
const LectureRow = memo(function LectureRow({
  lecture: l,
  download: d,
  older,
  hubId,
  courseId,
  onDownload,
}: Where & { lecture: CourseLecture; download: DownloadItem | null; older: DownloadItem | null }) {
  const show = useLibrary((s) => s.show);
  const back = { kind: 'course', hubId, courseId } as const;
  const t = useT();
  return (
    <li className="course-lecture" data-testid="course-lecture" data-lecture-id={l.id}>
      <div className="course-lecture-head">
        <h3 dir="auto">{l.title}</h3>
        <span className="muted" data-testid="lecture-duration">
          {formatDuration(l.durationSec)}
        </span>
        {l.freePreview && <span className="badge">{t('library.lecture.freePreview')}</span>}
      </div>
      <AuthorText value={l.summary} className="course-lecture-summary" />
      {l.qualities.length > 0 && (
        // One line per lecture: the best quality and its size. Every quality with its size is in the download dialog.
        <p className="muted" data-testid="lecture-sizes">
          {bestQuality(l.qualities, t)}
        </p>
      )}
      {l.previewPath && !d && (
        <button
          type="button"
          className="button"
          onClick={() => l.previewPath && show({ kind: 'preview', src: l.previewPath, title: l.title, back })}
          aria-label={t('library.lecture.watchPreviewLabel', { title: l.title })}
        >
          {t('library.lecture.watchPreview')}
        </button>
      )}
      {!l.hasMedia ? (
        <p className="muted">{t('library.lecture.noVideo')}</p>
      ) : d ? (
        <>
          <DownloadControls d={d} label={l.title} />
          <PlayOlder d={older} title={l.title} onPlay={(id) => show({ kind: 'player', downloadId: id, back })} />
        </>
      ) : (
        <button type="button" className="button" onClick={() => onDownload(l.id, l.title)} aria-label={t('library.lecture.downloadLabel', { title: l.title })}>
          {t('library.lecture.download')}
        </button>
      )}
    </li>
  );
});

function PlayOlder({ d, title, onPlay }: { d: DownloadItem | null; title: string; onPlay(downloadId: string): void }) {
  const t = useT();
  if (!d) return null;
  return (
    <button type="button" className="button" onClick={() => onPlay(d.id)} aria-label={t('library.lecture.playOlderLabel', { title, version: d.courseVersion })} data-testid="play-older">
      {t('library.lecture.playOlder', { version: d.courseVersion })}
    </button>
  );
}

/** "Up to 1080p · 84 MB (3 qualities)": qualities arrive best first. */
function bestQuality(qualities: CourseLecture['qualities'], t: Translate): string {
  const best = qualities[0];
  if (!best) return '';
  const more = qualities.length > 1 ? t('library.lecture.qualityCount', { count: qualities.length }) : '';
  return t('library.lecture.bestQuality', { quality: best.name, size: formatBytes(best.bytes, STORED) }) + more;
}
