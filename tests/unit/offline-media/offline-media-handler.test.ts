import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineMediaHandler, isSameOrigin } from '../../../main/services/offline-media/offline-media-handler';
import { tempDir } from '../../helpers/tmp';

/**
 * The media route is mounted on the renderer's origin, so it must answer players correctly (ranges)
 * and never turn a URL into a path outside the library or a key into something another origin can read.
 */

const tmp = tempDir('lectern-media-');
const library = path.join(tmp.dir, 'library');
const ID = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);
const SECRET = 'TOP-SECRET-OUTSIDE-LIBRARY';
const KEY = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const CAPTIONS = 'WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n';
const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
let server: http.Server;
let origin: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(library, ID), { recursive: true });
  fs.writeFileSync(path.join(library, ID, '0.seg'), body);
  fs.writeFileSync(path.join(library, ID, '1.seg'), '');
  fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(tmp.dir, 'secret.txt'), path.join(library, ID, '2.seg'));
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handler = createOfflineMediaHandler({
    libraryDir: library,
    appOrigin: origin,
    source: {
      playlist: (id, name) => (id === ID && name === 'video' ? '#EXTM3U\n#EXT-X-ENDLIST\n' : null),
      // A misbehaving source that answers outside the library must still be refused (index 9).
      filePath: (id, index) =>
        id !== ID ? null : index === 9 ? path.join(tmp.dir, 'secret.txt') : index <= 2 ? path.join(library, ID, `${index}.seg`) : null,
      key: async (id) => (id === ID ? KEY : null),
      captions: async (id) => (id === ID ? CAPTIONS : null),
    },
  });
  server.on('request', getRequestListener(handler));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  tmp.cleanup();
});

const seg = (n: number | string) => `${origin}/media/${ID}/files/${n}`;

/** Sends the request target byte for byte (fetch would normalise `..` and `%2e` before sending). */
function rawGet(target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}/`, { path: target, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('latin1')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving a stored file with ranges', () => {
  it('sends the whole file with Accept-Ranges when no range is asked', async () => {
    const res = await fetch(seg(0));
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
  });

  it.each([
    ['bytes=0-0', 0, 0],
    ['bytes=100-199', 100, 199],
    ['bytes=990-', 990, 999],
    ['bytes=-25', 975, 999],
    ['bytes=500-5000', 500, 999],
  ])('%s → 206 with the exact bytes', async (range, start, end) => {
    const res = await fetch(seg(0), { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body.subarray(start, end + 1));
  });

  it.each(['bytes=1000-', 'bytes=5-1', 'bytes=-0', 'bytes=x-y', 'lines=1-2', 'bytes=1-2,3'])('%s → 416 with the size', async (range) => {
    const res = await fetch(seg(0), { headers: { range } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers several ranges with the whole file', async () => {
    const res = await fetch(seg(0), { headers: { range: 'bytes=0-1,10-11' } });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(1000);
  });

  it('answers HEAD with the headers only, also for a range', async () => {
    const full = await fetch(seg(0), { method: 'HEAD' });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-length')).toBe('1000');
    const part = await fetch(seg(0), { method: 'HEAD', headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(await part.text()).toBe('');
  });

  it('serves an empty file and refuses any range of it', async () => {
    const res = await fetch(seg(1));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect((await fetch(seg(1), { headers: { range: 'bytes=0-0' } })).status).toBe(416);
  });

  it('sends a strong ETag and answers If-None-Match with 304', async () => {
    const first = await fetch(seg(0));
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+-[0-9a-z]+"$/);
    await first.arrayBuffer();
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await fetch(seg(0), { headers: { 'if-none-match': inm } });
      expect(res.status, inm).toBe(304);
      expect(await res.text()).toBe('');
    }
    expect((await fetch(seg(0), { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('honours Range only while If-Range still matches the file', async () => {
    const head = await fetch(seg(0), { method: 'HEAD' });
    const etag = head.headers.get('etag') ?? '';
    const lastModified = head.headers.get('last-modified') ?? '';
    for (const ifRange of [etag, lastModified]) {
      const res = await fetch(seg(0), { headers: { range: 'bytes=0-9', 'if-range': ifRange } });
      expect(res.status).toBe(206);
      expect((await res.arrayBuffer()).byteLength).toBe(10);
    }
    for (const stale of ['"stale"', 'Thu, 01 Jan 1970 00:00:00 GMT', `W/${etag}`]) {
      const res = await fetch(seg(0), { headers: { range: 'bytes=0-9', 'if-range': stale } });
      expect(res.status, stale).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(1000);
    }
  });

  it('refuses writes', async () => {
    const res = await fetch(seg(0), { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('finding files by id, never by a path from the URL', () => {
  it('serves the local playlist by name', async () => {
    const res = await fetch(`${origin}/media/${ID}/video.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await res.text()).toContain('#EXT-X-ENDLIST');
  });

  it('does not follow a symlink planted in the library', async () => {
    const res = await rawGet(`/media/${ID}/files/2`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });

  it('refuses a path the source resolves outside the library', async () => {
    const res = await rawGet(`/media/${ID}/files/9`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });

  it.each([
    `/media/${ID}/../../secret.txt`,
    `/media/${ID}/files/../../../secret.txt`,
    `/media/${ID}/%2e%2e/%2e%2e/secret.txt`,
    `/media/${ID}/files/%2e%2e%2f%2e%2e%2fsecret.txt`,
    `/media/${ID}%2f..%2f..%2fsecret.txt`,
    `/media/${ID}/files/0%00`,
    `/media/${ID}/files/0%2500`,
    `/media/${ID}/files/-1`,
    `/media/${ID}/files/01`,
    `/media/${ID}/files/1e3`,
    `/media/${ID}/files/0/extra`,
    `/media/${ID}/files/${tmp.dir}/secret.txt`,
    `/media/${encodeURIComponent(path.join(tmp.dir, 'secret.txt'))}`,
    `/media//${tmp.dir}/secret.txt`,
    `/media/${ID}/..%2fsecret.m3u8`,
    `/media/${ID}/VIDEO.m3u8`,
    `/media/${OTHER}/files/0`,
    `/media/${ID.toUpperCase()}/files/0`,
    `/media/${ID}/files/0\\..\\..\\secret.txt`,
  ])('%s → not served', async (target) => {
    const res = await rawGet(target);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });
});

describe('the key goes only to the app itself', () => {
  const key = () => `${origin}/media/${ID}/key`;

  it.each([
    [{ 'sec-fetch-site': 'same-origin' }],
    [{ origin: 'ORIGIN' }],
    [{ referer: 'ORIGIN/player' }],
    [{ 'sec-fetch-site': 'same-origin', origin: 'ORIGIN', referer: 'ORIGIN/' }],
    // Electron's custom-scheme handler may see no fetch metadata at all: the player header suffices.
    [{ 'x-lectern-player': '1' }],
  ])('serves it to a same-origin request %j', async (h) => {
    const headers = Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.replace('ORIGIN', origin)]));
    const res = await fetch(key(), { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(KEY);
  });

  it.each([
    [{}],
    [{ 'sec-fetch-site': 'cross-site' }],
    [{ 'sec-fetch-site': 'same-site' }],
    [{ 'sec-fetch-site': 'none' }],
    [{ origin: 'https://evil.example' }],
    [{ origin: 'null' }],
    [{ referer: 'https://evil.example/ORIGIN/' }],
    [{ referer: 'ORIGIN0/' }],
    [{ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }],
    [{ 'x-lectern-player': '0' }],
    [{ 'x-lectern-player': '1', 'sec-fetch-site': 'cross-site' }],
    [{ 'x-lectern-player': '1', origin: 'https://evil.example' }],
    [{ 'x-lectern-player': '1', referer: 'https://evil.example/' }],
  ])('refuses %j with 403', async (h) => {
    const headers = Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.replace('ORIGIN', origin)]));
    const res = await fetch(key(), { headers });
    expect(res.status).toBe(403);
    expect(new Uint8Array(await res.arrayBuffer())).not.toEqual(KEY);
  });

  it('compares custom-scheme origins as strings (Node gives lectern:// a null origin)', () => {
    const req = (h: Record<string, string>) => new Request('http://x/media/k', { headers: h });
    expect(isSameOrigin(req({ referer: 'lectern://app/index.html' }), 'lectern://app')).toBe(true);
    expect(isSameOrigin(req({ origin: 'lectern://app' }), 'lectern://app')).toBe(true);
    expect(isSameOrigin(req({ referer: 'lectern://apparent/x' }), 'lectern://app')).toBe(false);
    expect(isSameOrigin(req({ origin: 'null' }), 'lectern://app')).toBe(false);
  });

  it('never grants the CORS preflight a cross-origin page would need to send the player header', async () => {
    const res = await fetch(key(), { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-headers': 'x-lectern-player' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('answers 404 for a download without a key', async () => {
    const res = await fetch(`${origin}/media/${OTHER}/key`, { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(404);
  });
});

describe('captions', () => {
  const get = (id: string, headers: Record<string, string>) => fetch(`${origin}/media/${id}/captions.vtt`, { headers });

  it('serves the decrypted captions as text/vtt to the player only', async () => {
    const res = await get(ID, { 'x-lectern-player': '1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(await res.text()).toBe(CAPTIONS);
  });

  it('refuses other origins, requests with no signal, and unknown downloads', async () => {
    expect((await get(ID, { 'x-lectern-player': '1', origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(ID, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get(ID, {})).status).toBe(403);
    expect((await get(OTHER, { 'x-lectern-player': '1' })).status).toBe(404);
    expect((await fetch(`${origin}/media/${ID}/captions.vtt/x`, { headers: { 'x-lectern-player': '1' } })).status).toBe(404);
    expect((await fetch(`${origin}/media/${ID}/..%2fcaptions.vtt`, { headers: { 'x-lectern-player': '1' } })).status).toBe(404);
  });
});
