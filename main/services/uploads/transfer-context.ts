import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ServiceText } from '../../contract/service-text';
import type { Logger } from '../log/logger';
import type { BandwidthLimiter } from './bandwidth-limiter';
import type { RequestGuard } from '../s3/request-guard';
import type { UploadStore } from './upload-store';
import type { RetryContext } from './with-retries';

export type MultipartState = 'created' | 'resumed' | 'restarted' | 'completing' | 'completed' | 'aborted';

export type UploadEvent =
  | { type: 'progress'; bytesDone: number; bytesTotal: number; filesDone: number; filesTotal: number; bytesPerSecond: number; etaSeconds: number | null }
  | { type: 'file'; key: string; state: 'started' | 'done' | 'failed'; size: number; error?: string }
  /** 'sending' once per attempt; 'adopted' for a part found on the server but missing from the database. */
  | { type: 'part'; key: string; partNumber: number; state: 'sending' | 'acknowledged' | 'adopted' }
  | { type: 'multipart'; key: string; uploadId: string; state: MultipartState; detail?: string }
  /** `notice` is the line for the user: "<file> to <hub> stalled mid-transfer; retrying in N s (attempt k of n)". */
  | { type: 'retry'; what: string; attempt: number; detail: string; delayMs: number; notice: string; noticeText: ServiceText };

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
const WHOLE_BODY_MAX = 1024 * 1024;

/**
 * The body for a request, fed in 64 KiB slices so the request's progress deadlines see each slice leave
 * (a Buffer body is handed to the socket whole, and a stall inside it would look like no answer), and
 * through the bandwidth limiter when there is one; time waiting on the limiter does not count as a stall.
 */
export function requestBody(ctx: TransferContext, data: Buffer, signal: AbortSignal, guard: RequestGuard): Buffer | Readable {
  const limiter = ctx.limiter;
  // A small body fits in the socket buffers whole, so slicing it would show the watchdog nothing: it is
  // sent as it is and its deadline is the answer's.
  if (!limiter && data.length <= WHOLE_BODY_MAX) return data;
  guard.expectBody(data.length);
  return Readable.from(
    (async function* () {
      for (let i = 0; i < data.length; i += CHUNK) {
        const slice = data.subarray(i, i + CHUNK);
        // Paused, cancelled or stalled: the request is being aborted by the same signal, so end quietly
        // rather than raise a stream error nobody listens to any more.
        if (signal.aborted) return;
        if (limiter) {
          guard.hold();
          await limiter.take(slice.length, signal).catch(() => {});
          guard.release();
          if (signal.aborted) return;
        }
        yield slice;
        guard.bodySent(slice.length);
      }
    })(),
    { objectMode: false },
  );
}
