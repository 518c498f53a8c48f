import { isServiceText, type ServiceText } from '../../contract/service-text';
import type { Database } from 'better-sqlite3';
import type { DownloadItem, DownloadState } from '../../contract/domains/library';
import type { DownloadPlan } from './plan';

export type { DownloadState };

/** A download as stored; the library adds the course title and the player's URL for the UI. */
export type DownloadSummary = Omit<DownloadItem, 'courseTitle' | 'playlistPath'>;

export interface QueueRank {
  priority: number;
  createdAt: number;
}

/** Negative when `a` goes before `b`: higher priority first, then the older one. */
export const queueOrder = (a: QueueRank, b: QueueRank) => b.priority - a.priority || a.createdAt - b.createdAt;

export interface FileRow {
  idx: number;
  hub_path: string;
  size: number;
  sha256: string;
  iv: Buffer | null;
  state: 'queued' | 'done';
}

export interface StoredCaptions {
  index: number;
  language: string | null;
  label: string | null;
}

interface DownloadRow {
  id: string;
  hub_base: string;
  course_id: string;
  course_version: number;
  lecture_id: string;
  title: string;
  quality: string;
  state: DownloadState;
  error: string | null;
  /** JSON of a ServiceText (migration 0015). */
  error_text: string | null;
  total_bytes: number;
  done_bytes: number;
  files_total: number;
  files_done: number;
}

const SUMMARY = `
  SELECT d.*,
    (SELECT COALESCE(SUM(bytes_done), 0) FROM download_files f WHERE f.download_id = d.id) AS done_bytes,
    (SELECT COUNT(*) FROM download_files f WHERE f.download_id = d.id) AS files_total,
    (SELECT COUNT(*) FROM download_files f WHERE f.download_id = d.id AND f.state = 'done') AS files_done
  FROM downloads d`;

/** The downloads tables (migration 0004): one row per lecture, one per file, and the local playlists. */
export class DownloadStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  insert(id: string, hubBase: string, plan: DownloadPlan, ivs: ReadonlyMap<number, Buffer>, playlists: ReadonlyMap<string, string>): void {
    const t = this.now();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO downloads (id, hub_base, course_id, course_version, lecture_id, title, quality, state, error, total_bytes, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', NULL, ?, ?, ?)`,
        )
        .run(id, hubBase, plan.courseId, plan.courseVersion, plan.lectureId, plan.title, plan.quality, plan.totalBytes, t, t);
      if (plan.captions) {
        this.db
          .prepare('UPDATE downloads SET captions_idx = ?, captions_language = ?, captions_label = ? WHERE id = ?')
          .run(plan.captions.index, plan.captions.language, plan.captions.label, id);
      }
      const file = this.db.prepare(`INSERT INTO download_files (download_id, idx, hub_path, size, sha256, iv, state) VALUES (?, ?, ?, ?, ?, ?, 'queued')`);
      for (const f of plan.files) file.run(id, f.index, f.hubPath, f.size, f.sha256, f.encrypted ? (ivs.get(f.index) ?? null) : null);
      const playlist = this.db.prepare('INSERT INTO download_playlists (download_id, name, body) VALUES (?, ?, ?)');
      for (const [name, body] of playlists) playlist.run(id, name, body);
    })();
  }

  /** Which stored file is the download's captions track (migration 0008), or null. */
  captions(id: string): StoredCaptions | null {
    const row = this.db.prepare('SELECT captions_idx, captions_language, captions_label FROM downloads WHERE id = ?').get(id) as
      | { captions_idx: number | null; captions_language: string | null; captions_label: string | null }
      | undefined;
    return row && row.captions_idx !== null ? { index: row.captions_idx, language: row.captions_language, label: row.captions_label } : null;
  }

  findByLecture(hubBase: string, courseId: string, lectureId: string, courseVersion: number): string | null {
    const row = this.db
      .prepare('SELECT id FROM downloads WHERE hub_base = ? AND course_id = ? AND lecture_id = ? AND course_version = ?')
      .get(hubBase, courseId, lectureId, courseVersion) as { id: string } | undefined;
    return row?.id ?? null;
  }

  summary(id: string): DownloadSummary | null {
    const row = this.db.prepare(`${SUMMARY} WHERE d.id = ?`).get(id) as DownloadRow | undefined;
    return row ? toSummary(row) : null;
  }

  /** Just the state: the media route asks on every segment request, so this skips the counts. */
  state(id: string): DownloadState | null {
    const row = this.db.prepare('SELECT state FROM downloads WHERE id = ?').get(id) as { state: DownloadState } | undefined;
    return row?.state ?? null;
  }

  list(): DownloadSummary[] {
    return (this.db.prepare(`${SUMMARY} ORDER BY d.created_at`).all() as DownloadRow[]).map(toSummary);
  }

  /** In queue order: higher priority first, then oldest first. */
  idsInState(...states: DownloadState[]): string[] {
    const rows = this.db
      .prepare(`SELECT id FROM downloads WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY priority DESC, created_at, rowid`)
      .all(...states) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Where a download stands in the queue; compare with `queueOrder`. */
  queueRank(id: string): QueueRank | null {
    return (this.db.prepare('SELECT priority, created_at AS createdAt FROM downloads WHERE id = ?').get(id) as QueueRank | undefined) ?? null;
  }

  /** Puts a download ahead of every other one. */
  raisePriority(id: string): number {
    return this.db.transaction(() => {
      const { top } = this.db.prepare('SELECT COALESCE(MAX(priority), 0) AS top FROM downloads').get() as { top: number };
      const mine = this.queueRank(id)?.priority ?? 0;
      const isAlone = (this.db.prepare('SELECT COUNT(*) AS n FROM downloads WHERE priority = ?').get(top) as { n: number }).n === 1;
      // Already strictly first: keep the number small instead of growing it on every press.
      const priority = mine === top && isAlone ? top : top + 1;
      this.db.prepare('UPDATE downloads SET priority = ?, updated_at = ? WHERE id = ?').run(priority, this.now(), id);
      return priority;
    })();
  }

  setState(id: string, state: DownloadState, error: string | null = null, errorText: ServiceText | null = null): void {
    this.db
      .prepare('UPDATE downloads SET state = ?, error = ?, error_text = ?, updated_at = ? WHERE id = ?')
      .run(state, error, error !== null && errorText ? JSON.stringify(errorText) : null, this.now(), id);
  }

  files(id: string): FileRow[] {
    return this.db.prepare('SELECT idx, hub_path, size, sha256, iv, state FROM download_files WHERE download_id = ? ORDER BY idx').all(id) as FileRow[];
  }

  file(id: string, idx: number): FileRow | null {
    return (this.db.prepare('SELECT idx, hub_path, size, sha256, iv, state FROM download_files WHERE download_id = ? AND idx = ?').get(id, idx) as FileRow | undefined) ?? null;
  }

  markDone(id: string, idx: number, bytes: number): void {
    this.db.prepare(`UPDATE download_files SET state = 'done', bytes_done = ? WHERE download_id = ? AND idx = ?`).run(bytes, id, idx);
  }

  markQueued(id: string, idxs: readonly number[]): void {
    const stmt = this.db.prepare(`UPDATE download_files SET state = 'queued', bytes_done = 0 WHERE download_id = ? AND idx = ?`);
    this.db.transaction(() => idxs.forEach((i) => stmt.run(id, i)))();
  }

  playlist(id: string, name: string): string | null {
    const row = this.db.prepare('SELECT body FROM download_playlists WHERE download_id = ? AND name = ?').get(id, name) as { body: string } | undefined;
    return row?.body ?? null;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM downloads WHERE id = ?').run(id);
  }
}

function toSummary(r: DownloadRow): DownloadSummary {
  return {
    id: r.id,
    hubBase: r.hub_base,
    courseId: r.course_id,
    courseVersion: r.course_version,
    lectureId: r.lecture_id,
    title: r.title,
    quality: r.quality,
    state: r.state,
    error: r.error,
    ...storedText(r.error_text),
    totalBytes: r.total_bytes,
    doneBytes: r.done_bytes,
    filesTotal: r.files_total,
    filesDone: r.files_done,
  };
}

/** A stored message id, if it is still one this Lectern knows (a newer version may have written others). */
function storedText(json: string | null): { errorText?: ServiceText } {
  if (json === null) return {};
  try {
    const text: unknown = JSON.parse(json);
    return isServiceText(text) ? { errorText: text } : {};
  } catch {
    return {};
  }
}
