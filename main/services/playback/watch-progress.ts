import type { CourseProgress, LectureProgress } from '../../contract/domains/playback';
import { COMPLETE_FRACTION } from '../../contract/domains/playback';
import type { EventSink } from '../../contract/events';
import type { Database } from '../db/database';

export interface LectureKey {
  hubBase: string;
  courseId: string;
  lectureId: string;
}

export interface SaveProgress extends LectureKey {
  title: string;
  positionSec: number;
  durationSec: number;
}

interface Row {
  hub_base: string;
  course_id: string;
  lecture_id: string;
  title: string;
  position_sec: number;
  duration_sec: number;
  completed: 0 | 1;
  updated_at: number;
}

const COLUMNS = 'hub_base, course_id, lecture_id, title, position_sec, duration_sec, completed, updated_at';

const toProgress = (r: Row): LectureProgress => ({
  hubBase: r.hub_base,
  courseId: r.course_id,
  lectureId: r.lecture_id,
  title: r.title,
  positionSec: r.position_sec,
  durationSec: r.duration_sec,
  completed: r.completed === 1,
  updatedAt: r.updated_at,
});

/** At ≥ 90 % of a known duration; an unknown (0) duration never completes a lecture. */
export const reachesCompletion = (positionSec: number, durationSec: number) => durationSec > 0 && positionSec >= durationSec * COMPLETE_FRACTION;

/**
 * Watch progress per lecture in SQLite (table `watch_progress`), keyed by the hub's ids. Saves are an
 * upsert of one row, cheap enough for the player to call every few seconds.
 */
export class WatchProgress {
  constructor(
    private readonly db: Database,
    private readonly emit: EventSink,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: LectureKey): LectureProgress | null {
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM watch_progress WHERE hub_base = ? AND course_id = ? AND lecture_id = ?`)
      .get(key.hubBase, key.courseId, key.lectureId) as Row | undefined;
    return row ? toProgress(row) : null;
  }

  /**
   * Records a position. A duration of 0 (not known yet) keeps the last known one; the position is
   * clamped to the duration. Completion only ever turns on: rewatching a finished lecture keeps it done.
   */
  save(p: SaveProgress): LectureProgress {
    const previous = this.get(p);
    const durationSec = p.durationSec > 0 ? p.durationSec : (previous?.durationSec ?? 0);
    const positionSec = durationSec > 0 ? Math.min(p.positionSec, durationSec) : p.positionSec;
    const completed = previous?.completed === true || reachesCompletion(positionSec, durationSec);
    // Title kept when the caller has none (a save from a context that only knows the ids).
    const title = p.title !== '' ? p.title : (previous?.title ?? '');
    // Strictly increasing per process so "most recent" is well defined even for saves in the same millisecond.
    const updatedAt = Math.max(this.now(), (previous?.updatedAt ?? 0) + 1);
    this.db
      .prepare(
        `INSERT INTO watch_progress (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (hub_base, course_id, lecture_id) DO UPDATE SET
           title = excluded.title, position_sec = excluded.position_sec, duration_sec = excluded.duration_sec,
           completed = excluded.completed, updated_at = excluded.updated_at`,
      )
      .run(p.hubBase, p.courseId, p.lectureId, title, positionSec, durationSec, completed ? 1 : 0, updatedAt);
    const saved: LectureProgress = { hubBase: p.hubBase, courseId: p.courseId, lectureId: p.lectureId, title, positionSec, durationSec, completed, updatedAt };
    this.emit('progress.changed', saved);
    return saved;
  }

  /**
   * Completed / total for a course. `total` is the caller's count of the course's lectures when it knows
   * it (the course manifest); otherwise every lecture known here: the ones watched plus `knownLectureIds`
   * (e.g. the downloaded ones). Never less than the lectures completed.
   */
  course(hubBase: string, courseId: string, opts: { total?: number; knownLectureIds?: Iterable<string> } = {}): CourseProgress {
    const lectures = (
      this.db.prepare(`SELECT ${COLUMNS} FROM watch_progress WHERE hub_base = ? AND course_id = ? ORDER BY updated_at DESC`).all(hubBase, courseId) as Row[]
    ).map(toProgress);
    const completed = lectures.filter((l) => l.completed).length;
    const known = new Set([...lectures.map((l) => l.lectureId), ...(opts.knownLectureIds ?? [])]);
    const total = Math.max(opts.total ?? known.size, completed);
    return { hubBase, courseId, completed, started: lectures.length, total, fraction: total === 0 ? 0 : completed / total, lectures };
  }

  /** Unfinished lectures with a position past the first seconds, most recently watched first. */
  recent(limit: number): LectureProgress[] {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM watch_progress WHERE completed = 0 AND position_sec > 0 ORDER BY updated_at DESC LIMIT ?`)
      .all(limit) as Row[];
    return rows.map(toProgress);
  }
}
