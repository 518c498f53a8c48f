import { useEffect } from 'react';
import { CourseList } from '../courses/CourseList';
import { WelcomePanel } from '../courses/WelcomePanel';
import { CourseEditor } from '../editor/CourseEditor';
import { useT } from '../i18n/use-t';
import { subscribe } from '../ipc';
import { useDrafts } from '../state/drafts-store';
import { refreshCourses, refreshDetail } from '../state/refresh';
import { Notices } from '../ui/Notices';

/** The instructor's studio: course drafts in the sidebar, the selected course's editor beside it. */
export function StudioArea() {
  const courses = useDrafts((s) => s.courses);
  const selectedId = useDrafts((s) => s.selectedId);
  const detail = useDrafts((s) => s.detail);
  const t = useT();

  useEffect(() => {
    void refreshCourses();
    // Changes can come from this window, another window or the CLI: refetch whatever is on screen.
    return subscribe('drafts.changed', ({ courseId }) => {
      void refreshCourses();
      if (courseId === useDrafts.getState().selectedId) void refreshDetail();
    });
  }, []);

  useEffect(() => {
    if (selectedId !== null) void refreshDetail();
  }, [selectedId]);

  return (
    <div className="app-shell">
      <CourseList />
      <main className="workspace" aria-label={t('studio.editorLabel')}>
        <Notices />
        {courses !== null && courses.length === 0 && selectedId === null ? (
          <WelcomePanel />
        ) : detail && detail.id === selectedId ? (
          <CourseEditor key={detail.id} course={detail} />
        ) : courses !== null && selectedId !== null ? (
          <p className="loading">{t('studio.loadingCourse')}</p>
        ) : null}
      </main>
    </div>
  );
}
