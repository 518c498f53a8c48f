import { useState } from 'react';
import type { Hub, Publication, PublishableCourse } from '../../../main/contract/domains/publishing-types';
import { call } from '../ipc';
import { useNav } from '../state/nav-store';
import { useNotices } from '../state/notices-store';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatWhen } from '../i18n/format';
import { PublishDialog } from './PublishDialog';
import { refreshCourses, usePublishing } from './publishing-store';

function PublicationLine({ course, publication: p }: { course: PublishableCourse; publication: Publication }) {
  const [confirming, setConfirming] = useState(false);
  async function unpublish() {
    setConfirming(false);
    try {
      await call('publish.unpublish', { courseId: course.courseId, hubId: p.hubId });
      await refreshCourses();
    } catch (err) {
      useNotices.getState().pushError(`Couldn't unpublish “${course.title}”.`, err);
    }
  }
  return (
    <li data-testid="publication" data-hub-id={p.hubId}>
      <span className="publication-version">Version {p.version}</span> on {p.hubName}, published {formatWhen(p.publishedAt)}{' '}
      <button type="button" className="button button-danger-quiet button-small" onClick={() => setConfirming(true)}>
        Unpublish
      </button>
      <ConfirmDialog open={confirming} title="Unpublish this course?" confirmLabel="Unpublish" onConfirm={() => void unpublish()} onCancel={() => setConfirming(false)}>
        <p>
          <span dir="auto">“{course.title}”</span> is removed from the catalog of {p.hubName}, so new students no longer find it. Students who already have it keep
          it, and publishing again brings it back.
        </p>
      </ConfirmDialog>
    </li>
  );
}

function CourseRow({ course, hubs }: { course: PublishableCourse; hubs: Hub[] }) {
  const [hubId, setHubId] = useState(hubs[0]?.id ?? '');
  const [checking, setChecking] = useState(false);
  const hub = hubs.find((h) => h.id === hubId) ?? hubs[0];
  const selectId = `hub-for-${course.courseId}`;

  return (
    <li className="publish-course" data-testid="publish-course" data-course-id={course.courseId}>
      <div className="publish-course-main">
        <h3 className="publish-course-title" dir="auto">
          {course.title}
        </h3>
        <p className="publish-course-meta">
          {course.lectureCount} {course.lectureCount === 1 ? 'lecture' : 'lectures'}
          {course.unpublishedChanges && (
            <span className="badge badge-changes" title="Students see the last published version until you publish again" data-testid="publish-unpublished">
              Unpublished changes
            </span>
          )}
        </p>
        <ul className="publications" data-testid="publications">
          {course.publications.length === 0 ? (
            <li className="publication-none">Not published yet</li>
          ) : (
            course.publications.map((p) => <PublicationLine key={p.hubId} course={course} publication={p} />)
          )}
        </ul>
      </div>
      <div className="publish-course-actions">
        {hubs.length > 1 && (
          <>
            <label className="visually-hidden" htmlFor={selectId}>
              Hub for {course.title}
            </label>
            <select id={selectId} value={hub?.id} onChange={(e) => setHubId(e.target.value)}>
              {hubs.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" className="button button-primary" disabled={!hub} onClick={() => setChecking(true)} data-testid="publish-course-button">
          Publish…
        </button>
      </div>
      {checking && hub && <PublishDialog course={course} hub={hub} onClose={() => setChecking(false)} />}
    </li>
  );
}

/** Course drafts with the version on each hub and a Publish button each. */
export function CoursesToPublish() {
  const courses = usePublishing((s) => s.courses);
  const hubs = usePublishing((s) => s.hubs);
  const show = useNav((s) => s.show);

  return (
    <section className="publishing-section" aria-labelledby="courses-heading">
      <h2 id="courses-heading">Courses</h2>
      {courses === null || hubs === null ? (
        <p className="loading">Loading courses…</p>
      ) : courses.length === 0 ? (
        <div className="publishing-empty" data-testid="courses-empty">
          <p>No courses yet. Create one in the Studio, add lectures with their videos, then come back here to publish it.</p>
          <button type="button" className="button" onClick={() => show('studio')}>
            Go to the Studio
          </button>
        </div>
      ) : (
        <>
          {hubs.length === 0 && <p className="field-hint">Add a hub above to publish a course.</p>}
          <ul className="publish-courses">
            {courses.map((c) => (
              <CourseRow key={c.courseId} course={c} hubs={hubs} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
