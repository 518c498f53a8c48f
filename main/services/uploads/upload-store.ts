import type { Database } from 'better-sqlite3';

export interface MultipartRecord {
  uploadId: string;
  scope: string;
  bucket: string;
  key: string;
  sourcePath: string;
  sourceSize: number;
  sourceMtime: number;
  fingerprint: string;
  partSize: number;
  createdAt: number;
}

export interface AckedPart {
  partNumber: number;
  etag: string;
  size: number;
}

interface RecordRow {
  upload_id: string;
  scope: string;
  bucket: string;
  object_key: string;
  source_path: string;
  source_size: number;
  source_mtime: number;
  fingerprint: string;
  part_size: number;
  created_at: number;
}

/** The multipart tables (migration 0003): one row per unfinished upload, one per part S3 acknowledged. */
export class UploadStore {
  constructor(private readonly db: Database) {}

  find(scope: string, key: string): MultipartRecord | null {
    const row = this.db.prepare('SELECT * FROM multipart_uploads WHERE scope = ? AND object_key = ?').get(scope, key) as RecordRow | undefined;
    return row ? toRecord(row) : null;
  }

  uploadIds(scope: string): Set<string> {
    const rows = this.db.prepare('SELECT upload_id FROM multipart_uploads WHERE scope = ?').all(scope) as { upload_id: string }[];
    return new Set(rows.map((r) => r.upload_id));
  }

  insert(r: MultipartRecord): void {
    this.db
      .prepare(
        `INSERT INTO multipart_uploads (upload_id, scope, bucket, object_key, source_path, source_size, source_mtime, fingerprint, part_size, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.uploadId, r.scope, r.bucket, r.key, r.sourcePath, r.sourceSize, r.sourceMtime, r.fingerprint, r.partSize, r.createdAt);
  }

  parts(uploadId: string): AckedPart[] {
    return this.db.prepare('SELECT part_number AS partNumber, etag, size FROM multipart_parts WHERE upload_id = ? ORDER BY part_number').all(uploadId) as AckedPart[];
  }

  /** Written as soon as S3 acknowledges the part: after a crash, only parts missing here (and on the server) are re-sent. */
  addPart(uploadId: string, p: AckedPart): void {
    this.db.prepare('INSERT OR REPLACE INTO multipart_parts (upload_id, part_number, etag, size) VALUES (?, ?, ?, ?)').run(uploadId, p.partNumber, p.etag, p.size);
  }

  removeParts(uploadId: string, partNumbers: readonly number[]): void {
    const stmt = this.db.prepare('DELETE FROM multipart_parts WHERE upload_id = ? AND part_number = ?');
    this.db.transaction(() => partNumbers.forEach((n) => stmt.run(uploadId, n)))();
  }

  delete(uploadId: string): void {
    this.db.prepare('DELETE FROM multipart_uploads WHERE upload_id = ?').run(uploadId);
  }
}

function toRecord(r: RecordRow): MultipartRecord {
  return {
    uploadId: r.upload_id,
    scope: r.scope,
    bucket: r.bucket,
    key: r.object_key,
    sourcePath: r.source_path,
    sourceSize: r.source_size,
    sourceMtime: r.source_mtime,
    fingerprint: r.fingerprint,
    partSize: r.part_size,
    createdAt: r.created_at,
  };
}
