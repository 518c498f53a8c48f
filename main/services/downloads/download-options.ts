import type { ServiceText } from '../../contract/service-text';
import type { Database } from 'better-sqlite3';
import type { SecretStore } from '../credentials/secret-store';
import type { Logger } from '../log/logger';
import type { DownloadState } from './download-store';
import type { WritableFile } from './file-transfer';
import type { QualityChoice } from './plan';
import type { RetryPolicy } from './retry';
import type { StallPolicy } from './stall-guard';

export type DownloadEvent =
  | { type: 'state'; id: string; state: DownloadState; error: string | null; errorText?: ServiceText }
  | { type: 'progress'; id: string; doneBytes: number; totalBytes: number; filesDone: number; filesTotal: number };

export interface DownloadManagerOptions {
  /** Opened with migration 0004 (downloads). */
  db: Database;
  /** Where downloaded lectures are stored: `<library>/<downloadId>/<n>.seg`. */
  libraryDir: string;
  /** Holds each download's AES key (account `download-key:<id>`). */
  secrets: SecretStore;
  log?: Logger;
  onEvent?: (event: DownloadEvent) => void;
  /** Files in flight per download. */
  concurrency?: number;
  /** Downloads fetching at the same time; the others wait as 'queued', by priority, then oldest first. */
  maxActiveDownloads?: number;
  retry?: RetryPolicy;
  /** Progress deadlines for every hub read (documents, playlists, segments, captions). */
  stall?: StallPolicy;
  /** Head-room kept free on the disk beyond the download itself. */
  reserveBytes?: number;
  fetch?: typeof fetch;
  /** Free bytes on the disk holding `dir`; tests replace it. */
  freeBytes?: (dir: string) => Promise<number>;
  /** Tests replace it to simulate a disk that fills up. */
  openForWrite?: (file: string) => Promise<WritableFile>;
  /** How long the player's request for a file still being fetched waits before it gets a 503 and retries. */
  fileWaitMs?: number;
}

export interface AddDownloadRequest {
  hubBaseUrl: string;
  /** Hub key of the course manifest, e.g. `courses/<id>/versions/<n>/course.json`. */
  manifestPath: string;
  lectureId: string;
  quality: QualityChoice;
  /** The lecture's title from the manifest, so a refusal names it rather than its id. */
  title?: string;
}

export interface VerifyReport {
  checked: number;
  /** Files that were missing or did not match the manifest and are queued again. */
  refetch: number;
}

export const downloadKeyAccount = (id: string) => `download-key:${id}`;
