import type { Migration } from '../migration';

/**
 * App-wide settings that are not about one course or hub (today: how Lectern updates itself). One row
 * per setting, its value as JSON, so a new setting needs no migration; `AppSettings` gives each key a
 * schema and a default, and a value that no longer parses falls back to the default instead of failing.
 */
export const appSettings: Migration = {
  name: 'app settings',
  up(db) {
    db.exec(`
      CREATE TABLE app_settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
