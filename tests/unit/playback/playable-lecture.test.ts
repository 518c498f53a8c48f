import { describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import { playableLecture, type DownloadedLecture } from '../../../main/services/playback/playable-lecture';

const d = (n: number, over: Partial<DownloadedLecture> = {}): DownloadedLecture => ({
  id: String(n).repeat(32),
  hubBase: 'http://hub/',
  courseId: 'c1',
  lectureId: `l${n}`,
  title: `Lecture ${n}`,
  state: 'completed',
  ...over,
});

describe('playableLecture', () => {
  it('gives the lecture and the next download of the same course, finished or not', () => {
    const list = [d(1), d(2, { courseId: 'c2' }), d(3, { state: 'downloading' }), d(4), d(5)];
    const got = playableLecture(list, d(1).id);
    expect(got.lecture).toEqual({ downloadId: d(1).id, title: 'Lecture 1', hubBase: 'http://hub/', courseId: 'c1', lectureId: 'l1', downloading: false });
    expect(got.next).toMatchObject({ lectureId: 'l3', downloading: true });
    expect(playableLecture(list, d(5).id).next).toBeNull();
  });

  it('plays an unfinished download as it arrives', () => {
    expect(playableLecture([d(1, { state: 'paused' })], d(1).id).lecture.downloading).toBe(true);
  });

  it('says why a download cannot play', () => {
    const err = (() => {
      try {
        playableLecture([], '0'.repeat(32));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LecternError);
    expect(err).toMatchObject({ code: 'not-found', message: expect.stringMatching(/no download .* removed/) });
  });
});
