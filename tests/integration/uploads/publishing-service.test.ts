import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishRun } from '../../../main/contract/domains/publishing-types';
import type { LectureMedia } from '../../../main/contract/types';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { CatalogDocument, parseCourseManifest } from '../../../main/services/downloads/manifest';
import { DraftsService } from '../../../main/services/drafts/drafts-service';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { openPublishingServices, type PublishingServices } from '../../../main/services/publishing/publishing-services';
import { writeBigFile } from '../../helpers/big-file';
import { startFaultProxy } from '../../helpers/fault-proxy';
import { connectS3TestServer, listIncompleteUploads, TEST_CREDENTIALS, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';
import { readHubCatalog } from '../../helpers/read-hub-catalog';

/**
 * The publishing service against the Swift test server: drafts mapped to the hub format, recorded runs
 * with throttled progress, re-publish sending only what changed, expired credentials without a retry
 * storm, pause/resume/cancel, and a run interrupted by a dead process resumed by the next one.
 * Lecture media is written as the media service lays it out, without ffmpeg (the e2e test encodes).
 */
const tmp = tempDir('lectern-publishing-');
const dataDir = path.join(tmp.dir, 'data');
let s3: S3TestServer;
let db: Database;
let drafts: DraftsService;
const events: PublishRun[] = [];
const log = createMemoryLogger();
const media = new Map<string, LectureMedia>();
let services: PublishingServices;

function open(): PublishingServices {
  return openPublishingServices({
    db,
    secrets,
    log,
    emit: (name, payload) => {
      if (name === 'publish.run') events.push(payload as PublishRun);
    },
    dataDir,
    drafts,
    media: { get: (id) => media.get(id) ?? { lectureId: id, source: null, poster: null, storyboard: null, preview: null, ladder: null, captions: null, jobs: [] } },
    // Progress deadlines scaled down from 30 s so the slow-hub case below reports within seconds.
    engine: { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 }, stall: { headersMs: 1000, idleMs: 1500, minBytesPerSec: 1024, slowWindowMs: 3000 } },
  });
}
const secrets = createMemorySecretStore();

/** A built lecture as MediaService.get reports it: one 180p rendition, poster, storyboard and preview clip. */
function buildLecture(lectureId: string, seed: string, segmentBytes = 40_000): void {
  const dir = path.join(dataDir, 'media', lectureId);
  const hls = path.join(dir, 'hls');
  fs.mkdirSync(path.join(hls, '180p'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'storyboard'), { recursive: true });
  fs.writeFileSync(path.join(hls, 'master.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=320x180\n180p/index.m3u8\n');
  fs.writeFileSync(path.join(hls, 'ladder.json'), '{"note":"encoder notes stay local"}');
  const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:4'];
  for (let i = 0; i < 3; i++) {
    writeBigFile(path.join(hls, '180p', `seg_${i}.ts`), segmentBytes, `${seed}-${i}`);
    lines.push('#EXTINF:4.0,', `seg_${i}.ts`);
  }
  fs.writeFileSync(path.join(hls, '180p', 'index.m3u8'), `${lines.join('\n')}\n#EXT-X-ENDLIST\n`);
  writeBigFile(path.join(dir, 'poster.jpg'), 5_000, `${seed}-poster`);
  writeBigFile(path.join(dir, 'storyboard', 'sprite.jpg'), 8_000, `${seed}-sprite`);
  fs.writeFileSync(path.join(dir, 'storyboard', 'thumbnails.vtt'), 'WEBVTT\n\n00:00.000 --> 00:04.000\nsprite.jpg#xywh=0,0,160,90\n');
  writeBigFile(path.join(dir, 'preview.mp4'), 12_000, `${seed}-preview`);
  media.set(lectureId, {
    lectureId,
    source: null,
    poster: path.join(dir, 'poster.jpg'),
    storyboard: { sprite: path.join(dir, 'storyboard', 'sprite.jpg'), vtt: path.join(dir, 'storyboard', 'thumbnails.vtt') },
    preview: path.join(dir, 'preview.mp4'),
    ladder: { master: path.join(hls, 'master.m3u8'), renditions: [{ name: '180p', width: 320, height: 180, bandwidth: 400_000, playlist: '180p/index.m3u8' }] },
    captions: null,
    jobs: [],
  });
}

async function hubText(key: string): Promise<string> {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return (await res.Body?.transformToString()) ?? '';
}

let hubId: string;
let courseId: string;
let lectureIds: string[];

beforeAll(async () => {
  s3 = await connectS3TestServer('publishing');
  db = openDatabase(dataDir);
  drafts = new DraftsService(db);
  services = open();
  const hub = await services.createHub({ name: 'Swift', endpoint: s3.endpoint, bucket: s3.bucket, keyPrefix: 'hub', pathStyle: true, ...TEST_CREDENTIALS });
  hubId = hub.id;
  const course = drafts.createCourse('Rust for Data People');
  courseId = course.id;
  drafts.updateCourse(courseId, { subtitle: 'From zero', tags: ['rust'], language: 'en' });
  const basics = drafts.createSection(courseId, 'Basics');
  const advanced = drafts.createSection(courseId, 'Advanced');
  const a = drafts.createLecture(basics.id, 'Variables');
  drafts.updateLecture(a.id, { summary: 'let and mut', freePreview: true, durationSec: 12 });
  const b = drafts.createLecture(advanced.id, 'Traits');
  lectureIds = [a.id, b.id];
});
afterAll(async () => {
  await services?.close();
  db?.close();
  await s3?.close();
  tmp.cleanup();
});

describe('PublishingService', () => {
  it('the pre-publish check names each lecture without a finished ladder, and publish.start refuses', async () => {
    const check = services.publish.check(courseId);
    expect(check.ok).toBe(false);
    // toMatchObject: each problem also carries its message id (`text`), tested in tests/unit/i18n.
    expect(check.problems).toMatchObject([
      { lectureId: lectureIds[0], message: '“Variables” has no video; import one and build it in the Studio.', text: { key: 'svc.publishing.noVideo' } },
      { lectureId: lectureIds[1], message: '“Traits” has no video; import one and build it in the Studio.' },
    ]);
    await expect(services.publish.start(courseId, hubId)).rejects.toThrow(/cannot be published yet: “Variables” has no video/);
    expect(services.publish.runs()).toEqual([]);
  });

  it('publishes version 1 with sections, previews and rendition sizes, and records the run and publication', async () => {
    buildLecture(lectureIds[0]!, 'a');
    buildLecture(lectureIds[1]!, 'b');
    expect(services.publish.check(courseId)).toMatchObject({ ok: true, problems: [], lectureCount: 2 });
    const run = await services.publish.start(courseId, hubId, { wait: true });
    expect(run).toMatchObject({ state: 'done', version: 1, filesTotal: 2 * 9, filesSkipped: 0, filesDone: 18, error: null, courseTitle: 'Rust for Data People', hubName: 'Swift' });
    expect(run.bytesDone).toBe(run.bytesTotal);

    const latest = JSON.parse(await hubText(`hub/courses/${courseId}/latest.json`)) as { version: number; manifest: string };
    const manifest = parseCourseManifest(await hubText(`hub/${latest.manifest}`), 'course.json');
    expect(manifest).toMatchObject({ schemaVersion: 1, version: 1, title: 'Rust for Data People', subtitle: 'From zero', language: 'en', tags: ['rust'] });
    expect(manifest.sections?.map((s) => [s.title, s.lectureIds])).toEqual([
      ['Basics', [lectureIds[0]]],
      ['Advanced', [lectureIds[1]]],
    ]);
    const first = manifest.lectures[0]!;
    expect(first).toMatchObject({ title: 'Variables', summary: 'let and mut', freePreview: true, durationSec: 12 });
    expect(first.poster?.path).toMatch(new RegExp(`^courses/${courseId}/lectures/${first.id}/poster/[0-9a-f]{20}/poster.jpg$`));
    expect(first.storyboard?.vtt.path.replace('thumbnails.vtt', 'sprite.jpg')).toBe(first.storyboard?.sprite.path);
    expect(first.previewClip?.size).toBe(12_000);
    expect(first.media?.files.some((f) => f.path.endsWith('ladder.json'))).toBe(false);
    expect(first.media?.renditions).toEqual([{ name: '180p', height: 180, bandwidth: 400_000, bytes: 3 * 40_000 + fs.statSync(path.join(dataDir, 'media', first.id, 'hls/180p/index.m3u8')).size }]);
    const catalog = CatalogDocument.parse(await readHubCatalog(hubText, 'hub/'));
    expect(catalog.courses).toEqual([expect.objectContaining({ id: courseId, subtitle: 'From zero', version: 1, lectureCount: 2, durationSec: 12 })]);

    expect(services.publish.courses().find((c) => c.courseId === courseId)?.publications).toEqual([
      expect.objectContaining({ hubId, hubName: 'Swift', version: 1, manifestKey: `hub/courses/${courseId}/versions/1/course.json` }),
    ]);
    const mine = events.filter((e) => e.id === run.id);
    expect(mine.map((e) => e.state)).toEqual(expect.arrayContaining(['queued', 'running', 'done']));
    expect(JSON.stringify(mine)).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    expect(log.records.some((r) => r.message === 'swept stale multipart uploads')).toBe(true);
  });

  it('re-publishing after one lecture changed sends only that lecture’s changed files', async () => {
    buildLecture(lectureIds[1]!, 'b-edited');
    const run = await services.publish.start(courseId, hubId, { wait: true });
    // Lecture 2's package, poster, storyboard (one folder, both files) and preview changed: 9 files.
    expect(run).toMatchObject({ state: 'done', version: 2, filesTotal: 18, filesSkipped: 9, filesDone: 18 });
    expect(JSON.parse(await hubText(`hub/courses/${courseId}/latest.json`))).toMatchObject({ version: 2 });
  });

  it('progress events stay at about four a second per run', async () => {
    buildLecture(lectureIds[0]!, 'slow', 300_000);
    const before = events.length;
    const started = performance.now();
    const run = await services.publish.start(courseId, hubId, { wait: true, bandwidthLimit: 400_000 });
    const seconds = (performance.now() - started) / 1000;
    expect(run.state).toBe('done');
    const progress = events.slice(before).filter((e) => e.id === run.id && e.state === 'running');
    expect(seconds).toBeGreaterThan(1.5);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 6);
    expect(progress.some((e) => e.bytesPerSecond > 0)).toBe(true);
    const inFlight = progress.flatMap((e) => e.currentFiles);
    expect(inFlight.some((f) => new RegExp(`^lectures/${lectureIds[0]}/[0-9a-f]{20}/180p/seg_\\d\\.ts$`).test(f.path) && f.size === 300_000)).toBe(true);
    expect(run.currentFiles).toEqual([]);
    expect(run.bandwidthLimit).toBe(400_000);
  });

  it('pause holds the upload, resume finishes it; cancel leaves the hub on the previous version', async () => {
    buildLecture(lectureIds[0]!, 'pause', 300_000);
    const queued = await services.publish.start(courseId, hubId, { bandwidthLimit: 300_000 });
    await expect.poll(() => services.publish.runs()[0]?.bytesDone ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(services.publish.pause(queued.id).state).toBe('paused');
    const held = services.publish.runs()[0]!.bytesDone;
    await new Promise((r) => setTimeout(r, 700));
    expect(services.publish.runs()[0]!.bytesDone).toBeLessThanOrEqual(held + 300_000);
    const done = await services.publish.resume(queued.id, { wait: true });
    expect(done).toMatchObject({ state: 'done', version: 4 });

    buildLecture(lectureIds[0]!, 'cancel', 300_000);
    const next = await services.publish.start(courseId, hubId, { bandwidthLimit: 300_000 });
    await expect.poll(() => services.publish.runs()[0]?.bytesDone ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await services.publish.cancel(next.id)).state).toBe('cancelled');
    expect(JSON.parse(await hubText(`hub/courses/${courseId}/latest.json`))).toMatchObject({ version: 4 });
    expect(await listIncompleteUploads(s3.client, s3.bucket)).toEqual([]);
    expect((await services.publish.retry(next.id, { wait: true })).state).toBe('done');
  });

  it('a run left running by a dead process is shown as paused after a restart and resumes', async () => {
    buildLecture(lectureIds[1]!, 'interrupted');
    const id = '7d2c1a3e-0b4f-4c5d-8e6f-9a0b1c2d3e4f';
    db.prepare("INSERT INTO publish_runs (id, course_id, hub_id, state, created_at, updated_at, owner_pid) VALUES (?, ?, ?, 'running', ?, ?, ?)").run(id, courseId, hubId, Date.now(), Date.now(), 2 ** 22 + 12345);
    const restarted = open();
    const run = restarted.publish.runs().find((r) => r.id === id);
    expect(run).toMatchObject({ state: 'paused', error: expect.stringMatching(/Interrupted/) });
    expect(await restarted.publish.resume(id, { wait: true })).toMatchObject({ state: 'done', error: null });
    await restarted.close();
  });

  it('captions are published as one content-addressed file; unchanged captions or a new label upload nothing', async () => {
    const lectureId = lectureIds[0]!;
    const vtt = path.join(dataDir, 'media', lectureId, 'captions.vtt');
    fs.writeFileSync(vtt, 'WEBVTT\n\n00:00.500 --> 00:03.000\nHello\n');
    const withCaptions = (label: string) => {
      const current = media.get(lectureId)!;
      media.set(lectureId, { ...current, captions: { file: vtt, originalName: 'en.vtt', sizeBytes: fs.statSync(vtt).size, cueCount: 1, language: 'en', label, attachedAt: 1 } });
    };
    withCaptions('English');
    const first = await services.publish.start(courseId, hubId, { wait: true });
    expect(first).toMatchObject({ state: 'done', version: 7, filesTotal: 19, filesSkipped: 18 });
    const manifest = async () => {
      const latest = JSON.parse(await hubText(`hub/courses/${courseId}/latest.json`)) as { manifest: string };
      return parseCourseManifest(await hubText(`hub/${latest.manifest}`), 'course.json');
    };
    const captions = (await manifest()).lectures[0]?.captions;
    expect(captions).toEqual({ vtt: { path: expect.stringMatching(new RegExp(`^courses/${courseId}/lectures/${lectureId}/captions/[0-9a-f]{20}/captions.vtt$`)), size: fs.statSync(vtt).size, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, language: 'en', label: 'English' });
    expect(await hubText(`hub/${captions!.vtt.path}`)).toBe(fs.readFileSync(vtt, 'utf8'));
    expect((await manifest()).lectures[1]?.captions).toBeUndefined();

    expect(await services.publish.start(courseId, hubId, { wait: true })).toMatchObject({ state: 'done', version: 8, filesTotal: 19, filesSkipped: 19 });
    withCaptions('English (CC)');
    expect(await services.publish.start(courseId, hubId, { wait: true })).toMatchObject({ state: 'done', version: 9, filesSkipped: 19 });
    expect((await manifest()).lectures[0]?.captions).toMatchObject({ vtt: { path: captions!.vtt.path }, label: 'English (CC)' });
  });

  it('unpublish takes the course out of the catalog and forgets the publication; gc honours the grace period', async () => {
    expect(await services.publish.collectGarbage(courseId, hubId, 2)).toMatchObject({ deleted: 0, keptVersions: [9, 8] });
    expect(await services.publish.unpublish(courseId, hubId)).toEqual({ removed: true });
    expect(CatalogDocument.parse(await readHubCatalog(hubText, 'hub/')).courses).toEqual([]);
    expect(services.publish.courses().find((c) => c.courseId === courseId)?.publications).toEqual([]);
  });

  it('a hub that stops answering: the run shows "<file> to <hub> stalled …; retrying", takes it down, and finishes', async () => {
    const proxy = await startFaultProxy(s3.endpoint);
    let stalled = false;
    proxy.decide = (req) => (!stalled && req.method === 'PUT' && /\/seg_1\.ts/.test(req.url ?? '') ? ((stalled = true), 'stall') : 'pass');
    const slow = await services.createHub({ name: 'Stalling hub', endpoint: proxy.url, bucket: s3.bucket, keyPrefix: 'slow', pathStyle: true, ...TEST_CREDENTIALS });
    try {
      const from = events.length;
      const start = Date.now();
      let noticeMs = -1;
      const watch = setInterval(() => {
        if (noticeMs < 0 && events.slice(from).some((e) => e.state === 'running' && e.error)) noticeMs = Date.now() - start;
      }, 5);
      const run = await services.publish.start(courseId, slow.id, { wait: true });
      clearInterval(watch);
      const mine = events.slice(from).filter((e) => e.id === run.id);
      const notice = mine.find((e) => e.state === 'running' && e.error);
      expect(notice?.error).toMatch(/^lectures\/[^/]+\/[0-9a-f]{20}\/180p\/seg_1\.ts to Stalling hub stalled before the answer; retrying in \d+ s \(attempt 2 of 3\)$/);
      expect(noticeMs).toBeGreaterThanOrEqual(0);
      expect(noticeMs).toBeLessThan(4000);
      // Taken down once the retry got through, while the run still ran.
      expect(mine.slice(mine.indexOf(notice!) + 1).some((e) => e.state === 'running' && e.error === null)).toBe(true);
      expect(run).toMatchObject({ state: 'done', error: null });
      const latest = JSON.parse(await hubText(`slow/courses/${courseId}/latest.json`)) as { manifest: string };
      const manifest = parseCourseManifest(await hubText(`slow/${latest.manifest}`), 'course.json');
      const seg = manifest.lectures.flatMap((l) => l.media?.files ?? []).find((f) => f.path.endsWith('seg_1.ts'));
      expect(seg).toBeDefined();
      const body = await (await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `slow/${seg!.path}` }))).Body!.transformToByteArray();
      expect(createHash('sha256').update(body).digest('hex')).toBe(seg!.sha256);
      console.info(`publish (service) no answer: run error shown after ${noticeMs} ms: ${notice?.error}`);
    } finally {
      await services.deleteHub(slow.id);
      await proxy.close();
    }
  });

  it('leaves a run queued by another live Lectern process alone', async () => {
    const id = '3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    db.prepare("INSERT INTO publish_runs (id, course_id, hub_id, state, created_at, updated_at, owner_pid) VALUES (?, ?, ?, 'queued', ?, ?, ?)").run(id, courseId, hubId, 1, 1, process.ppid);
    const other = open();
    expect(other.publish.runs().find((r) => r.id === id)?.state).toBe('queued');
    expect(() => other.publish.pause(id)).toThrow(/another Lectern process/);
    db.prepare('DELETE FROM publish_runs WHERE id = ?').run(id);
    await other.close();
  });

  it('expired session credentials fail the run at once with reason credentials-expired, without a request', async () => {
    const expired = await services.createHub({
      name: 'Expired',
      endpoint: 'http://127.0.0.1:9',
      bucket: s3.bucket,
      pathStyle: true,
      ...TEST_CREDENTIALS,
      sessionToken: 'old-token',
      sessionExpiresAt: Date.now() - 1000,
    });
    const run = await services.publish.start(courseId, expired.id, { wait: true });
    expect(run).toMatchObject({ state: 'failed', reason: 'credentials-expired', error: expect.stringMatching(/session token for hub "Expired" has expired/) });
    expect(JSON.stringify(run)).not.toContain('old-token');
    await expect(services.deleteHub(hubId)).resolves.toBeUndefined();
  });

  it('a course held by another machine shows "waiting for <host>" on the run, then publishes once the hold expires', async () => {
    const shared = await services.createHub({ name: 'Shared', endpoint: s3.endpoint, bucket: s3.bucket, keyPrefix: 'shared', pathStyle: true, ...TEST_CREDENTIALS });
    const now = Date.now();
    const lease = {
      lectern: 'lease', schemaVersion: 1, resource: `course-${courseId}`, label: 'Rust for Data People', owner: 'elsewhere', token: 'elsewhere-token',
      host: 'studio-elsewhere', pid: 4242, acquiredAt: new Date(now - 60_000).toISOString(), expiresAt: new Date(now).toISOString(),
    };
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `shared/leases/course-${courseId}.json`, Body: JSON.stringify(lease), ContentType: 'application/json' }));
    const from = events.length;
    const run = await services.publish.start(courseId, shared.id, { wait: true });
    expect(run).toMatchObject({ state: 'done', waitingFor: null, error: null });
    const waiting = events.slice(from).filter((e) => e.id === run.id && e.waitingFor !== null);
    expect(waiting[0]?.waitingFor).toEqual({ host: 'studio-elsewhere', since: lease.acquiredAt });
  }, 60_000);
});
