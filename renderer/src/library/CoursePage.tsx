import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CoursePage as Course } from '../../../main/contract/domains/library';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CourseProgressBar } from '../player/CourseProgressBar';
import { AuthorText } from '../rich-text/AuthorText';
import { copiesByLecture } from './course-downloads';
import { CourseSections } from './CourseLectures';
import { downloadAction } from './DownloadControls';
import { DownloadDialog, type DownloadTarget } from './DownloadDialog';
import { formatWhen } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { useLibrary } from './library-store';

/** A course as published: description (sanitized author HTML), sections, lectures with durations and sizes, and downloads. */
export function CoursePage({ hubId, courseId }: { hubId: string; courseId: string }) {
  const [course, setCourse] = useState<Course | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [target, setTarget] = useState<DownloadTarget | null>(null);
  // Posters come from the hub on demand, so offline (or refused as tampered) there is simply none.
  const [posterFailed, setPosterFailed] = useState(false);
  const show = useLibrary((s) => s.show);
  const downloads = useLibrary((s) => s.downloads);
  const hub = useLibrary((s) => s.catalog?.hubs.find((h) => h.id === hubId) ?? null);
  const t = useT();

  const load = useCallback(() => {
    call('catalog.course', { hubId, courseId }).then(setCourse, (err: unknown) => setError(err));
  }, [hubId, courseId]);
  useEffect(load, [load]);
  // The live download list (events) wins over the snapshot the page was loaded with.
  const copies = useMemo(() => (course ? copiesByLecture(downloads, course.hubBase, course.courseId) : new Map<string, never>()), [downloads, course]);
  const onDownload = useCallback((lectureId: string, title: string) => setTarget({ hubId, courseId, lectureId, title }), [hubId, courseId]);

  if (error !== null) return <ErrorNotice className="field-error" error={error} />;
  if (!course) return <p className="loading">{t('library.course.loading')}</p>;

  const lectures = course.sections.flatMap((s) => s.lectures);
  const missing = lectures.filter((l) => l.hasMedia && !copies.has(l.id));

  return (
    <article className="course-page" aria-labelledby="course-title" data-testid="course-page">
      <button type="button" className="button" onClick={() => show({ kind: 'catalog' })}>
        {t('library.course.back')}
      </button>
      {course.coverPath && !posterFailed && <img className="course-poster" src={course.coverPath} alt="" onError={() => setPosterFailed(true)} data-testid="course-cover" />}
      <h1 id="course-title" dir="auto">
        {course.title}
      </h1>
      {course.subtitle && (
        <p className="course-subtitle" dir="auto">
          {course.subtitle}
        </p>
      )}
      <p className="muted">
        {t('library.course.version', { version: course.version })}
        {/* The ISO date the hub published (YYYY-MM-DD) reads the same in every language. */}
        {course.publishedAt && t('library.course.published', { date: course.publishedAt.slice(0, 10) })}
        {course.tags.length > 0 && ` · ${course.tags.join(', ')}`}
        {hub?.offline && t('library.course.offlineAsOf', { when: formatWhen(course.fetchedAt) })}
      </p>
      <CourseProgressBar hubBase={course.hubBase} courseId={course.courseId} totalLectures={lectures.filter((l) => l.hasMedia).length} />
      {course.update && (
        <div className="library-banner" role="status" data-testid="course-update">
          {t('library.course.updateAvailable', { to: course.update.to, from: course.update.from })}
          <button
            type="button"
            className="button"
            onClick={() =>
              void downloadAction(async () => {
                await call('downloads.update', { hubId, courseId });
                load();
              })
            }
          >
            {t('library.course.updateDownloads')}
          </button>
        </div>
      )}
      {/* Author text is the editor's HTML from an untrusted hub: AuthorText sanitizes it (plain text is escaped). */}
      <AuthorText value={course.description} className="course-description" testId="course-description" />
      {missing.length > 0 && (
        <button type="button" className="button button-primary" onClick={() => setTarget({ hubId, courseId, title: course.title })} data-testid="download-course">
          {t('library.course.downloadCourse', { count: missing.length })}
        </button>
      )}
      <CourseSections sections={course.sections} copies={copies} hubId={hubId} courseId={courseId} onDownload={onDownload} />
      {target && (
        <DownloadDialog
          target={target}
          onClose={(started) => {
            setTarget(null);
            if (started) void useLibrary.getState().reloadDownloads();
          }}
        />
      )}
    </article>
  );
}
