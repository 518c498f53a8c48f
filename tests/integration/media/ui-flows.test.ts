import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/services/app-services';
import { makeVideo } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';
import { openWithLecture } from './services';

/** What the studio's media panel relies on beyond import and build themselves. */
describe('media service for the studio UI', () => {
  const tmp = tempDir('lectern-media-ui-');
  const events: { name: string; payload: unknown }[] = [];
  let s: AppServices;
  let lectureId: string;

  beforeAll(() => {
    ({ s, lectureId } = openWithLecture(path.join(tmp.dir, 'data'), { emit: (name, payload) => void events.push({ name, payload }) }));
  });
  afterAll(async () => {
    await s.close();
    tmp.cleanup();
  });

  it("announces the lecture's new duration as a change to its course, so open editors refetch the outline", async () => {
    const courseId = s.drafts.listCourses()[0]!.id;
    events.length = 0;
    await s.media.import(lectureId, makeVideo(path.join(tmp.dir, 'clip one.mp4'), { durationSec: 2 }));
    expect(events).toContainEqual({ name: 'drafts.changed', payload: { courseId } });
    const lecture = s.drafts.getCourse(courseId).sections[0]!.lectures[0]!;
    expect(lecture.durationSec).toBeCloseTo(2, 0);
  });

  it('retries one kind of output without queueing the others again', async () => {
    const jobs = await s.media.build(lectureId, { kinds: ['poster'], wait: true });
    expect(jobs.map((j) => [j.kind, j.status])).toEqual([['poster', 'done']]);
    expect(s.media.get(lectureId).poster).not.toBeNull();
    expect(s.media.get(lectureId).ladder).toBeNull();
  }, 30_000);

  it('makes a storyboard sprite for a clip shorter than one thumbnail interval', async () => {
    // The clip from the first test is 2 s, shorter than the 5 s interval; ffmpeg used to write no sprite for it.
    const jobs = await s.media.build(lectureId, { kinds: ['storyboard'], wait: true });
    expect(jobs.find((j) => j.kind === 'storyboard')?.status).toBe('done');
    const storyboard = s.media.get(lectureId).storyboard!;
    expect(fs.statSync(storyboard.sprite).size).toBeGreaterThan(0);
    expect(fs.readFileSync(storyboard.vtt, 'utf8')).toContain('sprite.jpg#xywh=0,0,');
  }, 30_000);
});
