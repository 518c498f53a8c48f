import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioMediaRoute } from '../../../main/services/media/studio-media-route';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-studio-route-');
const lectureId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const origin = 'http://127.0.0.1:1';
const route = createStudioMediaRoute(tmp.dir);
const get = (p: string, headers: Record<string, string> = {}) => route(new Request(`${origin}${p}`, { headers }));

beforeAll(() => {
  const dir = path.join(tmp.dir, 'media', lectureId);
  fs.mkdirSync(path.join(dir, 'hls', '720p'), { recursive: true });
  fs.mkdirSync(path.join(dir, '.tmp-job'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'hls', 'master.m3u8'), '#EXTM3U\n');
  fs.writeFileSync(path.join(dir, 'hls', '720p', 'seg_0.ts'), Buffer.alloc(1000, 7));
  fs.writeFileSync(path.join(dir, 'poster.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
  fs.writeFileSync(path.join(dir, 'source.mp4'), 'the imported original');
  fs.writeFileSync(path.join(dir, 'captions.vtt'), 'WEBVTT\n\n00:01.000 --> 00:02.000\nHallo – 你好\n');
  fs.writeFileSync(path.join(dir, '.tmp-job', 'master.m3u8'), 'half written');
  fs.writeFileSync(path.join(tmp.dir, 'lectern.db'), 'secret database');
});
afterAll(() => tmp.cleanup());

describe('studio media route', () => {
  it('serves finished outputs with their types, and ranges of segments', async () => {
    const master = await get(`/studio-media/${lectureId}/hls/master.m3u8`);
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const poster = await get(`/studio-media/${lectureId}/poster.jpg`);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    const part = await get(`/studio-media/${lectureId}/hls/720p/seg_0.ts`, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(10);
  });

  it("serves the lecture's captions as UTF-8 WebVTT to the app's own pages only", async () => {
    const res = await get(`/studio-media/${lectureId}/captions.vtt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(await res.text()).toContain('Hallo – 你好');
  });

  it.each([
    ['captions of a lecture that has none', '/studio-media/0c5e1f8a-1b2c-4d3e-8f40-5a6b7c8d9e0f/captions.vtt'],
    ['captions with a sub path', `/studio-media/${lectureId}/captions.vtt/x`],
    ['captions under another name', `/studio-media/${lectureId}/Captions.vtt`],
    ['the imported source', `/studio-media/${lectureId}/source.mp4`],
    ['a job temp folder', `/studio-media/${lectureId}/.tmp-job/master.m3u8`],
    ['dot-segments', `/studio-media/${lectureId}/hls/../../../lectern.db`],
    ['encoded dot-segments', `/studio-media/${lectureId}/hls/%2e%2e/%2e%2e/%2e%2e/lectern.db`],
    ['an encoded slash', `/studio-media/${lectureId}/hls/720p%2fseg_0.ts`],
    ['a lecture id that is not a uuid', '/studio-media/..%2f..%2f/hls/master.m3u8'],
    ['a folder output without a file', `/studio-media/${lectureId}/hls`],
    ['a file output with a sub path', `/studio-media/${lectureId}/poster.jpg/x`],
    ['a missing file', `/studio-media/${lectureId}/hls/1080p/index.m3u8`],
  ])('refuses %s with 404', async (_what, p) => {
    expect((await get(p)).status).toBe(404);
  });
});
