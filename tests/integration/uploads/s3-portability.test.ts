import path from 'node:path';
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { classifyS3Error } from '../../../main/services/s3/s3-errors';
import { createS3Client } from '../../../main/services/s3/s3-client';
import { UploadEngine, type UploadEvent } from '../../../main/services/uploads/upload-engine';
import { UploadStore } from '../../../main/services/uploads/upload-store';
import { sourceFingerprint } from '../../../main/services/uploads/source-fingerprint';
import { sha256File, writeBigFile } from '../../helpers/big-file';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { connectS3TestServer, listIncompleteUploads, type S3TestServer, objectSha256 } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';

/**
 * An S3-compatible server without ListMultipartUploads (501 NotImplemented) and ListParts
 * (405 MethodNotAllowed), as s3rver answers: a proxy in front of Swift gives those answers and passes
 * everything else. Lectern must treat them as "not supported" (no retries), skip the orphan sweep, start a
 * resumed file over, and recognise an already completed upload without the "-N" multipart ETag.
 */
const MIB = 1024 * 1024;
const tmp = tempDir('lectern-s3-portable-');
const big = path.join(tmp.dir, 'lecture.mp4');
let s3: S3TestServer;
let db: Database;
let proxy: FaultProxy;

const isListUploads = (url: string) => /[?&]uploads(=&|=$|&|$)/.test(url);
const isListParts = (method: string, url: string) => method === 'GET' && /[?&]uploadId=/.test(url);

beforeAll(async () => {
  s3 = await connectS3TestServer('portable');
  db = openDatabase(path.join(tmp.dir, 'data'), migrations);
  writeBigFile(big, 18 * MIB + 4321, 'portable');
  proxy = await startFaultProxy(s3.endpoint, (req) => {
    const url = req.url ?? '';
    if (req.method === 'GET' && isListUploads(url)) return { status: 501, code: 'NotImplemented' };
    if (isListParts(req.method ?? '', url)) return { status: 405, code: 'MethodNotAllowed' };
    return 'pass';
  });
}, 180_000);
afterAll(async () => {
  await proxy?.close();
  db?.close();
  await s3?.close();
  tmp.cleanup();
});

function engine() {
  const events: UploadEvent[] = [];
  const log = createMemoryLogger();
  const client = createS3Client({ ...s3.connection, endpoint: proxy.url });
  const e = new UploadEngine({
    db,
    target: { client, bucket: s3.bucket, scope: `portable|${s3.bucket}` },
    partSize: 8 * MIB,
    retry: { maxAttempts: 7, baseDelayMs: 200, maxDelayMs: 2000 },
    log,
    onEvent: (ev) => events.push(ev),
  });
  return { e, events, log };
}

async function recordUpload(key: string, uploadId: string, parts: number[]): Promise<void> {
  const fp = await sourceFingerprint(big);
  const store = new UploadStore(db);
  store.insert({ uploadId, scope: `portable|${s3.bucket}`, bucket: s3.bucket, key, sourcePath: big, sourceSize: fp.size, sourceMtime: fp.mtimeMs, fingerprint: fp.fingerprint, partSize: 8 * MIB, createdAt: Date.now() });
  for (const n of parts) store.addPart(uploadId, { partNumber: n, etag: '"not-a-real-etag"', size: n === 3 ? fp.size - 16 * MIB : 8 * MIB });
}

describe('an S3 server without ListMultipartUploads and ListParts', () => {
  it('classifies 501 NotImplemented and 405 MethodNotAllowed as unsupported, not transient', () => {
    expect(classifyS3Error({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } }).kind).toBe('unsupported');
    expect(classifyS3Error({ name: 'MethodNotAllowed', $metadata: { httpStatusCode: 405 } }).kind).toBe('unsupported');
    expect(classifyS3Error({ name: 'Unknown', $metadata: { httpStatusCode: 501 } }).kind).toBe('unsupported');
    expect(classifyS3Error({ name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }).kind).toBe('retryable');
  });

  it('skips the orphan sweep after one request and one log line, instead of retrying it', async () => {
    const { e, log } = engine();
    const before = proxy.log.length;
    const start = Date.now();
    expect(await e.sweepOrphans('lectern/', 0)).toEqual([]);
    const ms = Date.now() - start;
    expect(proxy.log.slice(before).filter((r) => isListUploads(r.url))).toHaveLength(1);
    expect(log.records.filter((r) => /cannot list unfinished uploads/.test(r.message))).toHaveLength(1);
    expect(ms).toBeLessThan(1000);
    console.info(`sweep with ListMultipartUploads unsupported: ${ms} ms`);
    // Remembered for this hub and bucket: the next publish's sweep does not ask again.
    const again = proxy.log.length;
    expect(await engine().e.sweepOrphans('lectern/', 0)).toEqual([]);
    expect(proxy.log.length).toBe(again);
  });

  it('starts a resumed multipart file over when its parts cannot be listed, and the object is whole', async () => {
    const key = 'resumed/lecture.mp4';
    const created = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key }));
    await s3.client.send(new UploadPartCommand({ Bucket: s3.bucket, Key: key, UploadId: created.UploadId, PartNumber: 1, Body: Buffer.alloc(8 * MIB, 1) }));
    await recordUpload(key, created.UploadId!, [1]);
    const { e, events } = engine();
    await e.uploadFiles([{ path: big, key }]);
    expect(events.find((x) => x.type === 'multipart' && x.state === 'restarted')).toMatchObject({ detail: 'the hub cannot list parts' });
    expect(proxy.log.filter((r) => r.fault.startsWith('405')).length).toBe(1); // not retried
    expect(await objectSha256(s3, key)).toBe(await sha256File(big));
    expect(await listIncompleteUploads(s3.client, s3.bucket)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM multipart_uploads').get()).toEqual({ n: 0 });
  });

  it('recognises an upload completed before a crash from the fingerprint in its metadata, not the ETag format', async () => {
    const key = 'completed/lecture.mp4';
    await engine().e.uploadFiles([{ path: big, key }]);
    // As if killed after Complete but before the record was removed: every part acknowledged, with ETags
    // that match nothing, so only the stored fingerprint can prove the object is this file.
    await recordUpload(key, 'completed-upload-id', [1, 2, 3]);
    const { e, events } = engine();
    const puts = () => proxy.log.filter((r) => r.method === 'PUT' || r.method === 'POST').length;
    const before = puts();
    await e.uploadFiles([{ path: big, key }]);
    expect(puts()).toBe(before);
    expect(events.some((x) => x.type === 'multipart' && x.state === 'restarted')).toBe(false);
    expect(db.prepare('SELECT COUNT(*) AS n FROM multipart_uploads').get()).toEqual({ n: 0 });
  });
});
