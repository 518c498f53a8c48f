import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { HubConnectionReport } from '../../contract/domains/publishing-types';
import { contentMd5 } from '../s3/content-md5';
import { classifyS3Error, explainS3Failure, type S3FailureKind } from '../s3/s3-errors';
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
  const probe = async (op: () => Promise<void>): Promise<ProbeResult> => {
    try {
      await op();
      return 'ok';
    } catch (err) {
      const f = classifyS3Error(err);
      failures.push(f);
      return `${f.kind}: ${f.detail}`;
    }
  };

  const list = await probe(async () => void (await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: conn.keyPrefix, MaxKeys: 1 }))));
  const write = await probe(async () => void (await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentMD5: contentMd5(body), ContentType: 'text/plain' }))));
  const written = write === 'ok';
  const read = written
    ? await probe(async () => {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const got = Buffer.from((await res.Body?.transformToByteArray()) ?? []);
        if (!got.equals(body)) throw Object.assign(new Error(`read back ${got.length} bytes that differ from the ${body.length} written`), { name: 'ReadMismatch' });
      })
    : 'skipped: nothing was written';
  const del = written ? await probe(async () => void (await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })))) : 'skipped: nothing was written';

  const failure = failures[0];
  return {
    ok: failure === undefined,
    list,
    write,
    read,
    delete: del,
    problem: failure ? explainS3Failure(failure, { hub: conn.hub.name, bucket }) : null,
    reason: failure?.kind ?? null,
  };
}
