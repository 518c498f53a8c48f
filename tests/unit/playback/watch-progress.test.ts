import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LectureProgress } from '../../../main/contract/domains/playback';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { openPlaybackServices, type PlaybackServices } from '../../../main/services/playback/playback-services';
import type { DownloadedLecture } from '../../../main/services/playback/playable-lecture';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { tempDir } from '../../helpers/tmp';

const HUB = 'http://127.0.0.1:9/hub/';
const key = (lectureId: string, courseId = 'c1') => ({ hubBase: HUB, courseId, lectureId });
const save = (s: PlaybackServices, lectureId: string, positionSec: number, durationSec = 100, courseId = 'c1') =>
  s.progress.save({ ...key(lectureId, courseId), title: `Lecture ${lectureId}`, positionSec, durationSec });
const download = (id: string, lectureId: string, state = 'completed', courseId = 'c1'): DownloadedLecture => ({
  id: id.padEnd(32, '0'),
  hubBase: HUB,
  courseId,
  lectureId,
  title: `Lecture ${lectureId}`,
  state,
});

describe('watch progress', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let s: PlaybackServices;
  let events: LectureProgress[];
  let clock: number;

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.dir);
    events = [];
    clock = 1_000;
    s = openPlaybackServices({ db, log: createMemoryLogger(), emit: (_name, p) => events.push(p as LectureProgress), now: () => clock });
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('returns null for a lecture never watched, then the last saved position', () => {
    expect(s.progress.get(key('l1'))).toBeNull();
    save(s, 'l1', 12.5);
    clock += 5_000;
    save(s, 'l1', 17.25);
    expect(s.progress.get(key('l1'))).toMatchObject({ positionSec: 17.25, durationSec: 100, completed: false, title: 'Lecture l1', updatedAt: 6_000 });
    expect(events.map((e) => e.positionSec)).toEqual([12.5, 17.25]);
  });

  it('counts a lecture complete at 90 % and keeps it complete when rewatched from the start', () => {
    expect(save(s, 'l1', 89.9).completed).toBe(false);
    expect(save(s, 'l1', 90).completed).toBe(true);
    expect(save(s, 'l1', 3).completed).toBe(true);
    expect(s.progress.get(key('l1'))).toMatchObject({ positionSec: 3, completed: true });
  });

  it('never completes on an unknown duration, keeps the last known one and clamps the position to it', () => {
    expect(save(s, 'l1', 50, 0)).toMatchObject({ completed: false, durationSec: 0, positionSec: 50 });
    save(s, 'l1', 10, 60);
    expect(save(s, 'l1', 120, 0)).toMatchObject({ durationSec: 60, positionSec: 60, completed: true });
  });

  it('keeps the stored title when a save carries none', () => {
    save(s, 'l1', 1);
    expect(s.progress.save({ ...key('l1'), title: '', positionSec: 2, durationSec: 100 }).title).toBe('Lecture l1');
  });

  it('orders saves in the same millisecond', () => {
    save(s, 'l1', 1);
    save(s, 'l2', 1);
    save(s, 'l1', 2);
    expect(s.recent(10, []).map((i) => i.progress.lectureId)).toEqual(['l1', 'l2']);
  });

  it('continues with the most recent unfinished lecture, with its download when one can play', () => {
    save(s, 'l1', 20);
    clock += 1;
    save(s, 'l2', 95); // complete: nothing to continue
    clock += 1;
    save(s, 'l3', 0); // opened but not watched
    clock += 1;
    save(s, 'l4', 30, 100, 'c2');
    const items = s.recent(10, [download('a', 'l1'), download('b', 'l4', 'downloading', 'c2')]);
    expect(items.map((i) => [i.progress.lectureId, i.downloadId])).toEqual([
      ['l4', null],
      ['l1', 'a'.padEnd(32, '0')],
    ]);
    expect(s.recent(1, []).map((i) => i.progress.lectureId)).toEqual(['l4']);
  });

  it('reports course progress against the caller\'s total, or the lectures known locally', () => {
    save(s, 'l1', 95);
    save(s, 'l2', 10);
    save(s, 'x', 95, 100, 'other');
    expect(s.course(HUB, 'c1', 8, [])).toMatchObject({ completed: 1, started: 2, total: 8, fraction: 1 / 8 });
    const derived = s.course(HUB, 'c1', undefined, [download('a', 'l1'), download('b', 'l3'), download('c', 'l9', 'completed', 'other')]);
    expect(derived).toMatchObject({ completed: 1, started: 2, total: 3, fraction: 1 / 3 });
    expect(derived.lectures.map((l) => l.lectureId).sort()).toEqual(['l1', 'l2']);
    expect(s.course(HUB, 'none', undefined, [])).toMatchObject({ completed: 0, total: 0, fraction: 0 });
    // A stale total from the caller never reports more than 100 %.
    expect(s.course(HUB, 'c1', 0, []).fraction).toBe(1);
  });

  it('keeps progress by hub, course and lecture apart', () => {
    save(s, 'l1', 10);
    s.progress.save({ hubBase: 'https://cdn.example/hub/', courseId: 'c1', lectureId: 'l1', title: 'Elsewhere', positionSec: 50, durationSec: 100 });
    expect(s.progress.get(key('l1'))?.positionSec).toBe(10);
    expect(s.progress.get({ ...key('l1'), hubBase: 'https://cdn.example/hub/' })?.positionSec).toBe(50);
  });
});
