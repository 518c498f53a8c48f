import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { HubConnectionReport } from '../../contract/domains/publishing-types';
import { StallError } from '../downloads/stall-guard';
import { contentMd5 } from '../s3/content-md5';
import { guardS3Request } from '../s3/request-guard';
import { classifyS3Error, explainS3Failure, explainS3Text, type S3FailureKind } from '../s3/s3-errors';
import type { HubConnection } from './hub-profiles';

/** 'ok', 'skipped: <why>', or '<kind>: <S3 code and message>' — e.g. `access-denied: AccessDenied: HTTP 403`. */
export type ProbeResult = string;

export type ConnectionReport = HubConnectionReport;

/**
 * Checks the four things publishing needs on the hub's prefix — list, write, read back, delete — each on
 * its own, so the report says exactly which permission is missing instead of one opaque failure. Writes
 * one small probe object under `<prefix>.lectern-probe/` and deletes it again.
 */
export async function testHubConnection(conn: HubConnection): Promise<ConnectionReport> {
  const { client, bucket } = conn;
  const key = `${conn.keyPrefix}.lectern-probe/${randomUUID()}`;
  const body = Buffer.from(`Lectern connection test ${new Date().toISOString()}\n`);
  const failures: { kind: S3FailureKind; detail: string }[] = [];
  // Each probe under the uploads' progress deadlines: a hub that stalls is reported as such within 30 s.
  const probe = async (what: string, op: (signal: AbortSignal) => Promise<void>): Promise<ProbeResult> => {
    const guard = guardS3Request(what, conn.hub.name, new AbortController().signal);
    try {
      await op(guard.signal);
      return 'ok';
    } catch (thrown) {
      const err = guard.stall() ?? thrown;
      const f = err instanceof StallError ? { kind: 'retryable' as const, detail: err.message } : classifyS3Error(err);
      failures.push(f);
      return `${f.kind}: ${f.detail}`;
    } finally {
      guard.done();
    }
  };

  const list = await probe('The list probe', async (signal) => void (await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: conn.keyPrefix, MaxKeys: 1 }), { abortSignal: signal })));
  const write = await probe('The write probe', async (signal) => void (await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentMD5: contentMd5(body), ContentType: 'text/plain' }), { abortSignal: signal })));
  const written = write === 'ok';
  const read = written
    ? await probe('The read probe', async (signal) => {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        const got = Buffer.from((await res.Body?.transformToByteArray()) ?? []);
        if (!got.equals(body)) throw Object.assign(new Error(`read back ${got.length} bytes that differ from the ${body.length} written`), { name: 'ReadMismatch' });
      })
    : 'skipped: nothing was written';
  const del = written
    ? await probe('The delete probe', async (signal) => void (await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal })))
    : 'skipped: nothing was written';

  const failure = failures[0];
  return {
    ok: failure === undefined,
    list,
    write,
    read,
    delete: del,
    problem: failure ? explainS3Failure(failure, { hub: conn.hub.name, bucket }) : null,
    ...(failure ? { problemText: explainS3Text(failure, { hub: conn.hub.name, bucket }) } : {}),
    reason: failure?.kind ?? null,
  };
}
