/** Plain JSON shapes of the publishing domain as the renderer and the CLI see them. No secret ever appears here. */

import type { ServiceText } from '../service-text';

/** Why a hub refused: the UI branches on it (e.g. 'credentials-expired' asks for fresh temporary keys). */
export type HubFailureReason = 'retryable' | 'credentials-expired' | 'credentials-invalid' | 'bucket-missing' | 'access-denied' | 'upload-missing' | 'aborted' | 'fatal' | 'unsupported';

/** A hub profile without its secret key or session token. */
export interface Hub {
  id: string;
  name: string;
  endpoint: string;
  region: string;
  bucket: string;
  keyPrefix: string;
  pathStyle: boolean;
  accessKeyId: string;
  hasSessionToken: boolean;
  /** Epoch ms; null for long-term keys. */
  sessionExpiresAt: number | null;
  /** What a student types into the library's "Add hub" form to get this hub's courses. */
  shareAddress: string;
  createdAt: number;
  updatedAt: number;
}

/** What `hubs.createBucket` did: created the bucket, or found it already there and owned by this key. */
export interface BucketCreation {
  hubId: string;
  bucket: string;
  created: boolean;
}

/** 'ok', 'skipped: <why>', or '<reason>: <S3 code and message>' per permission. */
export interface HubConnectionReport {
  ok: boolean;
  list: string;
  write: string;
  read: string;
  delete: string;
  /** The first problem as a sentence the user can act on; null when all four checks passed. */
  problem: string | null;
  /** The same as a message id and values (the UI and the CLI under LANG say it in the user's language). */
  problemText?: ServiceText;
  reason: HubFailureReason | null;
}

export interface PublishProblem {
  /** The lecture the problem is about; null for the course as a whole. */
  lectureId: string | null;
  message: string;
  /** The same as a message id and values, for the UI and the CLI to say in the user's language. */
  text?: ServiceText;
}

/** The pre-publish check: what must be fixed before a course can be published. */
export interface PublishCheck {
  courseId: string;
  ok: boolean;
  problems: PublishProblem[];
  lectureCount: number;
}

export type PublishRunState = 'queued' | 'running' | 'paused' | 'failed' | 'done' | 'cancelled';

/**
 * One publish of a course to a hub, as the upload queue shows it. Files count the media files of the
 * version (poster, storyboard, preview clip and HLS package of every lecture); `filesSkipped` of them
 * were already on the hub. Bytes count only what has to be sent.
 */
export interface PublishRun {
  id: string;
  courseId: string;
  courseTitle: string;
  hubId: string;
  hubName: string;
  state: PublishRunState;
  error: string | null;
  /** `error` as a message id and values, when the service worded it as one (the UI says it in its language). */
  errorText?: ServiceText | null;
  reason: HubFailureReason | null;
  filesTotal: number;
  filesDone: number;
  filesSkipped: number;
  bytesTotal: number;
  bytesDone: number;
  /** Recent upload speed; 0 when not running. */
  bytesPerSecond: number;
  /** Files being sent right now (hub paths relative to the course), empty when not running. */
  currentFiles: { path: string; size: number }[];
  /**
   * Set while another machine holds the course on the hub (its lease): the run waits for it, then fails
   * with who holds it (docs/HUB-FORMAT.md, "Leases"). `since` is when that machine took it (ISO 8601).
   */
  waitingFor: { host: string; since: string } | null;
  etaSeconds: number | null;
  /** Upload cap in bytes per second; null for none. */
  bandwidthLimit: number | null;
  /** The version this run publishes, once known (after reading the hub's latest.json). */
  version: number | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** The version of a course that is current on a hub, as Lectern last published it. */
export interface Publication {
  hubId: string;
  hubName: string;
  version: number;
  manifestKey: string;
  publishedAt: number;
}

export interface PublishableCourse {
  courseId: string;
  title: string;
  lectureCount: number;
  updatedAt: number;
  /** Published before and edited since (see CourseSummary). */
  unpublishedChanges: boolean;
  publications: Publication[];
}

/** What `publish.gc` removed from a hub. */
export interface GarbageReport {
  keptVersions: number[];
  deleted: number;
  bytesFreed: number;
  /** Unreferenced files younger than a day, left in case another machine is publishing right now. */
  spared: number;
}
