import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import type { StallPolicy } from '../../../main/services/downloads/stall-guard';
import { createS3Client } from '../../../main/services/s3/s3-client';
import { RetriesExhaustedError, UploadEngine, type UploadEvent } from '../../../main/services/uploads/upload-engine';
import { sha256File, writeBigFile } from '../../helpers/big-file';
import { startFaultProxy, type Fault, type FaultProxy } from '../../helpers/fault-proxy';
import { connectS3TestServer, listIncompleteUploads, type S3TestServer, objectSha256 } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';

/**
 * Uploads to a hub that answers badly, through a proxy in front of the Swift test server: a hub that takes
 * the body and never answers, one that stops reading the body after 1 KiB, one that reads it at ~2.5 MiB/s (below the scaled-down 8 MiB/s minimum),
 * one that cuts the connection and one where nothing listens. Deadlines are scaled down (real ones: 30 s
 * without progress, under 1 KB/s for 60 s). Asserted: the retry line the user sees names the file, the hub,
 * what happened and the attempt, it comes in bounded time, and once the hub behaves the object arrives whole.
 */
const MIB = 1024 * 1024;
const POLICY: StallPolicy = { headersMs: 1000, idleMs: 1500, minBytesPerSec: 8 * MIB, slowWindowMs: 1500 };
const BOUND_MS = 3500;
const HUB = 'Slow hub';

const tmp = tempDir('lectern-slow-up-');
let s3: S3TestServer;
let db: Database;
let proxy: FaultProxy;
const single = path.join(tmp.dir, 'lecture.mp4');
const multi = path.join(tmp.dir, 'long-lecture.mp4');

beforeAll(async () => {
  s3 = await connectS3TestServer('slowhub');
  db = openDatabase(path.join(tmp.dir, 'data'), migrations);
  // Bigger than the loopback socket buffers, so a hub that stops reading is seen mid-body.
  writeBigFile(single, 32 * MIB + 777, 'slow-single');
  writeBigFile(multi, 20 * MIB + 4321, 'slow-multi');
  proxy = await startFaultProxy(s3.endpoint);
});
afterAll(async () => {
  await proxy?.close();
  db?.close();
  await s3?.close();
  tmp.cleanup();
});

/** Misbehaves on the first request (PUT unless told) whose URL contains `key` and `query` (e.g. "partNumber=2"). */
function faultOnce(key: string, fault: Fault, query = '', method = 'PUT'): void {
  let done = false;
  proxy.decide = (req) => {
    if (done || req.method !== method || !req.url?.includes(key) || !req.url.includes(query)) return 'pass';
    done = true;
    return fault;
  };
}

function engine(endpoint: string, multipartThreshold: number) {
  const events: UploadEvent[] = [];
  const client = createS3Client({ ...s3.connection, endpoint });
  const e = new UploadEngine({
    db,
    target: { client, bucket: s3.bucket, scope: `${endpoint}|${s3.bucket}`, hubName: HUB },
    partSize: 8 * MIB,
    partConcurrency: 1,
    multipartThreshold,
    retry: { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 400 },
    stall: POLICY,
    onEvent: (ev) => events.push(ev),
  });
  return { e, events, client };
}

/** Uploads and returns when the first retry line appeared, measured from the start of the upload. */
async function uploadTimed(e: UploadEngine, events: UploadEvent[], file: string, key: string): Promise<{ noticeMs: number; err: unknown }> {
  const start = Date.now();
  let noticeMs = -1;
  const watch = setInterval(() => {
    if (noticeMs < 0 && events.some((x) => x.type === 'retry')) noticeMs = Date.now() - start;
  }, 5);
  try {
    await e.uploadFiles([{ path: file, key }]);
    return { noticeMs, err: null };
  } catch (err) {
    return { noticeMs, err };
  } finally {
    clearInterval(watch);
  }
}

const notices = (events: UploadEvent[]) => events.flatMap((x) => (x.type === 'retry' ? [x.notice] : []));

describe('single uploads to a slow hub', () => {
  it.each([
    ['stall', 'no answer', 'stalled before the answer'],
    ['stall-body', 'stall mid-body', 'stalled mid-transfer'],
    ['trickle', 'trickle', 'is too slow'],
    ['reset', 'cut off', 'was cut off'],
  ] as const)('%s (%s): the retry line says "%s" in bounded time; the retry sends the file whole', async (fault, label, words) => {
    const key = `courses/c1/lectures/l1/${fault}.mp4`;
    faultOnce(key, fault);
    const { e, events, client } = engine(proxy.url, 64 * MIB);
    try {
      const { noticeMs, err } = await uploadTimed(e, events, single, key);
      expect(err).toBeNull();
      const [first] = notices(events);
      expect(first).toMatch(new RegExp(`^${key.replace(/\./g, '\\.')} to ${HUB} ${words}; retrying in \\d+ s \\(attempt 2 of 4\\)$`));
      expect(noticeMs).toBeGreaterThanOrEqual(0);
      expect(noticeMs).toBeLessThan(BOUND_MS);
      expect(await objectSha256(s3, key)).toBe(await sha256File(single));
      console.info(`upload ${label}: retry notice after ${noticeMs} ms: ${first}`);
    } finally {
      client.destroy();
    }
  });

  it('refused (nothing listens): says so on every attempt, then stops with the attempts counted', async () => {
    const closed = await startFaultProxy(s3.endpoint);
    const endpoint = closed.url;
    await closed.close();
    const { e, events, client } = engine(endpoint, 64 * MIB);
    try {
      const { noticeMs, err } = await uploadTimed(e, events, single, 'courses/c1/refused.mp4');
      expect(err).toBeInstanceOf(RetriesExhaustedError);
      expect((err as Error).message).toMatch(/failed 4 times in a row; the last error was .*ECONNREFUSED/);
      expect(notices(events)[0]).toMatch(new RegExp(`^courses/c1/refused\\.mp4 to ${HUB} was refused: nothing accepts connections there; retrying in \\d+ s \\(attempt 2 of 4\\)$`));
      expect(noticeMs).toBeLessThan(BOUND_MS);
      console.info(`upload refused: retry notice after ${noticeMs} ms: ${notices(events)[0]}`);
    } finally {
      client.destroy();
    }
  });
});

describe('multipart uploads to a slow hub', () => {
  it('a part that stalls mid-body is retried alone; the upload completes and matches the file', async () => {
    const key = 'courses/c1/lectures/l2/long.mp4';
    faultOnce(key, 'stall-body', 'partNumber=2');
    const { e, events, client } = engine(proxy.url, 16 * MIB);
    try {
      const { noticeMs, err } = await uploadTimed(e, events, multi, key);
      expect(err).toBeNull();
      const [first] = notices(events);
      // An 8 MiB part may fit in the socket buffers whole, so the hub is seen stalling mid-body or before answering.
      expect(first).toMatch(new RegExp(`^part 2 of 3 of ${key.replace(/\./g, '\\.')} to ${HUB} stalled (mid-transfer|before the answer); retrying in \\d+ s \\(attempt 2 of 4\\)$`));
      expect(noticeMs).toBeLessThan(BOUND_MS);
      const sent = events.filter((x) => x.type === 'part' && x.state === 'sending').map((x) => (x.type === 'part' ? x.partNumber : 0));
      expect(sent).toEqual([1, 2, 2, 3]);
      expect(await objectSha256(s3, key)).toBe(await sha256File(multi));
      expect(await listIncompleteUploads(s3.client, s3.bucket)).toEqual([]);
      console.info(`upload part stall mid-body: retry notice after ${noticeMs} ms: ${first}`);
    } finally {
      client.destroy();
    }
  });
});

describe("a publish's reads and listings from a slow hub", () => {
  it('a listing that gets no answer is retried with a line naming it; the retry lists the objects', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'courses/c1/listed.txt', Body: 'x' }));
    faultOnce('list-type=2', 'stall', 'prefix=courses', 'GET');
    const { e, events, client } = engine(proxy.url, 64 * MIB);
    try {
      const start = Date.now();
      let noticeMs = -1;
      const watch = setInterval(() => {
        if (noticeMs < 0 && events.some((x) => x.type === 'retry')) noticeMs = Date.now() - start;
      }, 5);
      const page = await e.send('Listing courses/c1/', (signal) => client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'courses/c1/' }), { abortSignal: signal }), 'the listing of courses/c1/');
      const [first] = notices(events);
      expect(first).toMatch(new RegExp(`^the listing of courses/c1/ to ${HUB} stalled before the answer; retrying in \\d+ s \\(attempt 2 of 4\\)$`));
      expect(page.Contents?.some((o) => o.Key === 'courses/c1/listed.txt')).toBe(true);
      clearInterval(watch);
      expect(noticeMs).toBeGreaterThanOrEqual(0);
      expect(noticeMs).toBeLessThan(BOUND_MS);
      console.info(`listing no answer: retry notice after ${noticeMs} ms: ${first}`);
    } finally {
      client.destroy();
    }
  });
});
