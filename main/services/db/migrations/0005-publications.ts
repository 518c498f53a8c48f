import type { Migration } from '../migration';

/**
 * Publishing runs and what each course last published to each hub. A run's files are planned and
 * uploaded by the upload engine (whose multipart state lives in 0003); this records the run as the
 * instructor sees it, so the queue view and "published v3 at …" survive a restart.
 * Unreleased: the publishing work may still reshape it until the first release ships.
 */
export const publications: Migration = {
  name: 'publications',
  up(db) {
    db.exec(`
      CREATE TABLE publish_runs (
        id             TEXT PRIMARY KEY,
        course_id      TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        hub_id         TEXT NOT NULL REFERENCES hubs(id) ON DELETE CASCADE,
        state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'failed', 'done', 'cancelled')),
        -- A sentence for the user, and the kind of hub failure ('credentials-expired', …) the UI branches on.
        error          TEXT,
        error_reason   TEXT,
        files_total    INTEGER NOT NULL DEFAULT 0,
        files_done     INTEGER NOT NULL DEFAULT 0,
        files_skipped  INTEGER NOT NULL DEFAULT 0,
        bytes_total    INTEGER NOT NULL DEFAULT 0,
        bytes_done     INTEGER NOT NULL DEFAULT 0,
        version        INTEGER,
        -- Upload cap for this run in bytes per second; NULL for none.
        bandwidth_limit INTEGER,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        finished_at    INTEGER,
        -- The process running it, so another process (the CLI beside the app) never takes a live run for an interrupted one.
        owner_pid      INTEGER
      ) STRICT;
      CREATE INDEX publish_runs_by_course ON publish_runs(course_id, created_at);

      CREATE TABLE publications (
        course_id    TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        hub_id       TEXT NOT NULL REFERENCES hubs(id) ON DELETE CASCADE,
        version      INTEGER NOT NULL,
        manifest_key TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        PRIMARY KEY (course_id, hub_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
