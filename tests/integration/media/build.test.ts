import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaJob } from '../../../main/contract/types';
import type { AppServices } from '../../../main/services/app-services';
import { parseMasterPlaylist } from '../../../main/services/hls/master-playlist';
import { parseMediaPlaylist } from '../../../main/services/hls/media-playlist';
import { ffprobeJson, makeVideo } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';
import { openWithLecture } from './services';

interface Probed {
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; side_data_list?: unknown[] }[];
  format: { duration?: string };
}
const probe = (file: string) => ffprobeJson(file) as Probed;

describe('media build: previews and HLS ladder', () => {
  const tmp = tempDir('lectern-media-build-');
  const events: MediaJob[] = [];
  let s: AppServices;
  let lectureId: string;
  const SOURCE_SEC = 9;

  beforeAll(async () => {
    ({ s, lectureId } = openWithLecture(path.join(tmp.dir, 'data'), { emit: (name, payload) => name === 'media.job' && events.push(payload as MediaJob) }));
    await s.media.import(lectureId, makeVideo(path.join(tmp.dir, 'talk.mp4'), { width: 1280, height: 720, durationSec: SOURCE_SEC, gop: 250 }));
    const jobs = await s.media.build(lectureId, { wait: true });
    expect(jobs.map((j) => [j.kind, j.status, j.error])).toEqual([
      ['poster', 'done', null],
      ['storyboard', 'done', null],
      ['ladder', 'done', null],
      ['preview', 'done', null],
    ]);
  }, 120_000);
  afterAll(async () => {
    await s.close();
    tmp.cleanup();
  });

  it('writes a standard master playlist: video variants with BANDWIDTH, RESOLUTION, CODECS, one audio rendition', () => {
    const m = s.media.get(lectureId);
    const master = parseMasterPlaylist(fs.readFileSync(m.ladder!.master, 'utf8'), 'master.m3u8');
    expect(master.variants.map((v) => `${v.width}x${v.height}`)).toEqual(['1280x720', '854x480', '640x360']);
    for (const v of master.variants) {
      expect(v.height).toBeLessThanOrEqual(720);
      expect(v.codecs).toMatch(/^avc1\.6400[0-9a-f]{2},mp4a\.40\.2$/);
      expect(v.bandwidth).toBeGreaterThan(0);
      expect(v.audioGroup).toBe('aud');
    }
    // Higher rungs cost more.
    expect(master.variants[0]!.bandwidth).toBeGreaterThan(master.variants[2]!.bandwidth);
    expect(master.audio).toEqual([expect.objectContaining({ groupId: 'aud', uri: 'audio/index.m3u8', isDefault: true })]);
  });

  it('has every segment of every rendition, aligned across renditions, lasting as long as the source', () => {
    const hls = path.dirname(s.media.get(lectureId).ladder!.master);
    const lists = ['720p', '480p', '360p', 'audio'].map((name) => ({ name, list: parseMediaPlaylist(fs.readFileSync(path.join(hls, name, 'index.m3u8'), 'utf8'), name) }));
    const reference = lists[0]!.list.segments.map((seg) => seg.duration);
    for (const { name, list } of lists) {
      const total = list.segments.reduce((sum, seg) => sum + seg.duration, 0);
      expect(Math.abs(total - SOURCE_SEC), name).toBeLessThan(4);
      expect(list.targetDuration).toBeLessThanOrEqual(6);
      if (name !== 'audio') expect(list.segments.map((seg) => seg.duration)).toEqual(reference);
      for (const seg of list.segments) {
        const file = path.join(hls, name, seg.uri);
        expect(fs.statSync(file).size).toBeGreaterThan(0);
        const p = probe(file);
        if (name === 'audio') expect(p.streams.map((st) => st.codec_name)).toEqual(['aac']);
        else expect(p.streams[0]).toMatchObject({ codec_name: 'h264', height: Number(name.replace('p', '')) });
      }
    }
  });

  it('makes a poster, a preview clip and a storyboard whose cues cover the video inside the sprite', () => {
    const m = s.media.get(lectureId);
    expect(probe(m.poster!).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 1280, height: 720 });
    const preview = probe(m.preview!);
    expect(preview.streams.map((st) => st.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(preview.streams.find((st) => st.codec_type === 'video')).toMatchObject({ height: 360 });
    expect(Number(preview.format.duration)).toBeCloseTo(SOURCE_SEC, 0);

    const sprite = probe(m.storyboard!.sprite).streams[0]!;
    const cues = [...fs.readFileSync(m.storyboard!.vtt, 'utf8').matchAll(/(\d\d):(\d\d):(\d\d\.\d{3}) --> (\d\d):(\d\d):(\d\d\.\d{3})\nsprite\.jpg#xywh=(\d+),(\d+),(\d+),(\d+)/g)];
    const sec = (h: string, mi: string, se: string) => Number(h) * 3600 + Number(mi) * 60 + Number(se);
    expect(cues.length).toBe(2);
    expect(sec(cues[0]![1]!, cues[0]![2]!, cues[0]![3]!)).toBe(0);
    expect(sec(cues.at(-1)![4]!, cues.at(-1)![5]!, cues.at(-1)![6]!)).toBeCloseTo(SOURCE_SEC, 0);
    for (const c of cues) {
      expect(Number(c[7]) + Number(c[9])).toBeLessThanOrEqual(sprite.width!);
      expect(Number(c[8]) + Number(c[10])).toBeLessThanOrEqual(sprite.height!);
    }
  });

  it('reported progress between 0 and 100 and left no temp folders', () => {
    const ladder = events.filter((e) => e.kind === 'ladder');
    expect(ladder.map((e) => e.status)).toContain('running');
    expect(ladder.at(-1)).toMatchObject({ status: 'done', percent: 100 });
    expect(events.every((e) => e.percent >= 0 && e.percent <= 100)).toBe(true);
    expect(fs.readdirSync(path.join(s.dataDir, 'media', lectureId)).sort()).toEqual(['hls', 'poster.jpg', 'preview.mp4', 'source.mp4', 'storyboard']);
  });

  it('turns a rotated, odd-sized phone clip into an upright ladder with even dimensions', async () => {
    const course = s.drafts.createCourse('Phone');
    const lecture = s.drafts.createLecture(s.drafts.createSection(course.id, 'S').id, 'Portrait');
    // Coded 642×362, displayed 362×642 (rotated 90°): short side 362 → a single 360p rung, 360 wide.
    await s.media.import(lecture.id, makeVideo(path.join(tmp.dir, 'phone.mp4'), { width: 642, height: 362, durationSec: 3, rotate: 90 }));
    const jobs = await s.media.build(lecture.id, { wait: true });
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    const m = s.media.get(lecture.id);
    expect(m.ladder!.renditions).toEqual([expect.objectContaining({ name: '360p', width: 360, height: 638 })]);
    const seg = probe(path.join(path.dirname(m.ladder!.master), '360p', 'seg_00000.ts')).streams.find((st) => st.codec_type === 'video')!;
    expect(seg).toMatchObject({ width: 360, height: 638 });
    expect(probe(m.poster!).streams[0]).toMatchObject({ width: 362, height: 642 });
  }, 60_000);
});
