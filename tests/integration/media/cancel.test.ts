import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MediaJob } from '../../../main/contract/types';
import { makeVideo } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';
import { openWithLecture } from './services';

describe('media job cancel', () => {
  const tmp = tempDir('lectern-media-cancel-');
  afterAll(() => tmp.cleanup());

  it('kills ffmpeg mid-ladder and leaves no partial output; the queue goes on', async () => {
    let resolveRunning: (job: MediaJob) => void = () => {};
    const running = new Promise<MediaJob>((r) => (resolveRunning = r));
    const { s, lectureId } = openWithLecture(path.join(tmp.dir, 'data'), {
      emit: (name, payload) => {
        const job = payload as MediaJob;
        if (name === 'media.job' && job.kind === 'ladder' && job.status === 'running' && job.percent > 0) resolveRunning(job);
      },
    });
    try {
      await s.media.import(lectureId, makeVideo(path.join(tmp.dir, 'long.mp4'), { width: 1280, height: 720, durationSec: 12, gop: 300 }));
      await s.media.build(lectureId);
      const job = await running;
      expect(job.percent).toBeLessThan(100);
      const cancelled = await s.media.cancel(job.id);
      expect(cancelled).toMatchObject({ status: 'cancelled' });
      const dir = path.join(s.dataDir, 'media', lectureId);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('.tmp-') || f === 'hls')).toEqual([]);
      await s.media.idle();
      const m = s.media.get(lectureId);
      expect(m.ladder).toBeNull();
      // The preview falls back to its own encode when there is no ladder.
      expect(m.jobs.map((j) => [j.kind, j.status])).toEqual([
        ['poster', 'done'],
        ['storyboard', 'done'],
        ['ladder', 'cancelled'],
        ['preview', 'done'],
      ]);
      expect(m.preview).not.toBeNull();
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    } finally {
      await s.close();
    }
  }, 90_000);

  it('cancels a queued job without running it', async () => {
    const { s, lectureId } = openWithLecture(path.join(tmp.dir, 'data2'), { media: { runJobs: false } });
    try {
      await s.media.import(lectureId, makeVideo(path.join(tmp.dir, 'short.mp4'), { durationSec: 2 }));
      const jobs = await s.media.build(lectureId);
      expect(jobs.every((j) => j.status === 'queued')).toBe(true);
      const ladder = jobs.find((j) => j.kind === 'ladder')!;
      expect(await s.media.cancel(ladder.id)).toMatchObject({ status: 'cancelled' });
      // A second build queues only the cancelled kind again, not duplicates of the queued ones.
      const again = await s.media.build(lectureId);
      expect(again.filter((j) => j.status === 'queued').map((j) => j.kind).sort()).toEqual(['ladder', 'poster', 'preview', 'storyboard']);
      expect(again).toHaveLength(5);
      await expect(s.media.cancel('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not-found' });
    } finally {
      await s.close();
    }
  });
});
