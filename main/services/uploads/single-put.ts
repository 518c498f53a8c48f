import fs from 'node:fs/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { contentMd5 } from '../s3/content-md5';
import type { UploadSource } from './multipart-upload';
import { requestBody, type TransferContext } from './transfer-context';
import { withRetries } from './with-retries';

/**
 * One PUT for a small file (HLS segment, poster, VTT, JSON). The whole body is in memory, so a retry
 * re-sends it without re-reading, and Content-MD5 makes the server reject a body damaged in transit.
 * A PUT is atomic: there is nothing to resume, a killed upload is simply sent again.
 */
export async function uploadSingle(ctx: TransferContext, src: UploadSource): Promise<number> {
  const data = await fs.readFile(src.path);
  const md5 = contentMd5(data);
  await withRetries(
    ctx.retry,
    `Uploading ${src.key}`,
    (signal, guard) =>
      ctx.client.send(
        new PutObjectCommand({ Bucket: ctx.bucket, Key: src.key, Body: requestBody(ctx, data, signal, guard), ContentLength: data.length, ContentMD5: md5, ContentType: src.contentType, CacheControl: src.cacheControl }),
        { abortSignal: signal },
      ),
    src.key,
  );
  ctx.addDone(data.length);
  return data.length;
}
