import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDownload, type QualityChoice } from '../../../main/services/downloads/plan';
import { LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeFfmpegPackage, writeManifest, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * Planning a download of several renditions against the ffmpeg fixture (360p and 180p video sharing
 * one AAC rendition, plus ffmpeg's audio-only variant), and against hubs edited to attack the planner.
 */

const tmp = tempDir('lectern-plan-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub;

beforeAll(async () => {
  writeFfmpegPackage(hubRoot);
  hub = await serveHub(hubRoot);
});
afterAll(async () => {
  await hub.close();
  tmp.cleanup();
});

const plan = (quality: QualityChoice, root = hub) =>
  planDownload({ base: new URL(root.url), manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality }, new AbortController().signal);

/** Bytes of the hub files whose names start with `prefix` and end in `.ts`. */
const bytesOf = (prefix: string, root = hubRoot) =>
  fs
    .readdirSync(path.join(root, MEDIA_DIR))
    .filter((n) => n.startsWith(prefix) && n.endsWith('.ts'))
    .reduce((n, name) => n + fs.statSync(path.join(root, MEDIA_DIR, name)).size, 0);

/** A copy of the fixture hub whose master playlist is `edit`ed, with the manifest rewritten to match. */
async function editedHub(name: string, edit: (master: string) => string): Promise<{ root: string; hub: Hub }> {
  const root = path.join(tmp.dir, name);
  fs.cpSync(hubRoot, root, { recursive: true });
  const file = path.join(root, MEDIA_DIR, 'master.m3u8');
  fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
  writeManifest(root);
  return { root, hub: await serveHub(root) };
}

describe('planning several renditions', () => {
  it('plans every video rendition best first, with the shared audio once and counted once', async () => {
    const p = await plan({ kind: 'all' });
    expect(p.quality).toBe('360p, 180p');
    expect(p.variants.map((v) => [v.quality, v.playlist, v.audioPlaylist])).toEqual([
      ['360p', 'video0', 'audio'],
      ['180p', 'video1', 'audio'],
    ]);
    expect(p.audio.map((a) => a.playlist)).toEqual(['audio']);
    expect(p.renditions.map((r) => [r.name, r.segments.length])).toEqual([
      ['video0', 4],
      ['audio', 5],
      ['video1', 4],
    ]);
    // 4 + 4 video segments and 5 audio segments, each fetched once.
    expect(p.files).toHaveLength(13);
    expect(new Set(p.files.map((f) => f.hubPath)).size).toBe(13);
    expect(p.totalBytes).toBe(bytesOf('stream_0_') + bytesOf('stream_1_') + bytesOf('stream_2_'));
    // Each option includes the audio, so the sum of the options would count it twice.
    const [high, low] = p.options;
    expect(p.totalBytes).toBe((high?.bytes ?? 0) + (low?.bytes ?? 0) - bytesOf('stream_2_'));
    // Every local name is one the media route serves.
    for (const r of p.renditions) expect(r.name).toMatch(/^[a-z0-9]{1,32}$/);
  });

  it('maps each height to the best rendition at most that tall and collapses duplicates', async () => {
    expect((await plan({ kind: 'heights', heights: [1080, 180] })).variants.map((v) => v.quality)).toEqual(['360p', '180p']);
    // 300 is below 360p, so it picks 180p; 200 and 190 both pick 180p, which is planned once.
    expect((await plan({ kind: 'heights', heights: [360, 300] })).variants.map((v) => v.quality)).toEqual(['360p', '180p']);
    const one = await plan({ kind: 'heights', heights: [200, 190] });
    // A single rendition keeps the names single-quality downloads always had.
    expect(one.variants).toMatchObject([{ quality: '180p', playlist: 'video', audioPlaylist: 'audio' }]);
    expect(one.renditions.map((r) => r.name)).toEqual(['video', 'audio']);
    expect(one.totalBytes).toBe(bytesOf('stream_1_') + bytesOf('stream_2_'));
  });

  it('keeps single choices as they were', async () => {
    const p = await plan({ kind: 'highest' });
    expect(p.quality).toBe('360p');
    expect(p.renditions.map((r) => r.name)).toEqual(['video', 'audio']);
    expect(p.files).toHaveLength(9);
  });

  it('refuses an empty or oversized list of heights', async () => {
    await expect(plan({ kind: 'heights', heights: [] })).rejects.toThrow('Choose between 1 and 16 qualities for "Sampling", not 0.');
    await expect(plan({ kind: 'heights', heights: Array.from({ length: 17 }, (_, i) => 100 + i) })).rejects.toThrow(/not 17\./);
  });
});

describe('a hostile hub and several renditions', () => {
  it('lists a media playlist named by two variants once', async () => {
    const { hub: h } = await editedHub('dup-variant', (m) => m.replace('stream_1.m3u8', 'stream_0.m3u8'));
    try {
      const p = await plan({ kind: 'all' }, h);
      expect(p.variants.map((v) => v.quality)).toEqual(['360p']);
      expect(p.renditions.map((r) => r.name)).toEqual(['video', 'audio']);
    } finally {
      await h.close();
    }
  });

  it('refuses the whole download when one chosen rendition leaves the hub base or is not in the manifest', async () => {
    const escape = await editedHub('escape', (m) => m.replace('stream_1.m3u8', '../../../../elsewhere/stream_1.m3u8'));
    try {
      await expect(plan({ kind: 'all' }, escape.hub)).rejects.toThrow(/stream_1.m3u8" leaves the hub folder/);
    } finally {
      await escape.hub.close();
    }
    const unlisted = await editedHub('unlisted', (m) => m);
    try {
      // The 180p playlist names a segment the manifest does not list (written after the manifest).
      const file = path.join(unlisted.root, MEDIA_DIR, 'stream_1.m3u8');
      const text = fs.readFileSync(file, 'utf8').replace('stream_1_003.ts', 'stream_1_999.ts');
      fs.writeFileSync(file, text);
      writeManifest(unlisted.root, { files: (files) => files.filter((f) => !f.path.endsWith('stream_1_999.ts')) });
      await expect(plan({ kind: 'all' }, unlisted.hub)).rejects.toThrow(/references .*stream_1_999\.ts, which the course manifest does not list/);
    } finally {
      await unlisted.hub.close();
    }
  });

  it('refuses more variants than the playlist caps allow before planning any of them', async () => {
    const many = Array.from({ length: 17 }, (_, i) => `#EXT-X-STREAM-INF:BANDWIDTH=${1000 + i},RESOLUTION=640x360\nstream_0.m3u8`).join('\n');
    const { hub: h } = await editedHub('many', () => `#EXTM3U\n${many}\n`);
    try {
      await expect(plan({ kind: 'all' }, h)).rejects.toThrow(/more than 16 variants/);
    } finally {
      await h.close();
    }
  });
});
