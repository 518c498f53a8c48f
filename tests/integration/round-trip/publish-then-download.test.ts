import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, InputOf, ResultOf } from '../../../main/contract/channels';
import { createDispatcher } from '../../../main/ipc/dispatch';
import { createHandlers } from '../../../main/ipc/handlers';
import { headlessShell } from '../../../main/ipc/host-shell';
import { openAppServices, type AppServices } from '../../../main/services/app-services';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { ffmpegPaths, makeVideo } from '../../helpers/media';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';

/**
 * Issues #4 and #5 meet here: what the instructor's Publisher writes to a real S3 server is exactly what
 * the student's catalog and download manager accept. Both sides are driven through the contract, as the
 * UI drives them; the student reads the bucket through a loopback "CDN" that the test then switches off.
 */

type Call = <C extends ChannelName>(channel: C, input: InputOf<C>) => Promise<ResultOf<C>>;

function contractClient(s: AppServices): Call {
  const dispatch = createDispatcher(createHandlers(s, headlessShell), createMemoryLogger());
  return async (channel, input) => {
    const envelope = await dispatch(channel, input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value as ResultOf<typeof channel>;
  };
}

/** Public read access to the bucket under `prefix`, the way a CDN or a public-read bucket serves it. */
async function startGateway(s3: S3TestServer, prefix: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const key = `${prefix}${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1))}`;
    s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key })).then(
      async (obj) => {
        const body = Buffer.from(await obj.Body!.transformToByteArray());
        res.writeHead(200, { 'content-type': obj.ContentType ?? 'application/octet-stream', 'content-length': body.length });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const tmp = tempDir('lectern-round-trip-');
let s3: S3TestServer;
let instructor: AppServices;
let student: AppServices;

beforeAll(async () => {
  s3 = await connectS3TestServer('round-trip');
  const open = (dir: string) =>
    openAppServices({ dataDir: path.join(tmp.dir, dir), version: 'test', log: createMemoryLogger(), secrets: createMemorySecretStore(), media: { ffmpeg: ffmpegPaths } });
  instructor = open('instructor');
  student = open('student');
}, 120_000);

afterAll(async () => {
  await instructor?.close();
  await student?.close();
  await s3?.close();
  tmp.cleanup();
});

describe('publish to S3, then find, download and check it as a student', () => {
  it('carries sections, rich text, durations and every file intact, and plays from disk with the hub gone', async () => {
    const teach = contractClient(instructor);
    const course = await teach('courses.create', { title: 'Signals — 신호 101' });
    await teach('courses.update', { courseId: course.id, patch: { description: '<p>Learn <strong>sampling</strong>.</p>', tags: ['dsp'] } });
    const intro = await teach('sections.create', { courseId: course.id, title: 'Intro' });
    const deeper = await teach('sections.create', { courseId: course.id, title: 'Deeper' });
    const first = await teach('lectures.create', { sectionId: intro.id, title: 'Welcome' });
    const second = await teach('lectures.create', { sectionId: deeper.id, title: 'Aliasing' });
    await teach('lectures.update', { lectureId: first.id, patch: { summary: '<p>Start <em>here</em></p>', freePreview: true } });
    for (const [i, lecture] of [first, second].entries()) {
      const file = makeVideo(path.join(tmp.dir, `src ${i} ü.mp4`), { width: 320, height: 180, durationSec: 3 });
      await teach('media.import', { lectureId: lecture.id, filePath: file });
      await teach('media.build', { lectureId: lecture.id, wait: true });
    }
    const prefix = 'lectern/';
    const hub = await teach('hubs.create', {
      name: 'Test hub',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: s3.bucket,
      keyPrefix: prefix,
      pathStyle: true,
      accessKeyId: TEST_CREDENTIALS.accessKeyId,
      secretAccessKey: TEST_CREDENTIALS.secretAccessKey,
    });
    const run = await teach('publish.start', { courseId: course.id, hubId: hub.id, wait: true });
    expect(run.state).toBe('done');

    const gateway = await startGateway(s3, prefix);
    const learn = contractClient(student);
    try {
      const libraryHub = await learn('library.addHub', { baseUrl: gateway.url });
      const catalog = await learn('catalog.list', {});
      expect(JSON.stringify(catalog)).toContain('Signals — 신호 101');
      const page = await learn('catalog.course', { hubId: libraryHub.id, courseId: course.id });
      expect(page.description).toBe('<p>Learn <strong>sampling</strong>.</p>');
      expect(page.sections.map((s) => [s.title, s.lectures.map((l) => l.title)])).toEqual([
        ['Intro', ['Welcome']],
        ['Deeper', ['Aliasing']],
      ]);
      const welcome = page.sections[0]!.lectures[0]!;
      expect(welcome.summary).toBe('<p>Start <em>here</em></p>');
      expect(welcome.freePreview).toBe(true);
      expect(welcome.durationSec).toBeGreaterThan(2.5);
      expect(welcome.qualities.length).toBeGreaterThan(0);

      const items = await learn('downloads.start', { hubId: libraryHub.id, courseId: course.id, height: null, wait: true });
      expect(items).toHaveLength(2);
    } finally {
      await gateway.close();
    }

    // The hub is gone: every stored file still verifies, and the player's route serves the lecture.
    const downloads = await learn('downloads.list', {});
    const listing = JSON.stringify(downloads);
    for (const d of student.library.downloads.list()) {
      expect(d.state, listing).toBe('completed');
      const report = await learn('downloads.verify', { downloadId: d.id });
      expect(report.refetch).toBe(0);
      const origin = 'http://127.0.0.1:1';
      const route = student.routes(origin)['/media/']!;
      const master = await route(new Request(`${origin}/media/${d.id}/master.m3u8`, { headers: { 'x-lectern-player': '1' } }));
      expect(master.status).toBe(200);
      expect(await master.text()).toMatch(/^#EXTM3U/);
    }
  }, 240_000);
});
