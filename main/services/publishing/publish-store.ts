import type { Database } from 'better-sqlite3';
import type { HubFailureReason, Publication, PublishRun, PublishRunState } from '../../contract/domains/publishing-types';
import type { ServiceText } from '../../contract/service-text';
import { storeText, storedText } from '../text/stored-text';

/** A publish run as stored (migration 0005): speed, ETA and files in flight are live values and not stored. */
export type RunRecord = Omit<PublishRun, 'bytesPerSecond' | 'currentFiles' | 'etaSeconds' | 'waitingFor'> & {
  ownerPid: number | null;
};

export type RunChange = Partial<Omit<RunRecord, 'id' | 'courseId' | 'courseTitle' | 'hubId' | 'hubName' | 'createdAt' | 'bandwidthLimit'>>;

interface RunRow {
  id: string;
  course_id: string;
  course_title: string;
  hub_id: string;
  hub_name: string;
  state: PublishRunState;
  error: string | null;
  error_text: string | null;
  error_reason: HubFailureReason | null;
  files_total: number;
  files_done: number;
  files_skipped: number;
  bytes_total: number;
  bytes_done: number;
  version: number | null;
  bandwidth_limit: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  owner_pid: number | null;
}

const COLUMNS: Record<keyof RunChange, string> = {
  state: 'state',
  error: 'error',
  errorText: 'error_text',
  reason: 'error_reason',
  filesTotal: 'files_total',
  filesDone: 'files_done',
  filesSkipped: 'files_skipped',
  bytesTotal: 'bytes_total',
  bytesDone: 'bytes_done',
  version: 'version',
  updatedAt: 'updated_at',
  finishedAt: 'finished_at',
  ownerPid: 'owner_pid',
};

const SELECT_RUN = `SELECT r.*, c.title AS course_title, h.name AS hub_name
  FROM publish_runs r JOIN courses c ON c.id = r.course_id JOIN hubs h ON h.id = r.hub_id`;

/** The `publish_runs` and `publications` tables (migration 0005). */
export class PublishStore {
  constructor(private readonly db: Database) {}

  insertRun(r: { id: string; courseId: string; hubId: string; createdAt: number; ownerPid: number; bandwidthLimit: number | null }): void {
    this.db
      .prepare("INSERT INTO publish_runs (id, course_id, hub_id, state, created_at, updated_at, owner_pid, bandwidth_limit) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)")
      .run(r.id, r.courseId, r.hubId, r.createdAt, r.createdAt, r.ownerPid, r.bandwidthLimit);
  }

  /** The oldest run this process queued: each process works only through its own queue. */
  nextQueued(ownerPid: number): RunRecord | null {
    const row = this.db.prepare(`${SELECT_RUN} WHERE r.state = 'queued' AND r.owner_pid = ? ORDER BY r.created_at, r.rowid LIMIT 1`).get(ownerPid) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  run(id: string): RunRecord | null {
    const row = this.db.prepare(`${SELECT_RUN} WHERE r.id = ?`).get(id) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  runs(): RunRecord[] {
    return (this.db.prepare(`${SELECT_RUN} ORDER BY r.created_at DESC, r.rowid DESC`).all() as RunRow[]).map(toRun);
  }

  runsIn(states: readonly PublishRunState[]): RunRecord[] {
    return (this.db.prepare(`${SELECT_RUN} WHERE r.state IN (${states.map(() => '?').join(', ')}) ORDER BY r.created_at, r.rowid`).all(...states) as RunRow[]).map(toRun);
  }

  update(id: string, change: RunChange): void {
    // A new error without a message id must not keep showing the previous error's sentence.
    const withText = change.error !== undefined && change.errorText === undefined ? { ...change, errorText: null } : change;
    const entries = Object.entries(withText)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, k === 'errorText' ? storeText(v as ServiceText | null) : v]) as [keyof RunChange, unknown][];
    if (entries.length === 0) return;
    const set = entries.map(([k]) => `${COLUMNS[k]} = ?`).join(', ');
    this.db.prepare(`UPDATE publish_runs SET ${set} WHERE id = ?`).run(...entries.map(([, v]) => v), id);
  }

  setPublication(p: { courseId: string; hubId: string; version: number; manifestKey: string; publishedAt: number }): void {
    this.db
      .prepare(
        `INSERT INTO publications (course_id, hub_id, version, manifest_key, published_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(course_id, hub_id) DO UPDATE SET version = excluded.version, manifest_key = excluded.manifest_key, published_at = excluded.published_at`,
      )
      .run(p.courseId, p.hubId, p.version, p.manifestKey, p.publishedAt);
  }

  deletePublication(courseId: string, hubId: string): void {
    this.db.prepare('DELETE FROM publications WHERE course_id = ? AND hub_id = ?').run(courseId, hubId);
  }

  /** Every course's publications, by course id. */
  publications(): Map<string, Publication[]> {
    const rows = this.db
      .prepare(
        `SELECT p.course_id, p.hub_id, h.name AS hub_name, p.version, p.manifest_key, p.published_at
           FROM publications p JOIN hubs h ON h.id = p.hub_id ORDER BY h.created_at, h.id`,
      )
      .all() as { course_id: string; hub_id: string; hub_name: string; version: number; manifest_key: string; published_at: number }[];
    const byCourse = new Map<string, Publication[]>();
    for (const r of rows) {
      const list = byCourse.get(r.course_id) ?? [];
      list.push({ hubId: r.hub_id, hubName: r.hub_name, version: r.version, manifestKey: r.manifest_key, publishedAt: r.published_at });
      byCourse.set(r.course_id, list);
    }
    return byCourse;
  }
}

function toRun(r: RunRow): RunRecord {
  return {
    id: r.id,
    courseId: r.course_id,
    courseTitle: r.course_title,
    hubId: r.hub_id,
    hubName: r.hub_name,
    state: r.state,
    error: r.error,
    errorText: storedText(r.error_text),
    reason: r.error_reason,
    filesTotal: r.files_total,
    filesDone: r.files_done,
    filesSkipped: r.files_skipped,
    bytesTotal: r.bytes_total,
    bytesDone: r.bytes_done,
    version: r.version,
    bandwidthLimit: r.bandwidth_limit,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    ownerPid: r.owner_pid,
  };
}
