import { useEffect } from 'react';
import { useT } from '../i18n/use-t';
import { subscribe } from '../ipc';
import { createCourse } from '../state/drafts-actions';
import { refreshCourses } from '../state/refresh';
import { useDrafts } from '../state/drafts-store';
import { AppInfoFooter } from './AppInfoFooter';
import './courses.css';

/** A proper name: the same in every language. */
const APP_NAME = 'Lectern';

/** The sidebar: every course draft, most recently edited first, and "New course". */
export function CourseList() {
  const courses = useDrafts((s) => s.courses);
  const selectedId = useDrafts((s) => s.selectedId);
  const select = useDrafts((s) => s.select);
  const t = useT();
  // A course without a cover is shown with its first lecture's poster, which a finished poster job may have just made.
  useEffect(
    () =>
      subscribe('media.job', (job) => {
        if (job.kind === 'poster' && job.status === 'done') void refreshCourses();
      }),
    [],
  );

  return (
    <nav className="sidebar" aria-label={t('courses.nav')}>
      <div className="sidebar-header">
        <h1 className="app-name">{APP_NAME}</h1>
        <button type="button" className="button button-primary" onClick={() => void createCourse()} data-testid="new-course">
          {t('courses.new')}
        </button>
      </div>
      <h2 className="sidebar-heading" id="course-list-heading">
        {t('courses.heading')}
      </h2>
      {courses === null ? (
        <p className="sidebar-empty">{t('common.loading')}</p>
      ) : courses.length === 0 ? (
        <p className="sidebar-empty">{t('courses.empty')}</p>
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
                    {t('courses.counts', { sections: c.sectionCount, lectures: c.lectureCount })}
                    {c.unpublishedChanges && (
                      <span className="badge badge-changes" title={t('courses.unpublishedTitle')} data-testid="course-unpublished">
                        {t('courses.unpublished')}
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
