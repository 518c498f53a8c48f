import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, InputOf, ResultOf } from '../../../main/contract/channels';
import { createDispatcher } from '../../../main/ipc/dispatch';
import { createHandlers } from '../../../main/ipc/handlers';
import { headlessShell } from '../../../main/ipc/host-shell';
import { openAppServices, type AppServices } from '../../../main/services/app-services';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { parseCourseManifest } from '../../../main/services/downloads/manifest';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { makeImage } from '../../helpers/images';
import { readHubCatalog } from '../../helpers/read-hub-catalog';
import { ffmpegPaths, makeVideo } from '../../helpers/media';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';

/**
 * A course cover from the instructor's file to the student's catalog card, through the contract as the UI
 * calls it: set → publish (content-addressed under `courses/<id>/cover/`, named by course.json and the
 * catalog entry) → the library lists and serves it checked against its sha256; removed and republished,
 * the card falls back to the first lecture's poster.
 */
const tmp = tempDir('lectern-publish-cover-');
const PREFIX = 'hub';
let s3: S3TestServer;
let app: AppServices;
let call: <C extends ChannelName>(channel: C, input: InputOf<C>) => Promise<ResultOf<C>>;

beforeAll(async () => {
  s3 = await connectS3TestServer('covers');
  app = openAppServices({ dataDir: path.join(tmp.dir, 'data'), version: 'test', log: createMemoryLogger(), secrets: createMemorySecretStore(), media: { ffmpeg: ffmpegPaths } });
  const dispatch = createDispatcher(createHandlers(app, headlessShell), createMemoryLogger());
  call = async (channel, input) => {
    const envelope = (await dispatch(channel, input)) as { ok: true; value: never } | { ok: false; error: { message: string } };
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value;
  };
}, 120_000);

afterAll(async () => {
  await app?.close();
  await s3?.close();
  tmp.cleanup();
});

async function hubBytes(key: string): Promise<Buffer> {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${PREFIX}/${key}` }));
  return Buffer.from(await res.Body!.transformToByteArray());
}

describe('a course cover, published and shown in the library', () => {
  it('goes up content-addressed, is listed by course.json and catalog.json, and is served to the library card and page', async () => {
    const course = await call('courses.create', { title: 'Optics' });
    const section = await call('sections.create', { courseId: course.id, title: 'Light' });
    const lecture = await call('lectures.create', { sectionId: section.id, title: 'Refraction' });
    await call('media.import', { lectureId: lecture.id, filePath: makeVideo(path.join(tmp.dir, 'refraction.mp4'), { durationSec: 2, audio: false }) });
    const jobs = await call('media.build', { lectureId: lecture.id, wait: true });
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);

    const cover = await call('courses.setCover', { courseId: course.id, filePath: makeImage(path.join(tmp.dir, 'prism.png'), 1600, 1000) });
    expect((await call('courses.get', { courseId: course.id })).cover).toEqual(cover);
    const hub = await call('hubs.create', { name: 'Swift', endpoint: s3.endpoint, bucket: s3.bucket, keyPrefix: PREFIX, pathStyle: true, ...TEST_CREDENTIALS });
    expect(await call('publish.start', { courseId: course.id, hubId: hub.id, wait: true })).toMatchObject({ state: 'done', version: 1 });

    const manifest = parseCourseManifest((await hubBytes(`courses/${course.id}/versions/1/course.json`)).toString(), 'course.json');
    expect(manifest.cover?.path).toMatch(new RegExp(`^courses/${course.id}/cover/[0-9a-f]{20}/cover.jpg$`));
    expect(manifest.cover).toMatchObject({ size: cover.bytes, sha256: cover.sha256 });
    expect(await hubBytes(manifest.cover!.path)).toEqual(fs.readFileSync(app.covers.file(course.id)!));
    // The paged catalog (index + pages): the cover rides in the course's page entry.
    const catalog = await readHubCatalog(async (key) => (await hubBytes(key)).toString(), '');
    expect(catalog.courses[0]?.cover).toEqual(manifest.cover);

    // Unchanged, the cover is not sent again.
    const again = await call('publish.start', { courseId: course.id, hubId: hub.id, wait: true });
    expect(again).toMatchObject({ state: 'done', version: 2, filesDone: again.filesTotal, filesSkipped: again.filesTotal });

    // The student's side, reading the same bucket with read-only credentials.
    const student = await call('library.addHub', { baseUrl: `${s3.endpoint}/${s3.bucket}/${PREFIX}/`, credentials: { ...TEST_CREDENTIALS } });
    const card = (await call('catalog.list', {})).courses.find((c) => c.courseId === course.id);
    expect(card?.coverPath).toBe(`/cover/${student.id}/${course.id}`);
    expect((await call('catalog.course', { hubId: student.id, courseId: course.id })).coverPath).toBe(card?.coverPath);
    const origin = 'http://127.0.0.1:1';
    const served = await app.routes(origin)['/cover/']!(new Request(`${origin}${card!.coverPath}`));
    expect(served.status, await served.clone().text()).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(fs.readFileSync(app.covers.file(course.id)!));
    const elsewhere = await app.routes(origin)['/cover/']!(new Request(`${origin}/cover/${student.id}/not-a-course`));
    expect(elsewhere.status).toBe(404);
    const crossSite = await app.routes(origin)['/cover/']!(new Request(`${origin}${card!.coverPath}`, { headers: { 'sec-fetch-site': 'cross-site' } }));
    expect(crossSite.status).toBe(403);
    // A cover changed on the hub after publishing is refused, never shown.
    const tampered = await hubBytes(manifest.cover!.path);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 3) ^ 0xff, tampered.length - 3);
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${PREFIX}/${manifest.cover!.path}`, Body: tampered }));
    const refused = await app.routes(origin)['/cover/']!(new Request(`${origin}${card!.coverPath}`));
    expect([refused.status, await refused.text()]).toEqual([502, `${manifest.cover!.path} from the hub does not match the course manifest.`]);

    // Without a cover, the next version names none and the card shows the first lecture's poster.
    expect(await call('courses.removeCover', { courseId: course.id })).toEqual({ removed: true });
    await call('publish.start', { courseId: course.id, hubId: hub.id, wait: true });
    const v3 = parseCourseManifest((await hubBytes(`courses/${course.id}/versions/3/course.json`)).toString(), 'course.json');
    expect(v3.cover).toBeUndefined();
    const refreshed = (await call('catalog.refresh', { hubId: student.id })).courses.find((c) => c.courseId === course.id);
    expect(refreshed?.coverPath).toBe(`/poster/${student.id}/${course.id}/${lecture.id}`);
  }, 180_000);
});
