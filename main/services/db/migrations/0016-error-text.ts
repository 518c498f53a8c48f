import type { Migration } from '../migration';

/**
 * A stored error's sentence as a message id and values (JSON of a ServiceText), next to its English text,
 * so a failed or interrupted publish, media job or take shown later is said in the UI's language. Null for errors that have
 * no message id (technical causes, classified hub failures): the UI then words them from `error`.
 * Numbered 0016 because 0015 was taken by another branch at the same time; its version is its place in the list.
 */
export const storedErrorText: Migration = {
  name: 'stored error text',
  up(db) {
    db.exec(`
      ALTER TABLE publish_runs ADD COLUMN error_text TEXT;
      ALTER TABLE media_jobs ADD COLUMN error_text TEXT;
      ALTER TABLE recording_takes ADD COLUMN error_text TEXT;
    `);
  },
};
