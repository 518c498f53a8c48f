import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../log/logger';
import type { BandwidthLimiter } from './bandwidth-limiter';
import type { UploadStore } from './upload-store';
import type { RetryContext } from './with-retries';

export type MultipartState = 'created' | 'resumed' | 'restarted' | 'completing' | 'completed' | 'aborted';

export type UploadEvent =
  | { type: 'progress'; bytesDone: number; bytesTotal: number; filesDone: number; filesTotal: number; bytesPerSecond: number; etaSeconds: number | null }
  | { type: 'file'; key: string; state: 'started' | 'done' | 'failed'; size: number; error?: string }
  /** 'sending' once per attempt; 'adopted' for a part found on the server but missing from the database. */
  | { type: 'part'; key: string; partNumber: number; state: 'sending' | 'acknowledged' | 'adopted' }
  | { type: 'multipart'; key: string; uploadId: string; state: MultipartState; detail?: string }
  | { type: 'retry'; what: string; attempt: number; detail: string; delayMs: number };

/** Everything one file's transfer needs from the engine that runs it. */
export interface TransferContext {
  client: S3Client;
  bucket: string;
  /** Names the store in upload records (endpoint + bucket). */
  scope: string;
  store: UploadStore;
  retry: RetryContext;
  log: Logger;
  limiter: BandwidthLimiter | null;
  partSize: number;
  partConcurrency: number;
  emit(e: UploadEvent): void;
  /** Bytes S3 acknowledged (or that were already there on resume), for progress. */
  addDone(bytes: number): void;
}

const CHUNK = 64 * 1024;

/** The body for a request: the buffer itself, or fed through the bandwidth limiter in 64 KiB slices. */
export function requestBody(ctx: TransferContext, data: Buffer, signal: AbortSignal): Buffer | Readable {
  const limiter = ctx.limiter;
  if (!limiter) return data;
  return Readable.from(
    (async function* () {
      for (let i = 0; i < data.length; i += CHUNK) {
        const slice = data.subarray(i, i + CHUNK);
        // Paused or cancelled: the request is being aborted by the same signal, so end quietly rather
        // than raise a stream error nobody listens to any more.
        if (signal.aborted) return;
        await limiter.take(slice.length, signal).catch(() => {});
        if (signal.aborted) return;
        yield slice;
      }
    })(),
  );
}
