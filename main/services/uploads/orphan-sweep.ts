import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { isUnsupported, markUnsupported } from '../s3/capabilities';
import { classifyS3Error } from '../s3/s3-errors';
import type { TransferContext } from './transfer-context';
import { withRetries } from './with-retries';

export interface SweptUpload {
  key: string;
  uploadId: string;
  initiated: string | null;
}

/**
 * Aborts unfinished multipart uploads under `prefix` that no local record owns — left by a crash between
 * CreateMultipartUpload and recording it, or by a database that was reset. Unfinished parts cost storage
 * on S3 indefinitely. `minAgeMs` spares uploads younger than that, which may belong to another Lectern
 * installation publishing to the same prefix right now.
 */
export async function sweepOrphanUploads(ctx: TransferContext, prefix: string, minAgeMs: number, now = Date.now()): Promise<SweptUpload[]> {
  if (isUnsupported(ctx.scope, 'ListMultipartUploads')) return [];
  const owned = ctx.store.uploadIds(ctx.scope);
  const swept: SweptUpload[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    let page;
    try {
      page = await withRetries(ctx.retry, `Listing unfinished uploads under "${prefix}"`, (signal) =>
        ctx.client.send(new ListMultipartUploadsCommand({ Bucket: ctx.bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }), { abortSignal: signal }),
      );
    } catch (err) {
      // Some S3-compatible servers (s3rver, some gateways) cannot list uploads: the sweep is housekeeping, skip it.
      const f = classifyS3Error(err);
      if (f.kind !== 'unsupported') throw err;
      markUnsupported(ctx.scope, 'ListMultipartUploads');
      ctx.log.log('info', 'the hub cannot list unfinished uploads; skipping the cleanup of orphaned ones', { bucket: ctx.bucket, prefix, detail: f.detail });
      return swept;
    }
    for (const u of page.Uploads ?? []) {
      if (!u.Key || !u.UploadId || owned.has(u.UploadId)) continue;
      if (minAgeMs > 0 && u.Initiated && now - u.Initiated.getTime() < minAgeMs) continue;
      const { Key, UploadId } = u;
      await withRetries(ctx.retry, `Aborting the orphaned upload of ${Key}`, (signal) =>
        ctx.client.send(new AbortMultipartUploadCommand({ Bucket: ctx.bucket, Key, UploadId }), { abortSignal: signal }),
      ).catch((err: unknown) => {
        if ((err as { name?: string }).name !== 'NoSuchUpload') throw err;
      });
      const entry = { key: Key, uploadId: UploadId, initiated: u.Initiated?.toISOString() ?? null };
      ctx.log.log('warn', 'aborted an unfinished upload that no local record owns', { bucket: ctx.bucket, ...entry });
      swept.push(entry);
    }
    if (!page.IsTruncated) return swept;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}
