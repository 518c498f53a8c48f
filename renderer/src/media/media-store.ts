import { create } from 'zustand';
import type { LectureMedia, MediaJob } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';
import { mergeJobs, withJob } from './latest-jobs';

/** What "Try again" next to an error does: import the same file again, or ask main to build again. */
export type Retry = { kind: 'import'; filePath: string } | { kind: 'build' } | null;

export interface MediaProblem {
  /** Names what failed when the error does not ("Couldn't start building."). */
  lead?: MessageKey;
  /**
   * What main answered (shown through ErrorNotice), or a sentence of the renderer's own as a key and
   * values, worded when drawn so a language switch rewords it.
   */
  error: unknown;
  note?: { key: MessageKey; values?: Record<string, string | number> };
  retry: Retry;
  /** Set when the problem is with the captions file, so "Choose another file…" asks for captions, not a video. */
  about?: 'captions';
}

export interface LectureMediaEntry {
  /** Null until main has answered. */
  media: LectureMedia | null;
  /** The name of the file being probed and copied, while an import runs. */
  importing: string | null;
  problem: MediaProblem | null;
  /** Whether the lecture's media panel is open; closed rows stay one line high so the outline stays easy to drag. */
  expanded: boolean;
}

const EMPTY: LectureMediaEntry = { media: null, importing: null, problem: null, expanded: false };

interface MediaState {
  lectures: Record<string, LectureMediaEntry>;
  /** Why this ffmpeg cannot build lecture video (from `media.tools`), shown in every media panel; null when it can. */
  toolsProblem: string | null;
  setToolsProblem(problem: string | null): void;
  patch(lectureId: string, change: Partial<LectureMediaEntry>): void;
  /** Takes a fetched media answer, keeping job updates that arrived while it travelled. */
  setMedia(lectureId: string, media: LectureMedia): void;
  applyJob(job: MediaJob): void;
}

/** Each lecture's media as last heard from main: `media.get` answers updated by `media.job` events. */
export const useMedia = create<MediaState>()((set) => ({
  lectures: {},
  toolsProblem: null,
  setToolsProblem(problem) {
    set({ toolsProblem: problem });
  },
  patch(lectureId, change) {
    set((s) => ({ lectures: { ...s.lectures, [lectureId]: { ...(s.lectures[lectureId] ?? EMPTY), ...change } } }));
  },
  setMedia(lectureId, media) {
    set((s) => {
      const entry = s.lectures[lectureId] ?? EMPTY;
      const held = entry.media?.jobs ?? [];
      return { lectures: { ...s.lectures, [lectureId]: { ...entry, media: { ...media, jobs: mergeJobs(media.jobs, held) } } } };
    });
  },
  applyJob(job) {
    set((s) => {
      const entry = s.lectures[job.lectureId];
      if (!entry?.media) return s;
      return { lectures: { ...s.lectures, [job.lectureId]: { ...entry, media: { ...entry.media, jobs: withJob(entry.media.jobs, job) } } } };
    });
  },
}));

export const useLectureMedia = (lectureId: string): LectureMediaEntry => useMedia((s) => s.lectures[lectureId] ?? EMPTY);
