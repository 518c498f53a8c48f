import type { Migration } from '../migration';

/**
 * The student's side: hubs they read from (a public or CDN base URL), the last catalog and course
 * manifests fetched from each (so the library opens offline), and watch progress per lecture.
 * Unreleased: the library and playback work may still reshape it until the first release ships.
 *
 * A lecture may be downloaded once per course version: updating a course downloads the new version
 * beside the old one, which stays playable until the new copy is complete and is removed then.
 */
export const library: Migration = {
  name: 'library',
  up(db) {
    db.exec(`
      DROP INDEX downloads_by_lecture;
      CREATE UNIQUE INDEX downloads_by_lecture_version ON downloads(hub_base, course_id, lecture_id, course_version);

      CREATE TABLE library_hubs (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        base_url   TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE catalog_cache (
        hub_id       TEXT PRIMARY KEY REFERENCES library_hubs(id) ON DELETE CASCADE,
        catalog_json TEXT NOT NULL,
        fetched_at   INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE course_cache (
        hub_id        TEXT NOT NULL REFERENCES library_hubs(id) ON DELETE CASCADE,
        course_id     TEXT NOT NULL,
        version       INTEGER NOT NULL,
        manifest_path TEXT NOT NULL,
        manifest_json TEXT NOT NULL,
        fetched_at    INTEGER NOT NULL,
        PRIMARY KEY (hub_id, course_id)
      ) STRICT, WITHOUT ROWID;

      -- Keyed by what the hub names, not by a download, so progress survives removing and re-downloading.
      CREATE TABLE watch_progress (
        hub_base     TEXT NOT NULL,
        course_id    TEXT NOT NULL,
        lecture_id   TEXT NOT NULL,
        -- The lecture's title when last watched, so "continue watching" can name it after a download is removed.
        title        TEXT NOT NULL DEFAULT '',
        position_sec REAL NOT NULL,
        duration_sec REAL NOT NULL,
        completed    INTEGER NOT NULL CHECK (completed IN (0, 1)),
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (hub_base, course_id, lecture_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX watch_progress_recent ON watch_progress(updated_at);
    `);
  },
};
