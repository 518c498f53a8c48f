import type { Migration } from '../migration';

/**
 * A download's error or notice as a message id and values (JSON of a ServiceText) next to its English
 * `error`, so the library shows a stored error in the user's language, even one written in the other
 * language's session. NULL: only the English text is known (rows from before, technical causes).
 */
export const downloadErrorText: Migration = {
  name: 'download error text',
  up(db) {
    db.exec(`ALTER TABLE downloads ADD COLUMN error_text TEXT;`);
  },
};
