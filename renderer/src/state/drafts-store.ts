import { create } from 'zustand';
import type { CourseDetail, CourseSummary } from '../../../main/contract/types';
import { shareDetail } from './share-detail';

/**
 * The course list and the course open in the editor, as last received from main. Fields being edited
 * keep their own text (see useAutosavedField), so replacing `detail` never disturbs typing.
 */
interface DraftsState {
  courses: CourseSummary[] | null;
  selectedId: string | null;
  detail: CourseDetail | null;
  /** Set by a local change (optimistic move, create) so a fetch started before it cannot undo it. */
  localVersion: number;
  /** A course just created: its title field takes focus once. */
  focusTitleOf: string | null;
  setCourses(courses: CourseSummary[]): void;
  select(courseId: string | null): void;
  /** False when the detail was not taken: a local change happened since `fromVersion`, or another course is open. */
  setDetail(detail: CourseDetail | null, fromVersion?: number): boolean;
  applyLocal(change: (detail: CourseDetail) => CourseDetail): void;
  requestTitleFocus(courseId: string | null): void;
}

export const useDrafts = create<DraftsState>()((set, get) => ({
  courses: null,
  selectedId: null,
  detail: null,
  localVersion: 0,
  focusTitleOf: null,
  setCourses(courses) {
    set({ courses });
  },
  select(courseId) {
    if (get().selectedId === courseId) return;
    set((s) => ({ selectedId: courseId, detail: s.detail?.id === courseId ? s.detail : null, localVersion: s.localVersion + 1 }));
  },
  setDetail(detail, fromVersion) {
    const s = get();
    if (fromVersion !== undefined && fromVersion !== s.localVersion) return false;
    if (detail && detail.id !== s.selectedId) return false;
    // A fetch only fills in; a mutation's own answer is newer than any fetch still travelling.
    const shared = shareDetail(s.detail, detail);
    set(fromVersion === undefined ? { detail: shared, localVersion: s.localVersion + 1 } : { detail: shared });
    return true;
  },
  applyLocal(change) {
    set((s) => (s.detail ? { detail: shareDetail(s.detail, change(s.detail)), localVersion: s.localVersion + 1 } : s));
  },
  requestTitleFocus(courseId) {
    set({ focusTitleOf: courseId });
  },
}));
