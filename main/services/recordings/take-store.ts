import type { RecordingTake, TakeState } from '../../contract/types';
import type { Database } from '../db/database';
import type { ServiceText } from '../../contract/service-text';
import { storeText, storedText } from '../text/stored-text';
import type { ProcessOwner } from './process-owner';

export interface TakeTrim {
  startSec: number;
  endSec: number;
  state: 'working' | 'ready' | 'failed';
  /** The process making the trimmed file while 'working', so a trim cut short by a kill can be redone. */
  owner: ProcessOwner | null;
  error: string | null;
  /** `error` as a message id (kept in the same JSON column). */
  errorText?: ServiceText | null;
}

/** What the journal keeps of a take: the fields it shows as they are, plus what only main needs. */
export type StoredTake = Pick<
  RecordingTake,
  'id' | 'lectureId' | 'name' | 'state' | 'mimeType' | 'tracks' | 'layout' | 'bytes' | 'chunks' | 'createdAt' | 'finishedAt' | 'deletedAt' | 'error' | 'errorText'
> & {
  fileName: string;
  finalName: string | null;
  durationMs: number;
  owner: { pid: number | null; started: string | null };
  trim: TakeTrim | null;
  /** `imported_at` of the lecture source made from this take (see migration 0010). */
  inUse: number | null;
};

interface Row {
  id: string;
  lecture_id: string;
  name: string;
  state: TakeState;
  mime_type: string;
  tracks: string;
  layout: string | null;
  file_name: string;
  final_name: string | null;
  bytes: number;
  chunks: number;
  duration_ms: number;
  owner_pid: number | null;
  owner_started: string | null;
  created_at: number;
  finished_at: number | null;
  trim: string | null;
  in_use: number | null;
  deleted_at: number | null;
  error: string | null;
  error_text: string | null;
}

/** SQL for recording_takes; no file system work here. */
export class TakeStore {
  constructor(private readonly db: Database) {}

  lectureExists(lectureId: string): boolean {
    return this.db.prepare('SELECT 1 FROM lectures WHERE id = ?').get(lectureId) !== undefined;
  }

  /** When the lecture's current source was imported, to tell whether a take is still the one in use. */
  sourceImportedAt(lectureId: string): number | null {
    const r = this.db.prepare('SELECT imported_at FROM media_sources WHERE lecture_id = ?').get(lectureId) as { imported_at: number } | undefined;
    return r?.imported_at ?? null;
  }

  countForLecture(lectureId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM recording_takes WHERE lecture_id = ?').get(lectureId) as { n: number }).n;
  }

  insert(t: Pick<StoredTake, 'id' | 'lectureId' | 'name' | 'mimeType' | 'tracks' | 'layout' | 'fileName' | 'createdAt'>, owner: ProcessOwner): void {
    this.db
      .prepare(
        `INSERT INTO recording_takes (id, lecture_id, name, state, mime_type, tracks, layout, file_name, owner_pid, owner_started, created_at)
         VALUES (?, ?, ?, 'recording', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.id, t.lectureId, t.name, t.mimeType, JSON.stringify(t.tracks), t.layout ? JSON.stringify(t.layout) : null, t.fileName, owner.pid, owner.started, t.createdAt);
  }

  get(id: string): StoredTake | null {
    const r = this.db.prepare('SELECT * FROM recording_takes WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** Newest first. */
  list(filter: { lectureId?: string | undefined; includeDeleted?: boolean } = {}): StoredTake[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.lectureId) {
      where.push('lecture_id = ?');
      args.push(filter.lectureId);
    }
    if (!filter.includeDeleted) where.push('deleted_at IS NULL');
    const sql = `SELECT * FROM recording_takes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(fromRow);
  }

  inStates(states: readonly TakeState[]): StoredTake[] {
    const rows = this.db.prepare(`SELECT * FROM recording_takes WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY created_at`).all(...states) as Row[];
    return rows.map(fromRow);
  }

  /** The journal step: only called once the slice is on disk. */
  journal(id: string, bytes: number, chunks: number, durationMs: number): void {
    this.db.prepare('UPDATE recording_takes SET bytes = ?, chunks = ?, duration_ms = ? WHERE id = ?').run(bytes, chunks, durationMs, id);
  }

  setState(id: string, state: TakeState, fields: { error?: string | null; errorText?: ServiceText | null; finishedAt?: number | null; durationMs?: number; finalName?: string | null } = {}): void {
    const columns: [string, string | number | null | undefined][] = [
      ['error', fields.error],
      // A new error (or none) replaces the message id with its own, or with none.
      ['error_text', fields.error === undefined && fields.errorText === undefined ? undefined : storeText(fields.errorText)],
      ['finished_at', fields.finishedAt],
      ['duration_ms', fields.durationMs],
      ['final_name', fields.finalName],
    ];
    const given = columns.filter((c): c is [string, string | number | null] => c[1] !== undefined);
    const sets = ['state = ?', ...given.map(([name]) => `${name} = ?`)];
    const args = [state, ...given.map(([, value]) => value)];
    this.db.prepare(`UPDATE recording_takes SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
  }

  /** Moves a take to a state only if it is still in one of `from`; false when another request got there first. */
  transition(id: string, from: readonly TakeState[], to: TakeState): boolean {
    const sql = `UPDATE recording_takes SET state = ? WHERE id = ? AND state IN (${from.map(() => '?').join(', ')})`;
    return this.db.prepare(sql).run(to, id, ...from).changes === 1;
  }

  setOwner(id: string, owner: ProcessOwner): void {
    this.db.prepare('UPDATE recording_takes SET owner_pid = ?, owner_started = ? WHERE id = ?').run(owner.pid, owner.started, id);
  }

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE recording_takes SET name = ? WHERE id = ?').run(name, id);
  }

  setTrim(id: string, trim: TakeTrim | null): void {
    this.db.prepare('UPDATE recording_takes SET trim = ? WHERE id = ?').run(trim ? JSON.stringify(trim) : null, id);
  }

  setDeleted(id: string, deletedAt: number | null): void {
    this.db.prepare('UPDATE recording_takes SET deleted_at = ? WHERE id = ?').run(deletedAt, id);
  }

  /** Exactly one take of a lecture is in use: this one, marked with the source it became. */
  markInUse(id: string, lectureId: string, importedAt: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE recording_takes SET in_use = NULL WHERE lecture_id = ? AND id != ?').run(lectureId, id);
      this.db.prepare('UPDATE recording_takes SET in_use = ? WHERE id = ?').run(importedAt, id);
    })();
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM recording_takes WHERE id = ?').run(id);
  }
}

function fromRow(r: Row): StoredTake {
  return {
    id: r.id,
    lectureId: r.lecture_id,
    name: r.name,
    state: r.state,
    mimeType: r.mime_type,
    tracks: JSON.parse(r.tracks) as StoredTake['tracks'],
    layout: r.layout ? (JSON.parse(r.layout) as StoredTake['layout']) : null,
    fileName: r.file_name,
    finalName: r.final_name,
    bytes: r.bytes,
    chunks: r.chunks,
    durationMs: r.duration_ms,
    owner: { pid: r.owner_pid, started: r.owner_started },
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    trim: r.trim ? (JSON.parse(r.trim) as TakeTrim) : null,
    inUse: r.in_use,
    deletedAt: r.deleted_at,
    error: r.error,
    errorText: storedText(r.error_text),
  };
}
