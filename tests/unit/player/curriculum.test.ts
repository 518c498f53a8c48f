import { describe, expect, it } from 'vitest';
import type { DownloadItem } from '../../../main/contract/domains/library';
import type { LectureProgress } from '../../../main/contract/domains/playback';
import { buildCurriculum, copyState, keepUnchanged, neighbours, outlineFromDownloads, watchState, type Outline } from '../../../renderer/src/player/curriculum';
import { lectureActionForKey } from '../../../renderer/src/player/shortcuts';

const HUB = 'http://hub.test/';
const download = (lectureId: string, over: Partial<DownloadItem> = {}): DownloadItem => ({
  id: `${lectureId}-${over.courseVersion ?? 1}`.padEnd(32, '0'),
  hubBase: HUB,
  courseId: 'c1',
  courseTitle: 'Signals',
  courseVersion: 1,
  lectureId,
  title: lectureId.toUpperCase(),
  quality: '720p',
  state: 'completed',
  error: null,
  totalBytes: 100,
  doneBytes: 100,
  filesTotal: 1,
  filesDone: 1,
  playlistPath: '/media/x/master.m3u8',
  ...over,
});
const progress = (lectureId: string, positionSec: number, durationSec: number, completed = false): LectureProgress => ({
  hubBase: HUB,
  courseId: 'c1',
  lectureId,
  title: lectureId,
  positionSec,
  durationSec,
  completed,
  updatedAt: 1,
});
const outline: Outline = {
  sections: [
    { key: 's1', title: 'Week 1', lectures: ['a', 'b'].map((id) => ({ id, title: id, durationSec: 60 })) },
    { key: 's2', title: 'Week 2', lectures: ['c', 'd'].map((id) => ({ id, title: id, durationSec: null })) },
  ],
};

describe('curriculum', () => {
  it('ticks watched, partly watched and unwatched lectures, never showing 0 % or 100 % for a partial one', () => {
    expect(watchState(undefined)).toEqual({ kind: 'unwatched' });
    expect(watchState(progress('a', 0, 60))).toEqual({ kind: 'unwatched' });
    expect(watchState(progress('a', 0.1, 600))).toEqual({ kind: 'partial', percent: 1 });
    expect(watchState(progress('a', 599, 600))).toEqual({ kind: 'partial', percent: 99 });
    // Completed stays completed when rewatched from the start.
    expect(watchState(progress('a', 3, 600, true))).toEqual({ kind: 'watched' });
    // A broken duration is not a partial watch.
    expect(watchState(progress('a', 30, 0))).toEqual({ kind: 'unwatched' });
  });

  it('plays the newest completed copy, else one still arriving, and says when every copy failed', () => {
    expect(copyState(undefined)).toEqual({ kind: 'none' });
    const v1 = download('a');
    const v2 = download('a', { courseVersion: 2, state: 'downloading', doneBytes: 40 });
    expect(copyState([v2, v1])).toEqual({ kind: 'downloaded', downloadId: v1.id });
    expect(copyState([v2])).toEqual({ kind: 'downloading', downloadId: v2.id, percent: 40 });
    expect(copyState([download('a', { state: 'failed' })])).toEqual({ kind: 'failed' });
  });

  it('builds sections with each lecture’s state, ignoring other courses’ downloads and progress', () => {
    const sections = buildCurriculum(
      outline,
      [progress('a', 60, 60, true), progress('b', 30, 60)],
      [download('a'), download('d'), download('c', { courseId: 'other' })],
      HUB,
      'c1',
    );
    expect(sections.map((s) => s.lectures.map((l) => [l.id, l.watch.kind, l.copy.kind]))).toEqual([
      [
        ['a', 'watched', 'downloaded'],
        ['b', 'partial', 'none'],
      ],
      [
        ['c', 'unwatched', 'none'],
        ['d', 'unwatched', 'downloaded'],
      ],
    ]);
  });

  it('moves between playable lectures across sections, skipping those not on this computer', () => {
    const sections = buildCurriculum(outline, [], [download('a'), download('d')], HUB, 'c1');
    expect(neighbours(sections, 'a')).toMatchObject({ previous: null, next: { id: 'd' } });
    expect(neighbours(sections, 'd')).toMatchObject({ previous: { id: 'a' }, next: null });
    expect(neighbours(sections, 'missing')).toEqual({ previous: null, next: null });
  });

  it('falls back to the course’s downloads, once per lecture, in download order', () => {
    const fallback = outlineFromDownloads([download('b'), download('a'), download('b', { courseVersion: 2 }), download('z', { hubBase: 'http://other/' })], HUB, 'c1');
    expect(fallback.sections).toHaveLength(1);
    expect(fallback.sections[0]!.lectures.map((l) => l.id)).toEqual(['b', 'a']);
  });
});

describe('curriculum updates keep what did not change', () => {
  const build = (p: LectureProgress[], d: DownloadItem[]) => buildCurriculum(outline, p, d, HUB, 'c1');

  it('keeps every lecture and section object a progress update left alone, so memoised entries skip it', () => {
    const before = build([progress('a', 10, 60)], [download('a'), download('b')]);
    const after = keepUnchanged(before, build([progress('a', 10, 60), progress('c', 30, 60)], [download('a'), download('b')]));
    expect(after).not.toBe(before);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.lectures[0]).not.toBe(before[1]!.lectures[0]);
    expect(after[1]!.lectures[0]!.watch).toEqual({ kind: 'partial', percent: 50 });
    expect(after[1]!.lectures[1]).toBe(before[1]!.lectures[1]);
  });

  it('returns the previous list itself when nothing changed, and a new one when a download moves on', () => {
    const downloading = download('b', { state: 'downloading', doneBytes: 20 });
    const before = build([], [downloading]);
    expect(keepUnchanged(before, build([], [downloading]))).toBe(before);
    const after = keepUnchanged(before, build([], [{ ...downloading, doneBytes: 60 }]));
    expect(after[0]!.lectures[1]!.copy).toEqual({ kind: 'downloading', downloadId: downloading.id, percent: 60 });
    expect(after[0]!.lectures[0]).toBe(before[0]!.lectures[0]);
    expect(after[1]).toBe(before[1]);
  });

  it('takes the new outline as it is when there was none, or when a section is renamed', () => {
    const fresh = build([], []);
    expect(keepUnchanged(null, fresh)).toBe(fresh);
    const renamed = buildCurriculum({ sections: [{ ...outline.sections[0]!, title: 'Week one' }, outline.sections[1]!] }, [], [], HUB, 'c1');
    const after = keepUnchanged(fresh, renamed);
    expect(after[0]!.title).toBe('Week one');
    expect(after[0]!.lectures[0]).toBe(fresh[0]!.lectures[0]);
    expect(after[1]).toBe(fresh[1]);
  });
});

describe('lecture shortcuts', () => {
  const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
    lectureActionForKey({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });

  it('maps Shift+N, Shift+P and T, and leaves plain N/P and modified keys alone', () => {
    expect(key('N', { shiftKey: true })).toEqual({ kind: 'next-lecture' });
    expect(key('P', { shiftKey: true })).toEqual({ kind: 'previous-lecture' });
    expect(key('t')).toEqual({ kind: 'toggle-theater' });
    expect(key('n')).toBeNull();
    expect(key('p')).toBeNull();
    expect(key('N', { shiftKey: true, ctrlKey: true })).toBeNull();
    expect(key('t', { metaKey: true })).toBeNull();
  });
});
