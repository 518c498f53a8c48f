import { call } from '../ipc';
import { useProgressQuery } from './use-progress';
import { useT } from '../i18n/use-t';
import './progress.css';

export interface CourseProgressBarProps {
  hubBase: string;
  courseId: string;
  /** The course's lecture count when the caller knows it (its manifest); otherwise the lectures known locally. */
  totalLectures?: number;
}

/** Completed / total lectures of a course, as a labelled progress bar that follows the player's saves. */
export function CourseProgressBar({ hubBase, courseId, totalLectures }: CourseProgressBarProps) {
  const { value: course } = useProgressQuery(
    () => call('progress.course', { hubBase, courseId, ...(totalLectures === undefined ? {} : { totalLectures }) }),
    (p) => p.hubBase === hubBase && p.courseId === courseId,
    [hubBase, courseId, totalLectures],
  );
  const t = useT();
  if (!course || course.total === 0) return null;
  const percent = Math.round(course.fraction * 100);
  const text = t('player.courseProgress.text', { completed: course.completed, total: course.total });

  return (
    <div className="course-progress" data-testid="course-progress">
      <div
        className="course-progress-track"
        role="progressbar"
        aria-label={t('player.courseProgress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="course-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="course-progress-text">{text}</span>
    </div>
  );
}
