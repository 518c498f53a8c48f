import type { Migration } from '../migration';

/**
 * Recording takes: the journal of the recording studio. A row is updated only after its slice is on disk
 * (write + fdatasync), so `bytes` never counts more than the file holds; on recovery the file is cut back to
 * `bytes`. No foreign key to lectures, like media_sources: a lecture deleted to the trash can be restored,
 * and its takes must still be there. `owner_pid` + `owner_started` (the process start time) tell a take
 * whose recorder was killed from one another live process (the app, while the CLI opens the same folder)
 * is recording; the start time keeps a reused pid from passing for the owner.
 * `in_use` holds the `imported_at` of the lecture source made from this take: the take is the lecture's
 * video only while that source is still the one imported, so importing another file clears it by itself.
 */
export const recordingTakes: Migration = {
  name: 'recording takes',
  up(db) {
    db.exec(`
      CREATE TABLE recording_takes (
        id            TEXT PRIMARY KEY,
        lecture_id    TEXT NOT NULL,
        name          TEXT NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('recording', 'paused', 'unfinished', 'finalizing', 'ready', 'failed')),
        mime_type     TEXT NOT NULL,
        tracks        TEXT NOT NULL,
        layout        TEXT,
        file_name     TEXT NOT NULL,
        final_name    TEXT,
        bytes         INTEGER NOT NULL DEFAULT 0,
        chunks        INTEGER NOT NULL DEFAULT 0,
        duration_ms   INTEGER NOT NULL DEFAULT 0,
        owner_pid     INTEGER,
        owner_started TEXT,
        created_at    INTEGER NOT NULL,
        finished_at   INTEGER,
        trim          TEXT,
        in_use        INTEGER,
        deleted_at    INTEGER,
        error         TEXT
      ) STRICT;
      CREATE INDEX recording_takes_by_lecture ON recording_takes(lecture_id, created_at);
      CREATE INDEX recording_takes_by_state ON recording_takes(state);
    `);
  },
};
