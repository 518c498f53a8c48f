import type { Migration } from '../migration';

/**
 * Hub profiles and resumable multipart uploads. Secrets are not here: a hub's secret key and session
 * token live in the SecretStore (`hub:<id>:secret`, `hub:<id>:session`). Each part row is written the
 * moment S3 acknowledges the part, so a restarted process re-sends only what S3 never confirmed.
 */
export const hubUploads: Migration = {
  name: 'hub profiles and uploads',
  up(db) {
    db.exec(`
      CREATE TABLE hubs (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        endpoint      TEXT NOT NULL,
        region        TEXT NOT NULL,
        bucket        TEXT NOT NULL,
        key_prefix    TEXT NOT NULL DEFAULT '',
        path_style    INTEGER NOT NULL CHECK (path_style IN (0, 1)),
        access_key_id TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;

      -- scope names the store (endpoint + bucket) so the same key on two hubs never shares a record.
      CREATE TABLE multipart_uploads (
        upload_id    TEXT PRIMARY KEY,
        scope        TEXT NOT NULL,
        bucket       TEXT NOT NULL,
        object_key   TEXT NOT NULL,
        source_path  TEXT NOT NULL,
        source_size  INTEGER NOT NULL,
        source_mtime INTEGER NOT NULL,
        fingerprint  TEXT NOT NULL,
        part_size    INTEGER NOT NULL,
        created_at   INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX multipart_uploads_by_key ON multipart_uploads(scope, object_key);

      CREATE TABLE multipart_parts (
        upload_id   TEXT NOT NULL REFERENCES multipart_uploads(upload_id) ON DELETE CASCADE,
        part_number INTEGER NOT NULL,
        etag        TEXT NOT NULL,
        size        INTEGER NOT NULL,
        PRIMARY KEY (upload_id, part_number)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
