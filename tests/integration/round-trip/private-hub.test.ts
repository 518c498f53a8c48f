import fs from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, InputOf, ResultOf } from '../../../main/contract/channels';
import { createDispatcher } from '../../../main/ipc/dispatch';
import { createHandlers } from '../../../main/ipc/handlers';
import { headlessShell } from '../../../main/ipc/host-shell';
import { openAppServices, type AppServices } from '../../../main/services/app-services';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { writeCatalog } from '../../helpers/catalog-hub';
import { COURSE_ID, fileTree, LECTURE_ID, MEDIA_DIR, writeFfmpegPackage, writeManifest } from '../../helpers/hls-fixture';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';

/**
 * A student reads a PRIVATE bucket straight from the S3 endpoint (Swift, which checks every signature)
 * with read-only credentials: no CDN, no gateway. The catalog, a download and the free-preview stream
 * all go through the one signed fetch; without credentials, or with a wrong secret, the student is told
 * why the hub cannot be read. When the session expires, new credentials are checked against Swift
 * before they replace the old ones, and then the catalog reads again.
 */

type Envelope<C extends ChannelName> = { ok: true; value: ResultOf<C> } | { ok: false; error: { code: string; message: string } };
type Call = <C extends ChannelName>(channel: C, input: InputOf<C>) => Promise<Envelope<C>>;

const tmp = tempDir('lectern-private-hub-');
const PREFIX = 'lectern/';
let s3: S3TestServer;
let student: AppServices;
let call: Call;
let base: string;

beforeAll(async () => {
  s3 = await connectS3TestServer('private-hub');
  // The hub as the Publisher lays it out (catalog.json, latest.json, course.json, one HLS lecture), PUT into the bucket.
  const hubRoot = path.join(tmp.dir, 'hub');
  writeFfmpegPackage(hubRoot);
  writeManifest(hubRoot, { lecture: { freePreview: true } });
  writeCatalog(hubRoot);
  for (const rel of fileTree(hubRoot)) {
    if (!fs.statSync(path.join(hubRoot, rel)).isFile()) continue;
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${PREFIX}${rel}`, Body: fs.readFileSync(path.join(hubRoot, rel)) }));
  }
  base = `${s3.endpoint}/${s3.bucket}/${PREFIX}`;
  student = openAppServices({ dataDir: path.join(tmp.dir, 'student'), version: 'test', log: createMemoryLogger(), secrets: createMemorySecretStore() });
  const dispatch = createDispatcher(createHandlers(student, headlessShell), createMemoryLogger());
  call = (channel, input) => dispatch(channel, input) as never;
}, 120_000);

afterAll(async () => {
  await student?.close();
  await s3?.close();
  tmp.cleanup();
});

describe('a private hub read with read-only S3 credentials', () => {
  it('is refused with a clear message without credentials or with a wrong secret', async () => {
    const anonymous = await call('library.addHub', { baseUrl: base });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('The hub may be private: add it with the read-only credentials') } });

    const wrong = await call('library.addHub', { baseUrl: base, name: 'Course hub', credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'not-the-secret' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('The hub "Course hub" refused these credentials (HTTP 403') } });
    expect(await call('library.hubs', {})).toEqual({ ok: true, value: [] });
  });

  it('reads the catalog, downloads a lecture and streams its free preview with the right ones', async () => {
    const added = await call('library.addHub', { baseUrl: base, name: 'Course hub', credentials: { ...TEST_CREDENTIALS, region: 'us-east-1' } });
    if (!added.ok) throw new Error(added.error.message);
    const hub = added.value;
    expect(hub).toMatchObject({ auth: 's3-credentials', accessKeyId: TEST_CREDENTIALS.accessKeyId, courseCount: 1, offline: false, error: null });
    expect(JSON.stringify(hub)).not.toContain(TEST_CREDENTIALS.secretAccessKey);

    const catalog = await call('catalog.list', {});
    expect(catalog.ok && catalog.value.courses.map((c) => c.courseId)).toEqual([COURSE_ID]);

    const started = await call('downloads.start', { hubId: hub.id, courseId: COURSE_ID, lectureId: LECTURE_ID, height: null, wait: true });
    if (!started.ok) throw new Error(started.error.message);
    const download = student.library.downloads.get(started.value[0]!.id);
    expect(download.state, download.error ?? '').toBe('completed');
    const verified = await call('downloads.verify', { downloadId: download.id });
    expect(verified).toMatchObject({ ok: true, value: { refetch: 0 } });

    const origin = 'http://127.0.0.1:1';
    const stream = student.routes(origin)['/stream/']!;
    const master = await stream(new Request(`${origin}/stream/${hub.id}/${COURSE_ID}/${LECTURE_ID}/${MEDIA_DIR}/master.m3u8`, { headers: { 'x-lectern-player': '1' } }));
    expect(master.status, await master.clone().text()).toBe(200);
    expect(await master.text()).toMatch(/^#EXTM3U/);

    const removed = await call('library.removeHub', { hubId: hub.id });
    expect(removed).toEqual({ ok: true, value: [] });
  }, 120_000);

  it('after the session expires, updated credentials resume reading the catalog; refused ones change nothing', async () => {
    const added = await call('library.addHub', { baseUrl: base, name: 'Course hub', credentials: { ...TEST_CREDENTIALS, sessionToken: 'session-1', sessionExpiresAt: Date.now() + 3_600_000 } });
    if (!added.ok) throw new Error(added.error.message);
    const hubId = added.value.id;
    // The clock passes the session's expiry (Swift has no STS to issue a short one): Lectern refuses it before any request.
    student.db.prepare('UPDATE library_hubs SET session_expires_at = ? WHERE id = ?').run(Date.now() - 1_000, hubId);
    const expired = await call('catalog.refresh', { hubId });
    expect(expired.ok && expired.value.hubs[0]).toMatchObject({ offline: true, accessProblem: 'credentials-expired', error: expect.stringContaining('Update its credentials') });

    const wrong = await call('library.updateHubCredentials', { hubId, credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'not-the-secret' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('(the hub keeps key test:tester): The hub "Course hub" refused these credentials (HTTP 403') } });
    const still = await call('catalog.refresh', { hubId });
    expect(still.ok && still.value.hubs[0]).toMatchObject({ offline: true, accessProblem: 'credentials-expired' });

    const updated = await call('library.updateHubCredentials', { hubId, credentials: { ...TEST_CREDENTIALS } });
    expect(updated).toMatchObject({ ok: true, value: { auth: 's3-credentials', accessKeyId: TEST_CREDENTIALS.accessKeyId, sessionExpiresAt: null, offline: false, error: null, accessProblem: null, courseCount: 1 } });
    expect(JSON.stringify(updated)).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    const refreshed = await call('catalog.refresh', { hubId });
    expect(refreshed.ok && refreshed.value.courses.map((c) => c.courseId)).toEqual([COURSE_ID]);
    const page = await call('catalog.course', { hubId, courseId: COURSE_ID });
    expect(page.ok).toBe(true);

    // A private bucket cannot be made public by wishing: the unsigned check fails and the key stays.
    const unsigned = await call('library.updateHubCredentials', { hubId, credentials: null });
    expect(unsigned).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('The hub is private') } });
    expect(await call('library.hubs', {})).toMatchObject({ ok: true, value: [{ auth: 's3-credentials' }] });
    await call('library.removeHub', { hubId });
  }, 120_000);
});
