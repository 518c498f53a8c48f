import { create } from 'zustand';
import type { RecordingTake } from '../../../main/contract/types';

interface TakesState {
  /** Each lecture's takes (not deleted), newest first, as last heard from main. */
  byLecture: Record<string, RecordingTake[]>;
  /** Takes a crash left unfinished, for the recovery prompt; null until asked. */
  unfinished: RecordingTake[] | null;
  /** The last deleted take, for Undo. */
  lastDeleted: RecordingTake | null;
  setLecture(lectureId: string, takes: RecordingTake[]): void;
  apply(take: RecordingTake): void;
  set(change: Partial<Pick<TakesState, 'unfinished' | 'lastDeleted'>>): void;
  /** A take discarded for good. */
  remove(take: RecordingTake): void;
}

export const useTakes = create<TakesState>()((set) => ({
  byLecture: {},
  unfinished: null,
  lastDeleted: null,
  setLecture: (lectureId, takes) => set((s) => ({ byLecture: { ...s.byLecture, [lectureId]: takes } })),
  apply: (take) =>
    set((s) => {
      const list = (s.byLecture[take.lectureId] ?? []).filter((t) => t.id !== take.id);
      const next = take.deletedAt === null ? [take, ...list].sort((a, b) => b.createdAt - a.createdAt) : list;
      // Only one take is a lecture's video: a take that became it takes the mark from the others.
      const marked = take.inUse && take.deletedAt === null ? next.map((t) => (t.id === take.id || !t.inUse ? t : { ...t, inUse: false })) : next;
      const unfinished = s.unfinished && (take.state === 'unfinished' ? s.unfinished : s.unfinished.filter((t) => t.id !== take.id));
      return { byLecture: { ...s.byLecture, [take.lectureId]: marked }, unfinished };
    }),
  set: (change) => set(change),
  remove: (take) =>
    set((s) => ({
      byLecture: { ...s.byLecture, [take.lectureId]: (s.byLecture[take.lectureId] ?? []).filter((t) => t.id !== take.id) },
      unfinished: s.unfinished?.filter((t) => t.id !== take.id) ?? null,
    })),
}));

const NONE: RecordingTake[] = [];
export const useLectureTakes = (lectureId: string): RecordingTake[] => useTakes((s) => s.byLecture[lectureId] ?? NONE);
