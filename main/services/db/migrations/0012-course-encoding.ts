import type { Migration } from '../migration';

/**
 * The instructor's encoding setting per course ("Smaller files / Balanced / Higher quality"), which the
 * ladder maps to its quality targets. Existing courses get 'balanced', the default.
 */
export const courseEncoding: Migration = {
  name: 'course encoding',
  up(db) {
    db.exec(`ALTER TABLE courses ADD COLUMN encoding TEXT NOT NULL DEFAULT 'balanced' CHECK (encoding IN ('smaller', 'balanced', 'higher'));`);
  },
};
