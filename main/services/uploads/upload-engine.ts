import fs from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Database } from 'better-sqlite3';
import { LecternError } from '../../contract/errors';
import type { Logger } from '../log/logger';
import { createMemoryLogger } from '../log/logger';
import { BandwidthLimiter } from './bandwidth-limiter';
import { abortQuietly, uploadMultipart, type UploadSource } from './multipart-upload';
import { MIB } from './part-plan';
import { PauseGate } from './pause-gate';
import { runPool } from './pool';
import { ProgressMeter } from './progress-meter';
import { sweepOrphanUploads, type SweptUpload } from './orphan-sweep';
import { uploadSingle } from './single-put';
import type { TransferContext, UploadEvent } from './transfer-context';
import { UploadStore } from './upload-store';
import { DEFAULT_UPLOAD_RETRY, withRetries, type RetryPolicy } from './with-retries';
import type { StallPolicy } from '../downloads/stall-guard';
import { userError } from '../text/user-error';

export type { UploadEvent } from './transfer-context';
export type { UploadSource } from './multipart-upload';
export { RetriesExhaustedError } from './with-retries';

export interface UploadTarget {
  client: S3Client;
  bucket: string;
  /** Names the store (endpoint + bucket) in upload records; `HubConnection.scope`. */
  scope: string;
  /** The hub as the user knows it, for retry lines; default: the endpoint's host. */
  hubName?: string;
}

export interface UploadEngineOptions {
  /** Opened with migration 0003 (hub profiles and uploads). */
  db: Database;
  target: UploadTarget;
  log?: Logger;
  onEvent?: (e: UploadEvent) => void;
  /** Parts in flight for a multipart upload (default 4). */
  partConcurrency?: number;
  /** Small files in flight (default 8). */
  fileConcurrency?: number;
  /** Preferred part size, raised for huge files so they fit in 10,000 parts (default 16 MiB, at least 8 MiB). */
  partSize?: number;
  /** Files at least this big go multipart (default 16 MiB). */
  multipartThreshold?: number;
  retry?: RetryPolicy;
  /** Upload bandwidth cap for the whole engine, bytes per second; none by default. */
  bandwidthLimit?: number;
  /** Progress events at most this often (default 250 ms); file and part events are not throttled. */
  progressIntervalMs?: number;
  /** Progress deadlines for every S3 request (default: nothing for 30 s, or under 1 KB/s for 60 s). */
  stall?: StallPolicy;
}

export interface UploadSummary {
  files: number;
  bytes: number;
}

/** `cancel()` was called: multipart uploads were aborted on the server and their records removed. */
export class UploadCancelledError extends LecternError {
  constructor() {
    super('conflict', 'The upload was cancelled; nothing partial was left on the hub.');
    this.name = 'UploadCancelledError';
  }
}

const CANCELLED = new UploadCancelledError();

/**
 * Uploads files to one bucket: large files as resumable multipart uploads (state in SQLite, N parts in
 * flight), small files as single PUTs (M at a time), all with Content-MD5, bounded retries with jittered
 * backoff, an optional bandwidth cap, and pause/resume/cancel. One engine serves one batch at a time.
 */
export class UploadEngine {
  private readonly store: UploadStore;
  private readonly gate = new PauseGate();
  private readonly log: Logger;
  private readonly limiter: BandwidthLimiter | null;
  private cancelCtl = new AbortController();
  private running: Promise<unknown> | null = null;
  private readonly hubLabel: string;

  constructor(private readonly opts: UploadEngineOptions) {
    this.store = new UploadStore(opts.db);
    this.log = (opts.log ?? createMemoryLogger()).child('uploads');
    this.limiter = opts.bandwidthLimit ? new BandwidthLimiter(opts.bandwidthLimit) : null;
    this.hubLabel = opts.target.hubName ?? hostOfScope(opts.target.scope);
  }

  /**
   * Uploads every file; resolves when all are on the server. Throws the first failure (after the files
   * in flight settle), `RetriesExhaustedError` when transient failures did not stop, a `HubAccessError`-
   * worthy S3 error (denied, bad credentials, missing bucket) at once, or `UploadCancelledError`.
   */
  async uploadFiles(files: readonly UploadSource[]): Promise<UploadSummary> {
    if (this.running) throw userError('conflict', 'svc.uploads.engineBusy');
    this.cancelCtl = new AbortController();
    const run = this.run(files);
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = null;
    }
  }

  pause(): void {
    this.gate.pause();
    this.log.log('info', 'paused');
  }

  resume(): void {
    this.gate.resume();
    this.log.log('info', 'resumed');
  }

  /** Stops the batch and aborts its unfinished multipart uploads on the server. */
  async cancel(): Promise<void> {
    this.cancelCtl.abort(CANCELLED);
    this.gate.resume();
    await this.running?.catch(() => {});
  }

  setBandwidthLimit(bytesPerSecond: number): void {
    this.limiter?.setLimit(bytesPerSecond);
  }

  /**
   * Runs one other S3 request of a publish (a read, a listing, a delete) like the uploads' own: under
   * progress deadlines, retried with backoff, its retry lines reported as `retry` events.
   */
  send<T>(what: string, op: (signal: AbortSignal) => Promise<T>, subject = what): Promise<T> {
    return withRetries(this.context(() => {}).retry, what, (signal) => op(signal), subject);
  }

  /** Run at start-up: aborts unfinished uploads under `prefix` that no local record owns (default: older than 24 h). */
  async sweepOrphans(prefix: string, minAgeMs = 24 * 3600_000): Promise<SweptUpload[]> {
    return sweepOrphanUploads(this.context(() => {}), prefix, minAgeMs);
  }

  private async run(files: readonly UploadSource[]): Promise<UploadSummary> {
    const sizes = await Promise.all(files.map(async (f) => (await fs.stat(f.path)).size));
    const bytesTotal = sizes.reduce((a, b) => a + b, 0);
    const threshold = this.opts.multipartThreshold ?? 16 * MIB;
    const meter = new ProgressMeter();
    let bytesDone = 0;
    let transferred = 0;
    let filesDone = 0;
    let lastEmit = 0;
    const emitProgress = (force: boolean) => {
      const t = performance.now();
      if (!force && t - lastEmit < (this.opts.progressIntervalMs ?? 250)) return;
      lastEmit = t;
      meter.record(transferred);
      this.emit({ type: 'progress', bytesDone, bytesTotal, filesDone, filesTotal: files.length, bytesPerSecond: Math.round(meter.bytesPerSecond()), etaSeconds: meter.etaSeconds(bytesTotal - bytesDone) });
    };
    meter.record(0);

    const one = async (i: number, multipart: boolean) => {
      const src = files[i] as UploadSource;
      const size = sizes[i] ?? 0;
      const withType = { ...src, contentType: src.contentType ?? contentTypeFor(src.path) };
      this.emit({ type: 'file', key: src.key, state: 'started', size });
      let resumed = true;
      const ctx = this.context((n) => {
        bytesDone += n;
        // The first call of a multipart upload reports the parts already on the server: progress, not speed.
        if (!(multipart && resumed)) transferred += n;
        resumed = false;
        emitProgress(false);
      });
      try {
        if (multipart) await uploadMultipart(ctx, withType);
        else await uploadSingle(ctx, withType);
      } catch (err) {
        if (this.cancelCtl.signal.aborted && multipart) await this.abortAfterCancel(src);
        this.emit({ type: 'file', key: src.key, state: 'failed', size, error: err instanceof Error ? err.message : String(err) });
        throw this.cancelCtl.signal.aborted ? CANCELLED : err;
      }
      filesDone++;
      this.emit({ type: 'file', key: src.key, state: 'done', size });
      emitProgress(true);
    };

    const indices = files.map((_, i) => i);
    // Large files one at a time (their parts already run in parallel), small ones M at a time.
    await runPool(indices.filter((i) => (sizes[i] ?? 0) >= threshold), 1, (i) => one(i, true));
    await runPool(indices.filter((i) => (sizes[i] ?? 0) < threshold), this.opts.fileConcurrency ?? 8, (i) => one(i, false));
    emitProgress(true);
    return { files: files.length, bytes: bytesTotal };
  }

  private async abortAfterCancel(src: UploadSource): Promise<void> {
    const rec = this.store.find(this.opts.target.scope, src.key);
    if (!rec) return;
    // The batch's cancel signal is already aborted; the clean-up needs requests of its own.
    const base = this.context(() => {});
    const ctx = { ...base, retry: { ...base.retry, gate: new PauseGate(), cancel: new AbortController().signal } };
    try {
      await abortQuietly(ctx, rec);
      this.log.log('info', 'cancelled; aborted the unfinished upload', { key: src.key, uploadId: rec.uploadId });
    } catch (err) {
      this.log.log('warn', 'cancelled, but could not abort the unfinished upload; the start-up sweep will retry', { key: src.key, uploadId: rec.uploadId, error: String(err) });
    }
  }

  private context(addDone: (n: number) => void): TransferContext {
    const { client, bucket, scope } = this.opts.target;
    return {
      client,
      bucket,
      scope,
      store: this.store,
      log: this.log,
      limiter: this.limiter,
      partSize: this.opts.partSize ?? 16 * MIB,
      partConcurrency: this.opts.partConcurrency ?? 4,
      emit: (e) => this.emit(e),
      addDone,
      retry: {
        policy: this.opts.retry ?? DEFAULT_UPLOAD_RETRY,
        gate: this.gate,
        cancel: this.cancelCtl.signal,
        hub: this.hubLabel,
        ...(this.opts.stall ? { stall: this.opts.stall } : {}),
        onRetry: (n) => {
          this.log.log('warn', 'retrying a failed request', { what: n.what, attempt: n.attempt, detail: n.detail, delayMs: n.delayMs });
          this.emit({ type: 'retry', ...n });
        },
      },
    };
  }

  private emit(e: UploadEvent): void {
    this.opts.onEvent?.(e);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.vtt': 'text/vtt',
  '.json': 'application/json',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.key': 'application/octet-stream',
};

/** "http://127.0.0.1:8400|bucket" → "127.0.0.1:8400"; a scope that is not a URL is shown as it is. */
function hostOfScope(scope: string): string {
  const endpoint = scope.split('|')[0] ?? scope;
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
