import type { Migration } from '../migration';

/**
 * Offline downloads: one row per downloaded lecture and one per file of its HLS package, so a
 * download resumes file by file after a pause or a killed process. Keys are not here: they live in
 * the SecretStore. `iv` is null for files stored in the clear (fMP4 init sections, which hold no media).
 */
export const downloadsMigration: Migration = {
  name: 'downloads',
  up(db) {
    db.exec(`
      CREATE TABLE downloads (
        id             TEXT PRIMARY KEY,
        hub_base       TEXT NOT NULL,
        course_id      TEXT NOT NULL,
        course_version INTEGER NOT NULL,
        lecture_id     TEXT NOT NULL,
        title          TEXT NOT NULL,
        quality        TEXT NOT NULL,
        state          TEXT NOT NULL CHECK (state IN ('queued', 'downloading', 'paused', 'completed', 'failed')),
        error          TEXT,
        total_bytes    INTEGER NOT NULL,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX downloads_by_lecture ON downloads(hub_base, course_id, lecture_id);

      CREATE TABLE download_files (
        download_id TEXT NOT NULL REFERENCES downloads(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        hub_path    TEXT NOT NULL,
        size        INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        iv          BLOB,
        state       TEXT NOT NULL CHECK (state IN ('queued', 'done')),
        bytes_done  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (download_id, idx)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE download_playlists (
        download_id TEXT NOT NULL REFERENCES downloads(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        body        TEXT NOT NULL,
        PRIMARY KEY (download_id, name)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
