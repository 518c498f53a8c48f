import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/services/app-services';
import { parseMasterPlaylist } from '../../../main/services/hls/master-playlist';
import { parseMediaPlaylist } from '../../../main/services/hls/media-playlist';
import { readLadderInfo } from '../../../main/services/media/run-job';
import { makeSource } from '../../../scripts/bench/lavfi-sources';
import { FFMPEG, ffprobeJson } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';
import { open } from './services';

const SEC = 8;

/** Peak and average bit/s of a rendition, measured here from its files independently of write-master. */
function measured(dir: string): { peak: number; average: number; bytes: number } {
  const list = parseMediaPlaylist(fs.readFileSync(path.join(dir, 'index.m3u8'), 'utf8'), dir);
  let bytes = 0;
  let seconds = 0;
  let peak = 0;
  for (const seg of list.segments) {
    const size = fs.statSync(path.join(dir, seg.uri)).size;
    bytes += size;
    seconds += seg.duration;
    if (seg.duration >= 1) peak = Math.max(peak, (size * 8) / seg.duration);
  }
  return { peak, average: (bytes * 8) / seconds, bytes };
}

describe('content-aware ladder: lecture-like and full-motion clips', () => {
  const tmp = tempDir('lectern-content-aware-');
  let s: AppServices;
  let courseId: string;
  const lectures: Record<'lecture' | 'motion', string> = { lecture: '', motion: '' };

  beforeAll(async () => {
    s = open(path.join(tmp.dir, 'data'));
    courseId = s.drafts.createCourse('Encoding').id;
    const section = s.drafts.createSection(courseId, 'S');
    for (const kind of ['lecture', 'motion'] as const) {
      lectures[kind] = s.drafts.createLecture(section.id, kind).id;
      const file = makeSource(FFMPEG, kind, path.join(tmp.dir, `${kind}.mp4`), { width: 1280, height: 720, seconds: SEC, mono: kind === 'lecture' });
      await s.media.import(lectures[kind], file);
      const jobs = await s.media.build(lectures[kind], { wait: true, kinds: ['ladder'] });
      expect(jobs.map((j) => [j.kind, j.status, j.error])).toEqual([['ladder', 'done', null]]);
    }
  }, 300_000);
  afterAll(async () => {
    await s.close();
    tmp.cleanup();
  });

  const hlsOf = (kind: 'lecture' | 'motion') => path.dirname(s.media.get(lectures[kind]).ladder!.master);

  it('writes BANDWIDTH and AVERAGE-BANDWIDTH within 10 % of the bitrates measured from the segment files', () => {
    for (const kind of ['lecture', 'motion'] as const) {
      const hls = hlsOf(kind);
      const text = fs.readFileSync(path.join(hls, 'master.m3u8'), 'utf8');
      const master = parseMasterPlaylist(text, 'master.m3u8');
      const averages = [...text.matchAll(/AVERAGE-BANDWIDTH=(\d+)/g)].map((m) => Number(m[1]));
      expect(averages).toHaveLength(master.variants.length);
      const audio = measured(path.join(hls, 'audio'));
      master.variants.forEach((v, i) => {
        const video = measured(path.join(hls, path.dirname(v.uri)));
        expect(Math.abs(v.bandwidth / (video.peak + audio.peak) - 1), `${kind} ${v.uri} BANDWIDTH`).toBeLessThan(0.1);
        expect(Math.abs(averages[i]! / (video.average + audio.average) - 1), `${kind} ${v.uri} AVERAGE-BANDWIDTH`).toBeLessThan(0.1);
        expect(averages[i]!).toBeLessThanOrEqual(v.bandwidth);
      });
    }
  });

  it('spends far fewer bytes on the lecture than on full motion, and keeps at least two rungs of a 720p source', () => {
    const bytes = (kind: 'lecture' | 'motion') => {
      const info = readLadderInfo(hlsOf(kind))!;
      expect(info.renditions.length).toBeGreaterThanOrEqual(2);
      expect(info.renditions.length + (info.dropped?.length ?? 0)).toBe(3);
      for (const name of info.dropped ?? []) expect(fs.existsSync(path.join(hlsOf(kind), name))).toBe(false);
      return measured(path.join(hlsOf(kind), info.renditions[0]!.name)).bytes;
    };
    expect(bytes('lecture')).toBeLessThan(bytes('motion') / 3);
  });

  it('gives the mono lecture a mono AAC rendition and the stereo clip a stereo one', () => {
    const channels = (kind: 'lecture' | 'motion') =>
      (ffprobeJson(path.join(hlsOf(kind), 'audio', 'seg_00000.ts')) as { streams: { channels?: number }[] }).streams[0]?.channels;
    expect(channels('lecture')).toBe(1);
    expect(channels('motion')).toBe(2);
  });

  it('re-encodes with a new course setting: the old ladder stops counting, the new one is smaller', async () => {
    const before = measured(path.join(hlsOf('lecture'), '720p')).bytes;
    s.drafts.updateCourse(courseId, { encoding: 'smaller' });
    expect(s.media.get(lectures.lecture).ladder).toBeNull();
    await s.media.reencodeCourse(courseId);
    await s.media.build(lectures.lecture, { wait: true, kinds: [] });
    await s.media.idle();
    const info = readLadderInfo(hlsOf('lecture'))!;
    expect(info.quality).toBe('smaller');
    expect(measured(path.join(hlsOf('lecture'), '720p')).bytes).toBeLessThan(before);
    expect(s.media.jobs().filter((j) => j.kind === 'preview' && j.lectureId === lectures.lecture).at(-1)?.status).toBe('done');
  }, 300_000);
});
