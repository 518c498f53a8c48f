import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { DEFAULT_ENCODING, type EncodingQuality } from './ladder-plan';
import type { LectureCaptions, MediaJob, MediaJobKind, MediaJobStatus, MediaProbe } from '../../contract/types';
import type { ServiceText } from '../../contract/service-text';
import { storeText, storedText } from '../text/stored-text';

export interface SourceRow {
  lectureId: string;
  fileName: string;
  originalName: string;
  sizeBytes: number;
  probe: MediaProbe;
  importedAt: number;
}

/** A lecture's captions as stored: the contract's record, keyed by lecture, without the served file name. */
export type CaptionsRow = Omit<LectureCaptions, 'file'> & { lectureId: string };

interface JobRecord {
  id: string;
  lecture_id: string;
  kind: MediaJobKind;
  status: MediaJobStatus;
  percent: number;
  eta_sec: number | null;
  error: string | null;
  error_text: string | null;
  owner_pid: number | null;
  ffmpeg_pid: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface StoredJob extends MediaJob {
  ownerPid: number | null;
  ffmpegPid: number | null;
}

/** SQL for media_sources, media_jobs and media_captions; no file system work here. */
export class MediaStore {
  constructor(private readonly db: Database) {}

  lectureExists(lectureId: string): boolean {
    return this.db.prepare('SELECT 1 FROM lectures WHERE id = ?').get(lectureId) !== undefined;
  }

  /** The course a lecture belongs to, for the 'drafts.changed' event its new duration needs; null once deleted. */
  courseOf(lectureId: string): string | null {
    const r = this.db.prepare('SELECT s.course_id AS courseId FROM lectures l JOIN sections s ON s.id = l.section_id WHERE l.id = ?').get(lectureId) as
      | { courseId: string }
      | undefined;
    return r?.courseId ?? null;
  }

  /** Lectures of a course that have an imported video. */
  lecturesWithSource(courseId: string): string[] {
    const rows = this.db
      .prepare('SELECT l.id AS id FROM lectures l JOIN sections s ON s.id = l.section_id JOIN media_sources m ON m.lecture_id = l.id WHERE s.course_id = ?')
      .all(courseId) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The encoding setting of the lecture's course; 'balanced' when the lecture is gone (its job fails anyway). */
  encodingOf(lectureId: string): EncodingQuality {
    const r = this.db.prepare('SELECT c.encoding AS encoding FROM lectures l JOIN sections s ON s.id = l.section_id JOIN courses c ON c.id = s.course_id WHERE l.id = ?').get(lectureId) as
      | { encoding: EncodingQuality }
      | undefined;
    return r?.encoding ?? DEFAULT_ENCODING;
  }

  /** The source row and the lecture's duration change together, so the outline never shows a stale length. */
  saveSource(row: SourceRow): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO media_sources (lecture_id, file_name, original_name, size_bytes, probe, imported_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(lecture_id) DO UPDATE SET file_name = excluded.file_name, original_name = excluded.original_name,
             size_bytes = excluded.size_bytes, probe = excluded.probe, imported_at = excluded.imported_at`,
        )
        .run(row.lectureId, row.fileName, row.originalName, row.sizeBytes, JSON.stringify(row.probe), row.importedAt);
      const changed = this.db.prepare('UPDATE lectures SET duration_sec = ?, updated_at = ? WHERE id = ?').run(row.probe.durationSec, row.importedAt, row.lectureId);
      if (changed.changes !== 1) throw new Error(`lecture ${row.lectureId} disappeared during import`);
    })();
  }

  source(lectureId: string): SourceRow | null {
    const r = this.db.prepare('SELECT * FROM media_sources WHERE lecture_id = ?').get(lectureId) as
      | { lecture_id: string; file_name: string; original_name: string; size_bytes: number; probe: string; imported_at: number }
      | undefined;
    return r
      ? { lectureId: r.lecture_id, fileName: r.file_name, originalName: r.original_name, sizeBytes: r.size_bytes, probe: JSON.parse(r.probe) as MediaProbe, importedAt: r.imported_at }
      : null;
  }

  saveCaptions(row: CaptionsRow): void {
    this.db
      .prepare(
        `INSERT INTO media_captions (lecture_id, original_name, size_bytes, cue_count, language, label, attached_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(lecture_id) DO UPDATE SET original_name = excluded.original_name, size_bytes = excluded.size_bytes, cue_count = excluded.cue_count,
           language = excluded.language, label = excluded.label, attached_at = excluded.attached_at`,
      )
      .run(row.lectureId, row.originalName, row.sizeBytes, row.cueCount, row.language, row.label, row.attachedAt);
  }

  captions(lectureId: string): CaptionsRow | null {
    const r = this.db.prepare('SELECT * FROM media_captions WHERE lecture_id = ?').get(lectureId) as
      | { lecture_id: string; original_name: string; size_bytes: number; cue_count: number; language: string | null; label: string | null; attached_at: number }
      | undefined;
    return r
      ? { lectureId: r.lecture_id, originalName: r.original_name, sizeBytes: r.size_bytes, cueCount: r.cue_count, language: r.language, label: r.label, attachedAt: r.attached_at }
      : null;
  }

  /** Changes only the fields given; false when the lecture has no captions row. */
  updateCaptionsInfo(lectureId: string, info: { language?: string | null; label?: string | null }): boolean {
    const row = this.captions(lectureId);
    if (!row) return false;
    this.db
      .prepare('UPDATE media_captions SET language = ?, label = ? WHERE lecture_id = ?')
      .run(info.language !== undefined ? info.language : row.language, info.label !== undefined ? info.label : row.label, lectureId);
    return true;
  }

  deleteCaptions(lectureId: string): void {
    this.db.prepare('DELETE FROM media_captions WHERE lecture_id = ?').run(lectureId);
  }

  addJob(lectureId: string, kind: MediaJobKind, now: number): StoredJob {
    const id = randomUUID();
    this.db.prepare(`INSERT INTO media_jobs (id, lecture_id, kind, status, created_at) VALUES (?, ?, ?, 'queued', ?)`).run(id, lectureId, kind, now);
    return this.job(id) as StoredJob;
  }

  job(id: string): StoredJob | null {
    const r = this.db.prepare('SELECT * FROM media_jobs WHERE id = ?').get(id) as JobRecord | undefined;
    return r ? toJob(r) : null;
  }

  jobs(lectureId?: string): StoredJob[] {
    const rows = (
      lectureId
        ? this.db.prepare('SELECT * FROM media_jobs WHERE lecture_id = ? ORDER BY created_at, rowid').all(lectureId)
        : this.db.prepare('SELECT * FROM media_jobs ORDER BY created_at, rowid').all()
    ) as JobRecord[];
    return rows.map(toJob);
  }

  /** Unfinished jobs of a lecture, to avoid queuing the same work twice. */
  activeJobs(lectureId: string): StoredJob[] {
    return this.jobs(lectureId).filter((j) => j.status === 'queued' || j.status === 'running');
  }

  /** Claims the oldest queued job for this process; the status check makes two processes sharing a data folder never run the same job. */
  claimNext(pid: number, now: number): StoredJob | null {
    return this.db.transaction(() => {
      const next = this.db.prepare(`SELECT id FROM media_jobs WHERE status = 'queued' ORDER BY created_at, rowid LIMIT 1`).get() as { id: string } | undefined;
      if (!next) return null;
      const claimed = this.db
        .prepare(`UPDATE media_jobs SET status = 'running', owner_pid = ?, ffmpeg_pid = NULL, started_at = ?, percent = 0, eta_sec = NULL, error = NULL, error_text = NULL WHERE id = ? AND status = 'queued'`)
        .run(pid, now, next.id);
      return claimed.changes === 1 ? this.job(next.id) : null;
    }).immediate();
  }

  setFfmpegPid(id: string, pid: number | null): void {
    this.db.prepare('UPDATE media_jobs SET ffmpeg_pid = ? WHERE id = ?').run(pid, id);
  }

  setProgress(id: string, percent: number, etaSec: number | null): void {
    this.db.prepare(`UPDATE media_jobs SET percent = ?, eta_sec = ? WHERE id = ? AND status = 'running'`).run(percent, etaSec, id);
  }

  finish(id: string, status: Exclude<MediaJobStatus, 'queued' | 'running'>, error: string | null, now: number, errorText: ServiceText | null = null): void {
    this.db
      .prepare(`UPDATE media_jobs SET status = ?, error = ?, error_text = ?, finished_at = ?, ffmpeg_pid = NULL, percent = CASE WHEN ? = 'done' THEN 100 ELSE percent END, eta_sec = NULL WHERE id = ?`)
      .run(status, error, storeText(errorText), now, status, id);
  }

  /** Puts a running job back in line (its owner died or is shutting down); it restarts from scratch. */
  requeue(id: string): void {
    this.db.prepare(`UPDATE media_jobs SET status = 'queued', owner_pid = NULL, ffmpeg_pid = NULL, percent = 0, eta_sec = NULL, started_at = NULL WHERE id = ?`).run(id);
  }

  cancelQueued(id: string, now: number): boolean {
    return this.db.prepare(`UPDATE media_jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'queued'`).run(now, id).changes === 1;
  }
}

function toJob(r: JobRecord): StoredJob {
  return {
    id: r.id,
    lectureId: r.lecture_id,
    kind: r.kind,
    status: r.status,
    percent: r.percent,
    etaSec: r.eta_sec,
    error: r.error,
    errorText: storedText(r.error_text),
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ownerPid: r.owner_pid,
    ffmpegPid: r.ffmpeg_pid,
  };
}
