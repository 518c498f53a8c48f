import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { parseCourseManifest } from '../../../main/services/downloads/manifest';
import { createS3Client } from '../../../main/services/s3/s3-client';
import { Publisher, type PublishCourse } from '../../../main/services/uploads/publisher';
import { RetriesExhaustedError, type UploadEvent } from '../../../main/services/uploads/upload-engine';
import { sha256File, writeBigFile } from '../../helpers/big-file';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { connectS3TestServer, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';
import { readHubCatalog } from '../../helpers/read-hub-catalog';

const PREFIX = 'hub/';
const tmp = tempDir('lectern-publish-');
let s3: S3TestServer;
let proxy: FaultProxy;
let db: Database;

beforeAll(async () => {
  s3 = await connectS3TestServer('publish');
  proxy = await startFaultProxy(s3.endpoint);
  db = openDatabase(path.join(tmp.dir, 'data'), migrations);
});
afterAll(async () => {
  db?.close();
  await proxy?.close();
  await s3?.close();
  tmp.cleanup();
});

/** A small HLS-shaped package: master, one media playlist, `segments` segments. */
function writePackage(dir: string, seed: string, segments = 6): void {
  fs.mkdirSync(path.join(dir, '720p'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2000000\n720p/index.m3u8\n');
  const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:6'];
  for (let i = 0; i < segments; i++) {
    writeBigFile(path.join(dir, '720p', `seg_${i}.ts`), 60_000 + i * 1000, `${seed}-${i}`);
    lines.push('#EXTINF:6.0,', `seg_${i}.ts`);
  }
  fs.writeFileSync(path.join(dir, '720p', 'index.m3u8'), `${lines.join('\n')}\n#EXT-X-ENDLIST\n`);
}

const course = (): PublishCourse => ({
  courseId: 'intro-101',
  title: 'Introduction',
  lectures: [
    { id: 'l1', title: 'Welcome', packageDir: path.join(tmp.dir, 'pkg-a') },
    { id: 'l2', title: 'Basics', packageDir: path.join(tmp.dir, 'pkg-b') },
  ],
});

function publisher(endpoint = s3.endpoint) {
  const events: UploadEvent[] = [];
  const client = endpoint === s3.endpoint ? s3.client : createS3Client({ ...s3.connection, endpoint });
  const p = new Publisher({ db, target: { client, bucket: s3.bucket, scope: `pub|${s3.bucket}` }, keyPrefix: PREFIX, workDir: path.join(tmp.dir, 'work'), onEvent: (e) => events.push(e), engine: { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 } } });
  return { p, events };
}

async function getText(key: string): Promise<string> {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return (await res.Body?.transformToString()) ?? '';
}

async function expectVersionIntact(version: number) {
  const latest = JSON.parse(await getText(`${PREFIX}courses/intro-101/latest.json`)) as { version: number; manifest: string };
  expect(latest.version).toBe(version);
  const manifest = parseCourseManifest(await getText(`${PREFIX}${latest.manifest}`), 'course.json');
  expect(manifest.version).toBe(version);
  for (const l of manifest.lectures) {
    for (const f of l.media?.files ?? []) {
      const body = Buffer.from(await (await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${PREFIX}${f.path}` }))).Body!.transformToByteArray());
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(body).digest('hex'), f.path).toBe(f.sha256);
    }
  }
  return manifest;
}

describe('Publisher', () => {
  it('publishes version 1: media, then course.json, then latest.json and the catalog', async () => {
    writePackage(path.join(tmp.dir, 'pkg-a'), 'a');
    writePackage(path.join(tmp.dir, 'pkg-b'), 'b');
    const { p, events } = publisher();
    const r = await p.publish(course());
    expect(r).toMatchObject({ version: 1, uploaded: 16, skipped: 0, manifestPath: 'courses/intro-101/versions/1/course.json' });
    const order = events.filter((e) => e.type === 'file' && e.state === 'done').map((e) => (e.type === 'file' ? e.key : ''));
    // catalog.json follows, written with its ETag (not through the engine) and read back.
    expect(order.slice(-2)).toEqual([`${PREFIX}courses/intro-101/versions/1/course.json`, `${PREFIX}courses/intro-101/latest.json`]);
    const manifest = await expectVersionIntact(1);
    expect(manifest.lectures.map((l) => l.media?.master)).toEqual([expect.stringMatching(/^courses\/intro-101\/lectures\/l1\/[0-9a-f]{20}\/master.m3u8$/), expect.stringMatching(/^courses\/intro-101\/lectures\/l2\//)]);
    expect(await readHubCatalog(getText, PREFIX)).toEqual({
      courses: [{ id: 'intro-101', title: 'Introduction', version: 1, latest: 'courses/intro-101/latest.json', lectureCount: 2, durationSec: 0, publishedAt: expect.any(String) }],
    });
  });

  it('version 2 uploads only the lecture whose package changed', async () => {
    writeBigFile(path.join(tmp.dir, 'pkg-b', '720p', 'seg_3.ts'), 61_000, 're-encoded');
    const { p } = publisher();
    const r = await p.publish(course());
    expect(r).toMatchObject({ version: 2, uploaded: 8, skipped: 8 });
    await expectVersionIntact(2);
  });

  it('an interrupted publish leaves the previous version current and whole; the next publish completes it', async () => {
    writePackage(path.join(tmp.dir, 'pkg-a'), 'a-v3');
    let puts = 0;
    // The network dies after five uploads of version 3 (the course lease not counted): every later upload is reset.
    proxy.decide = (req) => (req.method === 'PUT' && !req.url?.includes('/leases/') && ++puts > 5 ? 'reset' : 'pass');
    const { p } = publisher(proxy.url);
    await expect(p.publish(course())).rejects.toBeInstanceOf(RetriesExhaustedError);
    proxy.decide = () => 'pass';
    await expectVersionIntact(2);

    const again = publisher(proxy.url);
    const r = await again.p.publish(course());
    expect(r.version).toBe(3);
    expect(r.skipped).toBeGreaterThanOrEqual(8 + 5);
    const manifest = await expectVersionIntact(3);
    const seg = manifest.lectures[0]?.media?.files.find((f) => f.path.endsWith('seg_0.ts'));
    expect(seg?.sha256).toBe(await sha256File(path.join(tmp.dir, 'pkg-a', '720p', 'seg_0.ts')));
  });

  it('garbage collection keeps the newest versions and their media, and deletes what only older versions used', async () => {
    const { p } = publisher();
    const v2 = parseCourseManifest(await getText(`${PREFIX}courses/intro-101/versions/2/course.json`), 'v2');
    const v3 = await expectVersionIntact(3);
    const onlyV1 = (await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${PREFIX}courses/intro-101/versions/1/` }))).Contents ?? [];
    expect(onlyV1).toHaveLength(1);
    // Within the grace period nothing is deleted: another machine may be publishing.
    expect(await p.collectGarbage('intro-101', { keepVersions: 2 })).toMatchObject({ keptVersions: [3, 2], deleted: 0 });
    const r = await p.collectGarbage('intro-101', { keepVersions: 2, now: Date.now() + 2 * 24 * 3600_000 });
    expect(r.keptVersions).toEqual([3, 2]);
    // Version 1's course.json and the package of l2 that version 2 replaced.
    expect(r.deleted).toBe(1 + 8);
    await expectVersionIntact(3);
    for (const f of v2.lectures.flatMap((l) => l.media?.files ?? [])) expect(await getText(`${PREFIX}${f.path}`)).not.toBe('');
    expect(v3.version).toBe(3);
    await expect(getText(`${PREFIX}courses/intro-101/versions/1/course.json`)).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('unpublish removes the course from the catalog and leaves its current version readable', async () => {
    const { p } = publisher();
    expect(await p.unpublish('intro-101')).toBe(true);
    expect(await readHubCatalog(getText, PREFIX)).toEqual({ courses: [] });
    await expectVersionIntact(3);
    expect(await p.unpublish('intro-101')).toBe(false);
  });
});
