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
  it('gives the lecture and the next completed download of the same course', () => {
    const list = [d(1), d(2, { courseId: 'c2' }), d(3, { state: 'downloading' }), d(4), d(5)];
    const got = playableLecture(list, d(1).id);
    expect(got.lecture).toEqual({ downloadId: d(1).id, title: 'Lecture 1', hubBase: 'http://hub/', courseId: 'c1', lectureId: 'l1' });
    expect(got.next?.lectureId).toBe('l4');
    expect(playableLecture(list, d(5).id).next).toBeNull();
  });

  it('says why a download cannot play', () => {
    expect(() => playableLecture([], '0'.repeat(32))).toThrow(/no download .* removed/);
    const err = (() => {
      try {
        playableLecture([d(1, { state: 'paused' })], d(1).id);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LecternError);
    expect(err).toMatchObject({ code: 'unavailable', message: expect.stringContaining('"Lecture 1" is not fully downloaded yet (paused)') });
  });
});
