import type { Migration } from '../migration';

export const courseDrafts: Migration = {
  name: 'course drafts',
  up(db) {
    db.exec(`
      CREATE TABLE courses (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        subtitle    TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        language    TEXT NOT NULL DEFAULT 'en',
        tags        TEXT NOT NULL DEFAULT '[]',
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sections (
        id         TEXT PRIMARY KEY,
        course_id  TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        title      TEXT NOT NULL,
        position   INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sections_by_course ON sections(course_id, position);

      CREATE TABLE lectures (
        id           TEXT PRIMARY KEY,
        section_id   TEXT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
        title        TEXT NOT NULL,
        summary      TEXT NOT NULL DEFAULT '',
        duration_sec REAL,
        free_preview INTEGER NOT NULL DEFAULT 0 CHECK (free_preview IN (0, 1)),
        status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready')),
        position     INTEGER NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX lectures_by_section ON lectures(section_id, position);

      -- Deleted subtrees, kept as JSON so a delete can be undone (also after a restart).
      CREATE TABLE trash (
        token      TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('course', 'section', 'lecture')),
        payload    TEXT NOT NULL,
        deleted_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
