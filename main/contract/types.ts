/** Domain objects as the renderer sees them. Plain JSON: they cross IPC and the test host's WebSocket. */

import type { ServiceText } from './service-text';

export type LectureStatus = 'draft' | 'ready';

export interface Lecture {
  id: string;
  sectionId: string;
  title: string;
  summary: string;
  /** Seconds; null until media is attached. */
  durationSec: number | null;
  freePreview: boolean;
  status: LectureStatus;
  position: number;
  updatedAt: number;
}

export interface Section {
  id: string;
  courseId: string;
  title: string;
  position: number;
  updatedAt: number;
}

export interface SectionWithLectures extends Section {
  lectures: Lecture[];
}

/** How a course's videos are encoded: "Smaller files / Balanced / Higher quality". */
export type EncodingQuality = 'smaller' | 'balanced' | 'higher';

export interface Course {
  id: string;
  title: string;
  subtitle: string;
  description: string;
  language: string;
  tags: string[];
  encoding: EncodingQuality;
  createdAt: number;
  updatedAt: number;
}

export interface CourseSummary {
  id: string;
  title: string;
  subtitle: string;
  sectionCount: number;
  lectureCount: number;
  /** The last edit to the course, its outline or a lecture's video. */
  updatedAt: number;
  /** What the course list shows: the cover, else the first lecture's poster (studio routes); null for neither. */
  coverPath?: string | null;
  /** When the course was last published to any hub; null if never. */
  lastPublishedAt: number | null;
  /** Published at least once and edited since: students see an older version until it is published again. */
  unpublishedChanges: boolean;
}

export interface CourseDetail extends Course {
  sections: SectionWithLectures[];
  /** The course's cover image; null when none is set (students then see the first lecture's poster). */
  cover?: CourseCover | null;
}

/** A course cover as stored: always a 1280×720 JPEG, named by the sha256 of its bytes. */
export interface CourseCover {
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  /** The name of the file it was made from, for "Made from …". */
  sourceName: string;
  /** Where the studio loads it: `/studio-covers/<sha256>.jpg` on the app origin. */
  path: string;
  updatedAt: number;
}

export type TrashKind = 'course' | 'section' | 'lecture';

export interface DeleteReceipt {
  undoToken: string;
  kind: TrashKind;
  /** What the user deleted, for an "Undo delete of …" message. */
  title: string;
}

export interface RestoreReceipt {
  kind: TrashKind;
  courseId: string;
}

/** The saved UI language choice and what the operating system prefers, for the renderer to resolve. */
export interface LanguageState {
  /** "system" or a base language tag ("en", "ko"). */
  setting: string;
  /** The OS's preferred languages, most preferred first; empty where the host cannot tell (the browser then decides). */
  systemLanguages: string[];
}

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
}

/** A diagnostics folder that was written; `path` is null when the user cancelled the folder dialog. */
export interface DiagnosticsExport {
  path: string | null;
  /** Files in the folder, relative to it. */
  files: string[];
  /** Sections that could not be read (the rest was still written). */
  problems: string[];
  /** The same, one for one, as message ids (the cause under Details), for the UI to say in its language. */
  problemTexts?: ServiceText[];
}

/** Where the app's own update stands; release notes are plain text from the release feed. */
export type UpdateChannel = 'stable' | 'beta';

export interface UpdateSettings {
  channel: UpdateChannel;
  /** Check on start and every 6 hours; off leaves only "Check now". */
  autoCheck: boolean;
}

/** Where electron-updater stands. Release notes are plain text (HTML stripped in main). Sizes are bytes. */
export type UpdateState =
  | { phase: 'disabled'; reason: string; reasonText?: ServiceText }
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'up-to-date'; version: string }
  /** No network or the hub did not answer: not an error to dismiss; the next check tries again. */
  | { phase: 'offline'; message: string; messageText?: ServiceText }
  | { phase: 'available'; version: string; notes?: string | undefined; size: number | null }
  | { phase: 'downloading'; version: string; percent: number; bytesPerSecond: number; transferred: number; total: number }
  /** Downloaded and sha512-verified. `waitingFor`: the restart was asked for and waits for this to finish. */
  | { phase: 'ready'; version: string; waitingFor?: ServiceText | undefined }
  | { phase: 'error'; message: string; messageText?: ServiceText };

/** Everything the Updates page shows, sent whole on every change. */
export interface UpdateStatus {
  currentVersion: string;
  settings: UpdateSettings;
  /** When the last check finished (ms since the epoch); null before the first. */
  lastCheck: number | null;
  state: UpdateState;
  /** Why Lectern must not restart right now (a recording, an upload or a download), or null. */
  busyReason: ServiceText | null;
}

/** What ffprobe found in a lecture's source video. Width/height are the display size (rotation and pixel aspect applied). */
export interface MediaProbe {
  container: string;
  durationSec: number | null;
  sizeBytes: number | null;
  bitRate: number | null;
  video: {
    codec: string;
    profile: string | null;
    codedWidth: number;
    codedHeight: number;
    width: number;
    height: number;
    frameRate: number | null;
    /** Degrees clockwise from the display matrix (0, 90, 180, 270). */
    rotation: number;
  } | null;
  audio: { codec: string; sampleRate: number | null; channels: number | null } | null;
}

export type MediaJobKind = 'poster' | 'storyboard' | 'ladder' | 'preview';
export type MediaJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface MediaJob {
  id: string;
  lectureId: string;
  kind: MediaJobKind;
  status: MediaJobStatus;
  /** 0–100. */
  percent: number;
  /** Seconds left by the current speed; null when unknown. */
  etaSec: number | null;
  error: string | null;
  /** `error` as a message id and values (the cause under Details), for the UI to say in its language. */
  errorText?: ServiceText | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface MediaRendition {
  name: string;
  width: number;
  height: number;
  /** Peak bits per second as written in the master playlist (video + audio). */
  bandwidth: number;
  playlist: string;
}

/** A captions file attached to a lecture; `language` (BCP 47) and `label` are what the player's menu shows. */
export interface LectureCaptions {
  file: string;
  originalName: string;
  sizeBytes: number;
  cueCount: number;
  language: string | null;
  label: string | null;
  attachedAt: number;
}

/** A lecture's media as the UI shows it; paths are absolute and only present once the file is complete. */
export interface LectureMedia {
  lectureId: string;
  source: { file: string; originalName: string; sizeBytes: number; importedAt: number; probe: MediaProbe } | null;
  poster: string | null;
  storyboard: { sprite: string; vtt: string } | null;
  preview: string | null;
  ladder: { master: string; renditions: MediaRendition[] } | null;
  /** The lecture's WebVTT captions track (one per lecture), as stored in the data folder. */
  captions: LectureCaptions | null;
  jobs: MediaJob[];
}

/** The ffmpeg Lectern transcodes with; `problem` is a user-facing sentence when something is missing. */
export interface FfmpegInfo {
  ffmpeg: string;
  ffprobe: string;
  version: string;
  missing: string[];
  problem: string | null;
}

/**
 * A recording take's life: 'recording'/'paused' while the renderer sends slices; 'unfinished' when the
 * process that recorded it is gone (crash, kill, power loss) and the instructor has not chosen yet;
 * 'finalizing' while ffmpeg makes the file seekable; 'ready' or 'failed' after.
 */
export type TakeState = 'recording' | 'paused' | 'unfinished' | 'finalizing' | 'ready' | 'failed';

export type CameraCorner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface RecordingTake {
  id: string;
  lectureId: string;
  name: string;
  state: TakeState;
  mimeType: string;
  tracks: { screen: boolean; camera: boolean; microphone: boolean };
  layout: { corner: CameraCorner; size: number } | null;
  /** Bytes and slices journaled so far. */
  bytes: number;
  chunks: number;
  /** Recorded time (pauses excluded) as last reported, then the finalised file's duration. */
  durationSec: number;
  createdAt: number;
  finishedAt: number | null;
  /** App-origin paths (under /studio-recordings/) of the playable file, its thumbnail and storyboard; null until ready. */
  video: string | null;
  thumbnail: string | null;
  storyboard: { sprite: string; vtt: string } | null;
  trim: { startSec: number; endSec: number; state: 'working' | 'ready' | 'failed' } | null;
  /** This take (or its trimmed cut) is the lecture's video. */
  inUse: boolean;
  deletedAt: number | null;
  /** A sentence a user can act on when state is 'failed' (or a trim failed). */
  error: string | null;
  /** `error` as a message id and values (the cause under Details), for the UI to say in its language. */
  errorText?: ServiceText | null;
}

export interface RecordingDiskSpace {
  freeBytes: number;
  /** At the bitrate assumed for a 1080p screen + camera + mic recording. */
  minutesLeft: number;
}

/** A screen or window offered by the source picker. */
export interface CaptureSource {
  id: string;
  name: string;
  kind: 'screen' | 'window';
  /** A PNG data URL, or null when the system gave none. */
  thumbnail: string | null;
}
