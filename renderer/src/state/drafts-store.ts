import { create } from 'zustand';
import type { CourseDetail, CourseSummary } from '../../../main/contract/types';

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
  setDetail(detail: CourseDetail | null, fromVersion?: number): void;
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
    if (fromVersion !== undefined && fromVersion !== s.localVersion) return;
    if (detail && detail.id !== s.selectedId) return;
    // A fetch only fills in; a mutation's own answer is newer than any fetch still travelling.
    set(fromVersion === undefined ? { detail, localVersion: s.localVersion + 1 } : { detail });
  },
  applyLocal(change) {
    set((s) => (s.detail ? { detail: change(s.detail), localVersion: s.localVersion + 1 } : s));
  },
  requestTitleFocus(courseId) {
    set({ focusTitleOf: courseId });
  },
}));
