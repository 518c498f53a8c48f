import type { Migration } from '../migration';

/**
 * Lecture media: the imported source (with ffprobe's findings) and the transcoding jobs. No foreign key
 * to lectures: a deleted lecture can be restored from the trash, and its media must still be there.
 * `owner_pid`/`ffmpeg_pid` let a fresh start tell a job orphaned by a killed process from one another
 * running process (the app and the CLI may share a data folder) is still working on.
 */
export const mediaMigration: Migration = {
  name: 'media',
  up(db) {
    db.exec(`
      CREATE TABLE media_sources (
        lecture_id    TEXT PRIMARY KEY,
        file_name     TEXT NOT NULL,
        original_name TEXT NOT NULL,
        size_bytes    INTEGER NOT NULL,
        probe         TEXT NOT NULL,
        imported_at   INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE media_jobs (
        id          TEXT PRIMARY KEY,
        lecture_id  TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('poster', 'storyboard', 'ladder', 'preview')),
        status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        percent     REAL NOT NULL DEFAULT 0,
        eta_sec     REAL,
        error       TEXT,
        owner_pid   INTEGER,
        ffmpeg_pid  INTEGER,
        created_at  INTEGER NOT NULL,
        started_at  INTEGER,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX media_jobs_by_status ON media_jobs(status, created_at);
      CREATE INDEX media_jobs_by_lecture ON media_jobs(lecture_id, created_at);
    `);
  },
};
