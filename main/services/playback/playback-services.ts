import type { ContinueItem, CourseProgress, PlayableLecture } from '../../contract/domains/playback';
import type { EventSink } from '../../contract/events';
import type { Database } from '../db/database';
import type { Logger } from '../log/logger';
import { downloadsByLecture, lectureKey, playableLecture, type CaptionsOf, type DownloadedLecture } from './playable-lecture';
import { WatchProgress } from './watch-progress';

/**
 * Watch progress and "continue where I left off". What is downloaded is passed in per call (the
 * library owns downloads), so this stays a plain store with no dependency on the download manager.
 */
export type PlaybackServices = {
  readonly progress: WatchProgress;
  course(hubBase: string, courseId: string, total: number | undefined, downloads: readonly DownloadedLecture[]): CourseProgress;
  recent(limit: number, downloads: readonly DownloadedLecture[]): ContinueItem[];
  lecture(downloadId: string, downloads: readonly DownloadedLecture[], captionsOf?: CaptionsOf): PlayableLecture;
  close(): Promise<void>;
};

export interface PlaybackOptions {
  db: Database;
  log: Logger;
  emit: EventSink;
  /** Tests pin the clock. */
  now?: () => number;
}

export function openPlaybackServices(opts: PlaybackOptions): PlaybackServices {
  const progress = new WatchProgress(opts.db, opts.emit, opts.now);
  return {
    progress,
    course: (hubBase, courseId, total, downloads) =>
      progress.course(hubBase, courseId, {
        total,
        knownLectureIds: downloads.filter((d) => d.hubBase === hubBase && d.courseId === courseId).map((d) => d.lectureId),
      }),
    recent: (limit, downloads) => {
      const playable = downloadsByLecture(downloads);
      return progress.recent(limit).map((p) => ({ progress: p, downloadId: playable.get(lectureKey(p)) ?? null }));
    },
    lecture: (downloadId, downloads, captionsOf) => playableLecture(downloads, downloadId, captionsOf),
    close: async () => {},
  };
}
