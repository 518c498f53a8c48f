import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { DownloadManager } from '../../../main/services/downloads/download-manager';
import { createOfflineMediaHandler } from '../../../main/services/offline-media/offline-media-handler';
import { LECTURE_ID, MANIFEST_PATH, serveHub, writeFfmpegPackage } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * The real player: hls.js in Debian's Chromium plays a downloaded, encrypted lecture from the media
 * route on the page's own origin, fetching the key itself (same-origin fetch metadata), and a page on
 * another origin cannot read the key.
 */

const CHROMIUM = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium';
const HLS_JS = path.resolve(import.meta.dirname, '../../../node_modules/hls.js/dist/hls.min.js');
const tmp = tempDir('lectern-dl-hlsjs-');
afterAll(() => tmp.cleanup());

const page = (source: string) => `<!doctype html><video id=v muted></video><script src="/hls.js"></script><script>
  window.errors = [];
  const hls = new Hls();
  hls.on(Hls.Events.ERROR, (_e, d) => d.fatal && window.errors.push(d.details));
  hls.on(Hls.Events.MANIFEST_PARSED, () => document.getElementById('v').play());
  hls.loadSource(${JSON.stringify(source)});
  hls.attachMedia(document.getElementById('v'));
</script>`;

function listen(handler: (req: Request) => Promise<Response>): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer(getRequestListener(handler));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/** The app's origin: the player page, hls.js, and the offline media route over `manager`'s downloads. */
async function serveApp(manager: DownloadManager, library: string, id: string): Promise<{ origin: string; close(): Promise<void> }> {
  let appOrigin = '';
  const app = await listen(async (req) => {
    const { pathname } = new URL(req.url);
    if (pathname.startsWith('/media/')) return createOfflineMediaHandler({ source: manager.mediaSource(), libraryDir: library, appOrigin })(req);
    if (pathname === '/hls.js') return new Response(fs.readFileSync(HLS_JS), { headers: { 'content-type': 'text/javascript' } });
    return new Response(page(`/media/${id}/master.m3u8`), { headers: { 'content-type': 'text/html', 'referrer-policy': 'no-referrer' } });
  });
  appOrigin = app.origin;
  return app;
}

describe.skipIf(!fs.existsSync(CHROMIUM))(`hls.js in Chromium (${CHROMIUM}; skipped when absent)`, () => {
  it.each(['mpegts', 'fmp4'] as const)('plays a downloaded %s lecture offline and keeps the key from other origins', async (segmentType) => {
    const hubRoot = path.join(tmp.dir, `hub-${segmentType}`);
    writeFfmpegPackage(hubRoot, { segmentType, seconds: 4 });
    const hub = await serveHub(hubRoot);
    const db = openDatabase(path.join(tmp.dir, `data-${segmentType}`), migrations);
    const library = path.join(tmp.dir, `data-${segmentType}`, 'library');
    const manager = new DownloadManager({ db, libraryDir: library, secrets: createMemorySecretStore(), freeBytes: async () => 1e12 });
    const { id } = await manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
    await manager.start(id);
    await hub.close(); // offline from here on

    const app = await serveApp(manager, library, id);
    const appOrigin = app.origin;
    // Another web origin that points hls.js (and a plain fetch) at the app's media route.
    const evil = await listen(async (req) =>
      new URL(req.url).pathname === '/hls.js'
        ? new Response(fs.readFileSync(HLS_JS), { headers: { 'content-type': 'text/javascript' } })
        : new Response(page(`${appOrigin}/media/${id}/master.m3u8`), { headers: { 'content-type': 'text/html' } }),
    );
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'] });
    try {
      const tab = await browser.newPage();
      await tab.goto(`${app.origin}/`);
      // Page code as strings: this project type-checks without DOM types.
      await tab.waitForFunction(`document.getElementById('v').currentTime > 1.5`, null, { timeout: 20_000 });
      expect(await tab.evaluate('window.errors')).toEqual([]);

      const other = await browser.newPage();
      await other.goto(`${evil.origin}/`);
      const stolen = await other.evaluate(async (url) => {
        try {
          const res = await fetch(url, { headers: { 'x-lectern-player': '1' } });
          return `status ${res.status}`;
        } catch (err) {
          return `blocked: ${String(err)}`;
        }
      }, `${app.origin}/media/${id}/key`);
      expect(stolen).toMatch(/^blocked/);
      await other.waitForFunction('window.errors.length > 0', null, { timeout: 20_000 });
      expect(await other.evaluate(`document.getElementById('v').currentTime`)).toBe(0);
    } finally {
      await browser.close();
      await app.close();
      await evil.close();
      db.close();
    }
  }, 90_000);

  it('plays a lecture while it is still downloading, fetching what the player needs first', async () => {
    const hubRoot = path.join(tmp.dir, 'hub-slow');
    writeFfmpegPackage(hubRoot, { seconds: 8 });
    const hub = await serveHub(hubRoot);
    // A slow hub: each segment takes 400 ms, one at a time, so the whole download takes several seconds.
    hub.intercept = (req, res) => {
      if (!req.url?.endsWith('.ts')) return false;
      const data = fs.readFileSync(path.join(hubRoot, decodeURIComponent(req.url).slice('/hub/'.length)));
      setTimeout(() => res.writeHead(200, { 'content-length': data.byteLength }).end(data), 400);
      return true;
    };
    const db = openDatabase(path.join(tmp.dir, 'data-slow'), migrations);
    const library = path.join(tmp.dir, 'data-slow', 'library');
    const manager = new DownloadManager({ db, libraryDir: library, secrets: createMemorySecretStore(), freeBytes: async () => 1e12, concurrency: 1 });
    const { id } = await manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
    const download = manager.start(id);

    const app = await serveApp(manager, library, id);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'] });
    try {
      const tab = await browser.newPage();
      await tab.goto(`${app.origin}/`);
      await tab.waitForFunction(`document.getElementById('v').currentTime > 0.5`, null, { timeout: 20_000 });
      const atFirstFrame = manager.get(id);
      expect(atFirstFrame.state).toBe('downloading');
      expect(atFirstFrame.filesDone).toBeLessThan(atFirstFrame.filesTotal);
      await tab.waitForFunction(`document.getElementById('v').currentTime > 6`, null, { timeout: 30_000 });
      expect(await tab.evaluate('window.errors')).toEqual([]);
      await download;
      expect(manager.get(id).state).toBe('completed');
    } finally {
      await browser.close();
      await app.close();
      await hub.close();
      db.close();
    }
  }, 90_000);
});
