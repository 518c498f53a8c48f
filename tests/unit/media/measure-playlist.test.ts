import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measurePlaylist } from '../../../main/services/media/write-master';
import { tempDir } from '../../helpers/tmp';

function rendition(dir: string, segments: [sec: number, bytes: number][]): string {
  fs.mkdirSync(dir, { recursive: true });
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:4', '#EXT-X-PLAYLIST-TYPE:VOD'];
  segments.forEach(([sec, bytes], i) => {
    const name = `seg_${String(i).padStart(5, '0')}.ts`;
    fs.writeFileSync(path.join(dir, name), Buffer.alloc(bytes));
    lines.push(`#EXTINF:${sec.toFixed(6)},`, name);
  });
  fs.writeFileSync(path.join(dir, 'index.m3u8'), `${lines.join('\n')}\n#EXT-X-ENDLIST\n`);
  return dir;
}

describe('measurePlaylist: BANDWIDTH and AVERAGE-BANDWIDTH from segment files', () => {
  const tmp = tempDir('lectern-measure-');
  afterAll(() => tmp.cleanup());

  it('gives the peak segment bitrate and the mean over the whole duration', async () => {
    // 4 s × 100 kB, 4 s × 300 kB, 2 s × 50 kB: peak 600 kbit/s, average 3.6 Mbit / 10 s.
    const dir = rendition(path.join(tmp.dir, 'a'), [[4, 100_000], [4, 300_000], [2, 50_000]]);
    const m = await measurePlaylist(dir);
    expect(m.peakBps).toBe(600_000);
    expect(m.averageBps).toBe(360_000);
  });

  it('does not let a very short last segment (mostly headers) set the peak', async () => {
    const dir = rendition(path.join(tmp.dir, 'b'), [[4, 100_000], [0.2, 1_000]]);
    const m = await measurePlaylist(dir);
    expect(m.peakBps).toBe(200_000);
    expect(m.averageBps).toBeCloseTo((101_000 * 8) / 4.2, 3);
  });

  it('never reports a peak below the average, and refuses a playlist without segments', async () => {
    const one = await measurePlaylist(rendition(path.join(tmp.dir, 'c'), [[0.5, 10_000]]));
    expect(one.peakBps).toBe(one.averageBps);
    await expect(measurePlaylist(rendition(path.join(tmp.dir, 'd'), []))).rejects.toThrow(/lists no segments/);
  });
});
