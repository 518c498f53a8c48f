import { createCourse } from '../state/drafts-actions';
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
              </button>
            </li>
          ))}
        </ul>
      )}
      <AppInfoFooter />
    </nav>
  );
}
