import { useEffect } from 'react';
import { subscribe } from '../ipc';
import { createCourse } from '../state/drafts-actions';
import { refreshCourses } from '../state/refresh';
import { useDrafts } from '../state/drafts-store';
import { AppInfoFooter } from './AppInfoFooter';
import './courses.css';

function counts(sections: number, lectures: number): string {
  const s = `${sections} ${sections === 1 ? 'section' : 'sections'}`;
  const l = `${lectures} ${lectures === 1 ? 'lecture' : 'lectures'}`;
  return `${s} · ${l}`;
}

/** The sidebar: every course draft, most recently edited first, and "New course". */
export function CourseList() {
  const courses = useDrafts((s) => s.courses);
  const selectedId = useDrafts((s) => s.selectedId);
  const select = useDrafts((s) => s.select);
  // A course without a cover is shown with its first lecture's poster, which a finished poster job may have just made.
  useEffect(
    () =>
      subscribe('media.job', (job) => {
        if (job.kind === 'poster' && job.status === 'done') void refreshCourses();
      }),
    [],
  );

  return (
    <nav className="sidebar" aria-label="Courses">
      <div className="sidebar-header">
        <h1 className="app-name">Lectern</h1>
        <button type="button" className="button button-primary" onClick={() => void createCourse()} data-testid="new-course">
          New course
        </button>
      </div>
      <h2 className="sidebar-heading" id="course-list-heading">
        Your courses
      </h2>
      {courses === null ? (
        <p className="sidebar-empty">Loading…</p>
      ) : courses.length === 0 ? (
        <p className="sidebar-empty">No courses yet.</p>
      ) : (
        <ul className="course-list" aria-labelledby="course-list-heading" data-testid="course-list">
          {courses.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="course-item"
                aria-current={c.id === selectedId ? 'page' : undefined}
                onClick={() => select(c.id)}
                data-testid="course-item"
                data-course-id={c.id}
              >
                {c.coverPath ? <img className="course-item-cover" src={c.coverPath} alt="" data-testid="course-item-cover" /> : <span className="course-item-cover" aria-hidden="true" />}
                <span className="course-item-text">
                  <span className="course-item-title" dir="auto">
                    {c.title}
                  </span>
                  <span className="course-item-meta">
                    {counts(c.sectionCount, c.lectureCount)}
                    {c.unpublishedChanges && (
                      <span className="badge badge-changes" title="Edited since it was last published" data-testid="course-unpublished">
                        Unpublished changes
                      </span>
                    )}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <AppInfoFooter />
    </nav>
  );
}
