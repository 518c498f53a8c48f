import type { PlayableLecture, PlayerLecture } from '../../contract/domains/playback';
import { userError } from '../text/user-error';

/** The fields of a download (main/services/downloads DownloadSummary) the player needs. */
export interface DownloadedLecture {
  id: string;
  hubBase: string;
  courseId: string;
  lectureId: string;
  title: string;
  state: string;
}

/** A download's captions track, if it has one (main/services/downloads DownloadManager.captions). */
export type CaptionsOf = (downloadId: string) => { language: string | null; label: string | null } | null;

/** Where the offline media route serves a download's captions (offline-media-handler.ts). */
export const captionsUrl = (downloadId: string) => `/media/${downloadId}/captions.vtt`;

const toPlayer = (d: DownloadedLecture, captionsOf: CaptionsOf): PlayerLecture => {
  const captions = captionsOf(d.id);
  return {
    downloadId: d.id,
    title: d.title,
    hubBase: d.hubBase,
    courseId: d.courseId,
    lectureId: d.lectureId,
    downloading: d.state !== 'completed',
    ...(captions ? { captionsUrl: captionsUrl(d.id), captionsLanguage: captions.language, captionsLabel: captions.label } : {}),
  };
};

/**
 * Finds a download and the next one of the same course, in the order they were downloaded (a course
 * downloads its lectures in course order). An unfinished download plays as it arrives: the caller
 * raises it to the front of the download queue. The course page knows the real order and passes its
 * own `next`; this serves links that only carry a download id.
 */
export function playableLecture(downloads: readonly DownloadedLecture[], downloadId: string, captionsOf: CaptionsOf = () => null): PlayableLecture {
  const index = downloads.findIndex((d) => d.id === downloadId);
  const found = downloads[index];
  if (!found) throw userError('not-found', 'svc.playback.noDownload', { id: downloadId });
  const next = downloads.slice(index + 1).find((d) => d.hubBase === found.hubBase && d.courseId === found.courseId && d.lectureId !== found.lectureId);
  return { lecture: toPlayer(found, captionsOf), next: next ? toPlayer(next, captionsOf) : null };
}

/** The completed download of each lecture, by `hubBase courseId lectureId`, for "continue watching". */
export function downloadsByLecture(downloads: readonly DownloadedLecture[]): Map<string, string> {
  return new Map(downloads.filter((d) => d.state === 'completed').map((d) => [lectureKey(d), d.id]));
}

export const lectureKey = (k: { hubBase: string; courseId: string; lectureId: string }) => `${k.hubBase} ${k.courseId} ${k.lectureId}`;
