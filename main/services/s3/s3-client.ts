import { S3Client } from '@aws-sdk/client-s3';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3ConnectionOptions {
  endpoint: string;
  region: string;
  /** Path-style (`host/bucket/key`) for MinIO, Swift and most self-hosted stores; virtual-hosted for AWS. */
  forcePathStyle: boolean;
  credentials: S3Credentials;
  timeouts?: Partial<S3Timeouts>;
  /** Sockets kept per host; at least the engine's concurrency so requests never queue for a socket. */
  maxSockets?: number;
}

export interface S3Timeouts {
  /** TCP/TLS connect. */
  connectMs: number;
  /**
   * Socket inactivity: no byte sent or received for this long. An idle timeout rather than a total one,
   * because a 64 MiB part on a slow uplink legitimately takes minutes while a stalled one moves nothing.
   */
  idleMs: number;
}

/**
 * The socket idle timeout is a backstop, twice the uploads' progress deadline (30 s, `guardS3Request`):
 * the watchdog fires first and says whether the hub stalled before answering, mid-transfer or was too slow,
 * where the socket timeout could only say "timed out".
 */
export const DEFAULT_TIMEOUTS: Readonly<S3Timeouts> = { connectMs: 10_000, idleMs: 60_000 };

/**
 * The one place Lectern builds an S3 client, so every call (hub test, upload engine, publisher) gets the
 * same deliberate settings:
 *
 * - `requestChecksumCalculation/responseChecksumValidation: 'WHEN_REQUIRED'`: newer SDKs otherwise add
 *   CRC32 "flexible checksums" to every upload, and with stream bodies that means `aws-chunked` encoding,
 *   which Swift, older MinIO and several S3 clones reject (501). Integrity comes from Content-MD5 on every
 *   PUT/UploadPart instead, which AWS and every clone verify (BadDigest on mismatch).
 * - `maxAttempts: 1`: the upload engine retries itself, per part, with full-jitter backoff, a bounded
 *   attempt count it can report, and bodies it can re-send. SDK retries would multiply with ours
 *   (3 × 6 attempts), hide failures from progress, and cannot rewind a stream body.
 * - Timeouts on the Node HTTP handler (none by default): without them a dead connection hangs a part forever.
 */
export function createS3Client(opts: S3ConnectionOptions): S3Client {
  const t = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const agent = { keepAlive: true, maxSockets: opts.maxSockets ?? 16 };
  return new S3Client({
    endpoint: opts.endpoint,
    region: opts.region,
    forcePathStyle: opts.forcePathStyle,
    credentials: { ...opts.credentials },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    requestHandler: { connectionTimeout: t.connectMs, socketTimeout: t.idleMs, httpAgent: agent, httpsAgent: agent },
  });
}
