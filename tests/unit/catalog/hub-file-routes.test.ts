import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { openLibraryServices, type LibraryServices } from '../../../main/services/library/library-services';
import { createFileLogger } from '../../../main/services/log/logger';
import { writeCatalog } from '../../helpers/catalog-hub';
import { COURSE_ID, LECTURE_ID, MEDIA_DIR, serveHub, writeManifest, writeSyntheticPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

const APP = 'http://127.0.0.1:5999';
const tmp = tempDir('lectern-preview-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub;
let services: LibraryServices;
let stream: (p: string, headers?: Record<string, string>) => Promise<Response>;
let prefix: string;
let close: () => void;

beforeAll(async () => {
  writeSyntheticPackage(hubRoot, { segments: 3 });
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(100, 7)]);
  fs.mkdirSync(path.join(hubRoot, 'posters'), { recursive: true });
  fs.writeFileSync(path.join(hubRoot, 'posters/l1.jpg'), jpeg);
  const poster = { path: 'posters/l1.jpg', size: jpeg.byteLength, sha256: createHash('sha256').update(jpeg).digest('hex') };
  writeManifest(hubRoot, { lecture: { freePreview: true, poster } });
  writeCatalog(hubRoot);
  hub = await serveHub(hubRoot);
  const dataDir = path.join(tmp.dir, 'data');
  const db = openDatabase(dataDir, migrations);
  const log = createFileLogger(dataDir);
  services = openLibraryServices({ dataDir, db, secrets: createMemorySecretStore(), log, emit: () => {} });
  close = () => (db.close(), log.close());
  const h = await services.catalog.addHub(hub.url);
  const route = services.routes(APP)['/stream/']!;
  prefix = `/stream/${h.id}/${COURSE_ID}/${LECTURE_ID}/`;
  const routes = services.routes(APP);
  stream = (p, headers = { 'sec-fetch-site': 'same-origin' }) => (p.startsWith('/poster/') ? routes['/poster/']! : route)(new Request(`${APP}${p}`, { headers }));
});
afterAll(async () => {
  await services.close();
  close();
  await hub.close();
  tmp.cleanup();
});

describe('hub file routes: free-preview streaming and posters', () => {
  it('serves the files a free-preview lecture lists, verified, with their media types', async () => {
    const page = await services.library.coursePage(services.catalog.hubs()[0]!.id, COURSE_ID);
    expect(page.sections[0]?.lectures[0]?.previewPath).toBe(`${prefix}${MEDIA_DIR}/master.m3u8`);
    const master = await stream(`${prefix}${MEDIA_DIR}/master.m3u8`);
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await master.text()).toContain('video.m3u8');
    const seg = await stream(`${prefix}${MEDIA_DIR}/seg_1.ts`);
    expect(seg.status).toBe(200);
    expect(Buffer.from(await seg.arrayBuffer())).toEqual(fs.readFileSync(path.join(hubRoot, MEDIA_DIR, 'seg_1.ts')));
  });

  it('fetches nothing that is not listed, not free preview, outside the hub, or for another origin', async () => {
    const before = hub.requests.length;
    for (const p of [
      `${prefix}catalog.json`,
      `${prefix}${MEDIA_DIR}/../../catalog.json`,
      `${prefix}${MEDIA_DIR}/%2e%2e/seg_1.ts`,
      `${prefix}${MEDIA_DIR}/seg_99.ts`,
      `/stream/not-a-hub/${COURSE_ID}/${LECTURE_ID}/${MEDIA_DIR}/seg_1.ts`,
      prefix.replace(LECTURE_ID, 'other') + `${MEDIA_DIR}/seg_1.ts`,
    ]) {
      expect((await stream(p)).status, p).toBe(404);
    }
    expect((await stream(`${prefix}${MEDIA_DIR}/seg_1.ts`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await stream(`${prefix}${MEDIA_DIR}/seg_1.ts`, {})).status).toBe(403);
    expect(hub.requests.length).toBe(before);
  });

  it('refuses a file the hub changed after publishing, and says when the hub is unreachable', async () => {
    hub.intercept = (req, res) => {
      if (!req.url?.endsWith('seg_0.ts')) return false;
      const size = fs.statSync(path.join(hubRoot, MEDIA_DIR, 'seg_0.ts')).size;
      res.writeHead(200, { 'content-length': size }).end(Buffer.alloc(size, 1));
      return true;
    };
    try {
      const tampered = await stream(`${prefix}${MEDIA_DIR}/seg_0.ts`);
      expect(tampered.status).toBe(502);
      expect(await tampered.text()).toMatch(/does not match the course manifest/);
      hub.intercept = (_req, res) => (res.socket?.destroy(), true);
      const down = await stream(`${prefix}${MEDIA_DIR}/seg_0.ts`);
      expect(down.status).toBe(502);
      expect(await down.text()).toMatch(/could not be reached/);
    } finally {
      hub.intercept = null;
    }
  });

  it('serves a lecture poster listed in the manifest, checked, and nothing else under /poster/', async () => {
    const hubId = services.catalog.hubs()[0]!.id;
    const page = await services.library.coursePage(hubId, COURSE_ID);
    expect(page.posterPath).toBe(`/poster/${hubId}/${COURSE_ID}/${LECTURE_ID}`);
    const poster = await stream(page.posterPath!);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await poster.arrayBuffer())).toEqual(fs.readFileSync(path.join(hubRoot, 'posters/l1.jpg')));
    expect((await stream(`${page.posterPath!}/extra`)).status).toBe(404);
    expect((await stream(`/poster/${hubId}/${COURSE_ID}/other`)).status).toBe(404);
    expect((await stream(page.posterPath!, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await stream(page.posterPath!, { referer: 'https://evil.example/page' })).status).toBe(403);
    // An <img> under lectern:// may carry no fetch metadata at all; a poster is public catalog art.
    expect((await stream(page.posterPath!, {})).status).toBe(200);
  });
});
