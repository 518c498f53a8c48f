import { useEffect, useRef, useState } from 'react';
import type { CourseDetail } from '../../../main/contract/types';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { deleteCourse } from '../state/drafts-actions';
import { message } from '../state/message-text';
import { useDrafts } from '../state/drafts-store';
import { AutosaveTextField } from '../ui/AutosaveTextField';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { SaveIndicator } from '../ui/SaveIndicator';
import { CourseDetailsForm } from './CourseDetailsForm';
import { OutlineEditor } from './OutlineEditor';
import './editor.css';

/** One course: its title and details, its outline, and deleting it (after confirmation). */
export function CourseEditor({ course }: { course: CourseDetail }) {
  const [confirming, setConfirming] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const focusTitleOf = useDrafts((s) => s.focusTitleOf);
  const t = useT();

  useEffect(() => {
    // A new course opens with its placeholder title selected, so typing replaces it.
    if (focusTitleOf !== course.id || !titleRef.current) return;
    titleRef.current.focus();
    titleRef.current.select();
    useDrafts.getState().requestTitleFocus(null);
  }, [focusTitleOf, course.id]);

  return (
    <article className="course-editor" data-testid="course-editor" data-course-id={course.id}>
      <header className="editor-header">
        <AutosaveTextField
          fieldKey={`course:${course.id}:title`}
          label={message('autosave.saveFailed.courseTitle', { title: course.title })}
          stored={course.title}
          save={(title) => call('courses.update', { courseId: course.id, patch: { title } })}
          labelText={t('editor.courseTitle')}
          className="course-title-field"
          testId="course-title"
          inputRef={titleRef}
        />
        <div className="editor-actions">
          <SaveIndicator />
          <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)} data-testid="delete-course">
            {t('editor.deleteCourse')}
          </button>
        </div>
      </header>
      <CourseDetailsForm course={course} />
      <OutlineEditor course={course} />
      <ConfirmDialog
        open={confirming}
        title={t('editor.deleteConfirmTitle')}
        confirmLabel={t('editor.deleteCourse')}
        testId="confirm-dialog"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void deleteCourse(course.id);
        }}
      >
        <p>
          <Rich id="editor.deleteConfirmBody" values={{ title: <bdi className="dialog-course-title">{course.title}</bdi> }} />
        </p>
      </ConfirmDialog>
    </article>
  );
}
