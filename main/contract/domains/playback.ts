import { z } from 'zod';
import { channel, event } from '../define';

/** The offline player's side: watch progress, "continue where I left off" and what to play (issue #5). */

/** Longest lecture the player records progress for; anything beyond is a broken duration, not a lecture. */
export const MAX_LECTURE_SECONDS = 24 * 60 * 60;

/** How much of a lecture must be watched for it to count as complete. */
export const COMPLETE_FRACTION = 0.9;

const HubBase = z
  .string()
  .max(2048, 'Hub address is at most 2048 characters')
  .regex(/^https?:\/\/\S+$/, 'must be the http(s) address of a hub');
/** Course and lecture ids as the hub names them (not Lectern UUIDs). */
const HubId = z
  .string()
  .min(1, 'cannot be empty')
  .max(200, 'is at most 200 characters')
  .regex(/^[^\s/\\]+$/, 'must not contain spaces or slashes');
const Seconds = z.number().finite().min(0, 'cannot be negative').max(MAX_LECTURE_SECONDS, 'is longer than 24 hours');
/** Mirrors the download ids the DownloadManager creates (main/services/downloads/library-paths.ts). */
export const DownloadId = z.string().regex(/^[a-f0-9]{32}$/, 'must be a download id issued by Lectern');

const LectureKey = { hubBase: HubBase, courseId: HubId, lectureId: HubId };

/** One lecture's watch progress; keyed by what the hub names, so it survives re-downloading. */
export interface LectureProgress {
  hubBase: string;
  courseId: string;
  lectureId: string;
  title: string;
  positionSec: number;
  durationSec: number;
  /** Set once at least 90 % was watched; watching again from the start does not clear it. */
  completed: boolean;
  updatedAt: number;
}

export interface CourseProgress {
  hubBase: string;
  courseId: string;
  completed: number;
  /** Lectures with any progress, complete or not. */
  started: number;
  /** As given by the caller, or every lecture known locally (downloaded or watched). */
  total: number;
  /** completed / total, 0 when total is 0. */
  fraction: number;
  lectures: LectureProgress[];
}

/** An unfinished lecture to continue; `downloadId` when a completed download of it can play offline. */
export interface ContinueItem {
  progress: LectureProgress;
  downloadId: string | null;
}

/**
 * What the player needs to play one downloaded lecture: the download names the media on the app's
 * `/media/` route, the hub's ids key the watch progress (so it survives re-downloading).
 */
export interface PlayerLecture {
  downloadId: string;
  title: string;
  hubBase: string;
  courseId: string;
  lectureId: string;
  /** Not every file is here yet: it plays as the download arrives (the download is moved to the front). */
  downloading: boolean;
  /** A thumbnails WebVTT (`sprite.jpg#xywh=…` cues) on the app's origin. */
  storyboardVttUrl?: string | null;
  /** A captions WebVTT on the app's origin. */
  captionsUrl?: string | null;
  /** The captions' BCP 47 language and menu label, when the hub named them. */
  captionsLanguage?: string | null;
  captionsLabel?: string | null;
}

export interface PlayableLecture {
  lecture: PlayerLecture;
  /** The next downloaded (or downloading) lecture of the same course, in download order, or null. */
  next: PlayerLecture | null;
}

export const playbackChannels = {
  'progress.get': channel<LectureProgress | null>()(z.strictObject(LectureKey), "A lecture's saved position, or null if never watched."),
  'progress.save': channel<LectureProgress>()(
    z.strictObject({ ...LectureKey, title: z.string().max(1000, 'Title is at most 1000 characters'), positionSec: Seconds, durationSec: Seconds }),
    'Record the position (the player calls it every few seconds and on pause, end and close); at ≥ 90 % the lecture is complete for good.',
  ),
  'progress.course': channel<CourseProgress>()(
    z.strictObject({ hubBase: HubBase, courseId: HubId, totalLectures: z.number().int().min(0).max(100_000).optional() }),
    "A course's completed / total lectures; total defaults to the lectures known locally.",
  ),
  'progress.recent': channel<ContinueItem[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(50).optional() }),
    'Unfinished lectures, most recently watched first ("continue where I left off").',
  ),
  'playback.lecture': channel<PlayableLecture>()(
    z.strictObject({ downloadId: DownloadId }),
    'A download as the player needs it, with the next lecture of its course; an unfinished one is moved to the front of the queue and plays as it arrives.',
  ),
} as const;

export const playbackEvents = {
  'progress.changed': event<LectureProgress>("A lecture's saved position or completion changed."),
} as const;

/**
 * The header the player adds to its own media requests; the offline media route hands out keys only to
 * requests that carry it or same-origin fetch metadata (main/services/offline-media).
 */
export const PLAYER_REQUEST_HEADER = 'x-lectern-player';
