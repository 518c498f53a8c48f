import { describe, expect, it } from 'vitest';
import type { DownloadItem } from '../../../main/contract/domains/library';
import { copiesByLecture, newestCopy, olderPlayable } from '../../../renderer/src/library/course-downloads';

const item = (id: string, over: Partial<DownloadItem>): DownloadItem => ({
  id,
  hubBase: 'http://hub/',
  courseId: 'c1',
  courseTitle: 'Course',
  courseVersion: 1,
  lectureId: 'l1',
  title: 'Lecture',
  quality: '720p',
  state: 'completed',
  error: null,
  totalBytes: 10,
  doneBytes: 10,
  filesTotal: 1,
  filesDone: 1,
  playlistPath: '/offline/x/master.m3u8',
  ...over,
});

describe('copiesByLecture', () => {
  const downloads = Object.fromEntries(
    [
      item('a', { courseVersion: 1 }),
      item('b', { courseVersion: 2, state: 'downloading' }),
      item('c', { lectureId: 'l2' }),
      item('d', { courseId: 'other' }),
      item('e', { hubBase: 'http://elsewhere/' }),
    ].map((d) => [d.id, d]),
  );
  const copies = copiesByLecture(downloads, 'http://hub/', 'c1');

  it("keeps only this course's copies on this hub, newest version first", () => {
    expect([...copies.keys()].sort()).toEqual(['l1', 'l2']);
    expect(copies.get('l1')!.map((d) => d.id)).toEqual(['b', 'a']);
    expect(newestCopy(copies, 'l1')!.id).toBe('b');
    expect(newestCopy(copies, 'missing')).toBeNull();
  });

  it('offers the older completed copy only while the newest is not complete', () => {
    expect(olderPlayable(copies, 'l1')!.id).toBe('a');
    expect(olderPlayable(copies, 'l2')).toBeNull();
    expect(olderPlayable(copies, 'missing')).toBeNull();
  });

  it('indexes 2,000 lectures with a copy each in one pass', () => {
    const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => item(`d${i}`, { lectureId: `l${i}` })).map((d) => [d.id, d]));
    const index = copiesByLecture(many, 'http://hub/', 'c1');
    expect(index.size).toBe(2000);
    expect(newestCopy(index, 'l1999')!.id).toBe('d1999');
  });
});
