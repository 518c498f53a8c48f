import path from 'node:path';
import { CreateMultipartUploadCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { createS3Client } from '../../../main/services/s3/s3-client';
import { RetriesExhaustedError, UploadCancelledError, UploadEngine, type UploadEngineOptions, type UploadEvent, type UploadSource } from '../../../main/services/uploads/upload-engine';
import { UploadStore } from '../../../main/services/uploads/upload-store';
import { sha256File, writeBigFile } from '../../helpers/big-file';
import { INTERNAL_ERROR, SLOW_DOWN, UNAVAILABLE, seededRandom, startFaultProxy, type Fault } from '../../helpers/fault-proxy';
import { connectS3TestServer, listIncompleteUploads, type S3TestServer, objectSha256 } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';

const MIB = 1024 * 1024;
const tmp = tempDir('lectern-up-');
let s3: S3TestServer;
let db: Database;
const big = path.join(tmp.dir, 'lecture.mp4');
const smalls: string[] = [];

beforeAll(async () => {
  s3 = await connectS3TestServer('engine');
  db = openDatabase(path.join(tmp.dir, 'data'), migrations);
  writeBigFile(big, 40 * MIB + 12345, 'engine');
  for (let i = 0; i < 24; i++) {
    const f = path.join(tmp.dir, `seg_${i}.ts`);
    writeBigFile(f, 100_000 + i * 7919, `seg${i}`);
    smalls.push(f);
  }
});
afterAll(async () => {
  db?.close();
  await s3?.close();
  tmp.cleanup();
});

const fastRetry = { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200 };

function engine(extra: Partial<UploadEngineOptions> & { client?: S3Client } = {}) {
  const events: UploadEvent[] = [];
  const log = createMemoryLogger();
  const e = new UploadEngine({
    db,
    target: { client: extra.client ?? s3.client, bucket: s3.bucket, scope: `test|${s3.bucket}` },
    partSize: 8 * MIB,
    retry: fastRetry,
    log,
    onEvent: (ev) => events.push(ev),
    ...extra,
  });
  return { e, events, log };
}

const batch = (prefix: string): UploadSource[] => [{ path: big, key: `${prefix}/lecture.mp4` }, ...smalls.map((p) => ({ path: p, key: `${prefix}/${path.basename(p)}` }))];

async function expectAllUploaded(files: UploadSource[]) {
  for (const f of files) expect(await objectSha256(s3, f.key), f.key).toBe(await sha256File(f.path));
  expect(await listIncompleteUploads(s3.client, s3.bucket)).toEqual([]);
  expect(db.prepare('SELECT COUNT(*) AS n FROM multipart_uploads').get()).toEqual({ n: 0 });
}

describe('UploadEngine against Swift', () => {
  it('uploads a multipart file and small files, with per-part acks and progress', async () => {
    const { e, events } = engine();
    const files = batch('plain');
    const summary = await e.uploadFiles(files);
    expect(summary.files).toBe(25);
    await expectAllUploaded(files);
    const acks = events.filter((x) => x.type === 'part' && x.state === 'acknowledged');
    expect(acks).toHaveLength(6); // 40 MiB + a bit at 8 MiB
    const last = events.filter((x) => x.type === 'progress').at(-1);
    expect(last).toMatchObject({ bytesDone: summary.bytes, bytesTotal: summary.bytes, filesDone: 25, filesTotal: 25 });
  });

  it('completes through a proxy that fails ~10% of requests (500, 503, SlowDown, resets, stalls) with bounded retries', async () => {
    const rnd = seededRandom(42);
    const faults: Fault[] = [INTERNAL_ERROR, UNAVAILABLE, SLOW_DOWN, 'reset', 'stall'];
    const proxy = await startFaultProxy(s3.endpoint, () => (rnd() < 0.1 ? (faults[Math.floor(rnd() * faults.length)] ?? 'pass') : 'pass'));
    const client = createS3Client({ ...s3.connection, endpoint: proxy.url, timeouts: { idleMs: 1500 } });
    try {
      const { e, events } = engine({ client });
      const files = batch('faulty');
      await e.uploadFiles(files);
      await expectAllUploaded(files);
      const injected = proxy.log.filter((l) => l.fault !== 'pass');
      const kinds = new Set(injected.map((l) => l.fault));
      expect(injected.length).toBeGreaterThan(2);
      expect(kinds.size, [...kinds].join(',')).toBeGreaterThanOrEqual(3);
      const retries = events.filter((x) => x.type === 'retry');
      expect(retries.length).toBe(injected.length);
      expect(Math.max(...retries.map((r) => (r.type === 'retry' ? r.attempt : 0)))).toBeLessThan(fastRetry.maxAttempts);
    } finally {
      client.destroy();
      await proxy.close();
    }
  }, 120_000);

  it('stops with a clear error once retries are exhausted when every request fails', async () => {
    const proxy = await startFaultProxy(s3.endpoint, () => UNAVAILABLE);
    const client = createS3Client({ ...s3.connection, endpoint: proxy.url });
    try {
      const { e } = engine({ client });
      const err = await e.uploadFiles([{ path: smalls[0] ?? '', key: 'doomed/seg.ts' }]).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(RetriesExhaustedError);
      expect((err as Error).message).toMatch(/Uploading doomed\/seg.ts failed 6 times in a row; the last error was ServiceUnavailable: HTTP 503/);
      expect(proxy.log).toHaveLength(fastRetry.maxAttempts);
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  it('pauses (nothing is sent while paused) and resumes to completion', async () => {
    const { e, events } = engine({ bandwidthLimit: 40 * MIB });
    const files = batch('paused').slice(0, 1);
    const done = e.uploadFiles(files);
    await until(() => events.some((x) => x.type === 'part' && x.state === 'acknowledged'));
    e.pause();
    await new Promise((r) => setTimeout(r, 300));
    const sendsAtPause = events.filter((x) => x.type === 'part' && x.state === 'sending').length;
    await new Promise((r) => setTimeout(r, 700));
    expect(events.filter((x) => x.type === 'part' && x.state === 'sending').length).toBe(sendsAtPause);
    e.resume();
    await done;
    await expectAllUploaded(files);
  });

  it('cancel aborts the multipart upload on the server and forgets it locally', async () => {
    const { e, events } = engine({ bandwidthLimit: 30 * MIB });
    const done = e.uploadFiles(batch('cancelled').slice(0, 1));
    await until(() => events.some((x) => x.type === 'part' && x.state === 'acknowledged'));
    await e.cancel();
    await expect(done).rejects.toBeInstanceOf(UploadCancelledError);
    expect(events.some((x) => x.type === 'multipart' && x.state === 'aborted')).toBe(true);
    expect(await listIncompleteUploads(s3.client, s3.bucket)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM multipart_uploads').get()).toEqual({ n: 0 });
  });

  it('starts over when the server no longer has the recorded upload (NoSuchUpload)', async () => {
    const store = new UploadStore(db);
    const { sourceFingerprint } = await import('../../../main/services/uploads/source-fingerprint');
    const fp = await sourceFingerprint(big);
    store.insert({ uploadId: 'gone-upload-id', scope: `test|${s3.bucket}`, bucket: s3.bucket, key: 'forgotten/lecture.mp4', sourcePath: big, sourceSize: fp.size, sourceMtime: fp.mtimeMs, fingerprint: fp.fingerprint, partSize: 8 * MIB, createdAt: Date.now() });
    store.addPart('gone-upload-id', { partNumber: 1, etag: '"0"', size: 8 * MIB });
    const { e, events } = engine();
    await e.uploadFiles([{ path: big, key: 'forgotten/lecture.mp4' }]);
    expect(events.find((x) => x.type === 'multipart' && x.state === 'restarted')).toMatchObject({ detail: 'NoSuchUpload' });
    await expectAllUploaded([{ path: big, key: 'forgotten/lecture.mp4' }]);
  });

  it('sweeps unfinished uploads under the prefix that no local record owns, and logs them', async () => {
    const orphan = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: 'lectern/orphan.mp4' }));
    const outside = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: 'elsewhere/other.mp4' }));
    const { e, log } = engine();
    const swept = await e.sweepOrphans('lectern/', 0);
    expect(swept.map((s) => s.uploadId)).toEqual([orphan.UploadId]);
    expect(log.records.some((r) => r.level === 'warn' && r.uploadId === orphan.UploadId && /no local record owns/.test(r.message))).toBe(true);
    expect((await listIncompleteUploads(s3.client, s3.bucket)).map((u) => u.uploadId)).toEqual([outside.UploadId]);
    // Younger than the default age: left alone (it may be another machine's upload in progress).
    expect(await e.sweepOrphans('elsewhere/')).toEqual([]);
    await e.sweepOrphans('elsewhere/', 0);
  });
});

async function until(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}


