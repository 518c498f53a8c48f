import { useCallback, useEffect, useState } from 'react';
import type { CourseLecture, CoursePage as Course, DownloadItem } from '../../../main/contract/domains/library';
import { call, errorMessage } from '../ipc';
import { CourseProgressBar } from '../player/CourseProgressBar';
import { AuthorText } from '../rich-text/AuthorText';
import { DownloadControls, downloadAction } from './DownloadControls';
import { DownloadDialog, type DownloadTarget } from './DownloadDialog';
import { formatBytes, formatDuration, formatWhen } from './format';
import { useLibrary } from './library-store';

/** A course as published: description (sanitized author HTML), sections, lectures with durations and sizes, and downloads. */
export function CoursePage({ hubId, courseId }: { hubId: string; courseId: string }) {
  const [course, setCourse] = useState<Course | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<DownloadTarget | null>(null);
  // Posters come from the hub on demand, so offline (or refused as tampered) there is simply none.
  const [posterFailed, setPosterFailed] = useState(false);
  const show = useLibrary((s) => s.show);
  const downloads = useLibrary((s) => s.downloads);
  const hub = useLibrary((s) => s.catalog?.hubs.find((h) => h.id === hubId) ?? null);

  const load = useCallback(() => {
    call('catalog.course', { hubId, courseId }).then(setCourse, (err: unknown) => setError(errorMessage(err)));
  }, [hubId, courseId]);
  useEffect(load, [load]);

  if (error) return <p className="field-error" role="alert">{error}</p>;
  if (!course) return <p className="loading">Loading the course…</p>;

  // The live download list (events) wins over the snapshot the page was loaded with.
  const copiesOf = (l: CourseLecture): DownloadItem[] =>
    Object.values(downloads)
      .filter((d) => d.hubBase === course.hubBase && d.courseId === course.courseId && d.lectureId === l.id)
      .sort((a, b) => b.courseVersion - a.courseVersion);
  const downloadOf = (l: CourseLecture): DownloadItem | null => copiesOf(l)[0] ?? null;
  // While an update downloads, the previous version's copy is still the one to watch.
  const olderPlayable = (l: CourseLecture): DownloadItem | null => {
    const [newest, ...older] = copiesOf(l);
    return newest && newest.state !== 'completed' ? (older.find((d) => d.state === 'completed') ?? null) : null;
  };
  const lectures = course.sections.flatMap((s) => s.lectures);
  const missing = lectures.filter((l) => l.hasMedia && !downloadOf(l));

  return (
    <article className="course-page" aria-labelledby="course-title" data-testid="course-page">
      <button type="button" className="button" onClick={() => show({ kind: 'catalog' })}>
        ← Catalog
      </button>
      {course.posterPath && !posterFailed && <img className="course-poster" src={course.posterPath} alt="" onError={() => setPosterFailed(true)} />}
      <h1 id="course-title" dir="auto">
        {course.title}
      </h1>
      {course.subtitle && (
        <p className="course-subtitle" dir="auto">
          {course.subtitle}
        </p>
      )}
      <p className="muted">
        Version {course.version}
        {course.publishedAt && ` · published ${course.publishedAt.slice(0, 10)}`}
        {course.tags.length > 0 && ` · ${course.tags.join(', ')}`}
        {hub?.offline && ` · offline, as of ${formatWhen(course.fetchedAt)}`}
      </p>
      <CourseProgressBar hubBase={course.hubBase} courseId={course.courseId} totalLectures={lectures.filter((l) => l.hasMedia).length} />
      {course.update && (
        <div className="library-banner" role="status" data-testid="course-update">
          Version {course.update.to} of this course is available; your downloads are from version {course.update.from}. They stay playable until the update completes.
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
            Update downloads
          </button>
        </div>
      )}
      {/* Author text is the editor's HTML from an untrusted hub: AuthorText sanitizes it (plain text is escaped). */}
      <AuthorText value={course.description} className="course-description" testId="course-description" />
      {missing.length > 0 && (
        <button type="button" className="button button-primary" onClick={() => setTarget({ hubId, courseId, title: course.title })} data-testid="download-course">
          Download course ({missing.length} {missing.length === 1 ? 'lecture' : 'lectures'})
        </button>
      )}
      {course.sections.map((s) => (
        <section key={s.id ?? 'rest'} className="course-section" aria-label={s.title}>
          <h2 dir="auto">{s.title}</h2>
          <ol className="course-lectures">
            {s.lectures.map((l) => {
              const d = downloadOf(l);
              return (
                <li key={l.id} className="course-lecture" data-testid="course-lecture">
                  <div className="course-lecture-head">
                    <h3 dir="auto">{l.title}</h3>
                    <span className="muted" data-testid="lecture-duration">
                      {formatDuration(l.durationSec)}
                    </span>
                    {l.freePreview && <span className="badge">Free preview</span>}
                  </div>
                  <AuthorText value={l.summary} className="course-lecture-summary" />
                  {l.qualities.length > 0 && (
                    <p className="muted" data-testid="lecture-sizes">
                      {l.qualities.map((q) => `${q.name} ${formatBytes(q.bytes)}`).join(' · ')}
                    </p>
                  )}
                  {l.previewPath && !d && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => l.previewPath && show({ kind: 'preview', src: l.previewPath, title: l.title, back: { kind: 'course', hubId, courseId } })}
                      aria-label={`Watch the free preview of ${l.title}`}
                    >
                      Watch preview
                    </button>
                  )}
                  {!l.hasMedia ? (
                    <p className="muted">No video published yet.</p>
                  ) : d ? (
                    <>
                      <DownloadControls d={d} label={l.title} />
                      <PlayOlder d={olderPlayable(l)} title={l.title} onPlay={(id) => show({ kind: 'player', downloadId: id, back: { kind: 'course', hubId, courseId } })} />
                    </>
                  ) : (
                    <button type="button" className="button" onClick={() => setTarget({ hubId, courseId, lectureId: l.id, title: l.title })} aria-label={`Download ${l.title}`}>
                      Download
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
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

function PlayOlder({ d, title, onPlay }: { d: DownloadItem | null; title: string; onPlay(downloadId: string): void }) {
  if (!d) return null;
  return (
    <button type="button" className="button" onClick={() => onPlay(d.id)} aria-label={`Play ${title} (version ${d.courseVersion})`} data-testid="play-older">
      Play version {d.courseVersion} while the update downloads
    </button>
  );
}
