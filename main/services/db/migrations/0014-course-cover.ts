import type { Migration } from '../migration';

/**
 * A course's cover image: the processed JPEG lives in `<data>/covers/<sha256>.jpg`, named by its content,
 * and this row points a course at it. No foreign key to courses: a course deleted to the trash keeps its
 * cover for the undo (rows of courses that are gone for good are swept when Lectern opens).
 * Named 0014 because another branch took 0013 at the same time; its version is its place in the list.
 */
export const courseCover: Migration = {
  name: 'course cover',
  up(db) {
    db.exec(`
      CREATE TABLE course_covers (
        course_id   TEXT PRIMARY KEY,
        sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
        bytes       INTEGER NOT NULL,
        width       INTEGER NOT NULL,
        height      INTEGER NOT NULL,
        source_name TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX course_covers_by_sha ON course_covers(sha256);
    `);
  },
};
