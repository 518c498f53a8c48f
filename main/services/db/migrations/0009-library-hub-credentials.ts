import type { Migration } from '../migration';

/**
 * A library hub may be a private bucket read with read-only S3 credentials. Only what is not secret
 * lives here — the access key id (shown to the student), the region the requests are signed for and
 * when a session token expires (so an expired one is refused before any request). The secret access
 * key and the session token are in the SecretStore (`library-hub:<id>`). All three are NULL for a hub
 * added by its public or CDN address.
 */
export const libraryHubCredentials: Migration = {
  name: 'library hub credentials',
  up(db) {
    db.exec(`
      ALTER TABLE library_hubs ADD COLUMN access_key_id TEXT;
      ALTER TABLE library_hubs ADD COLUMN region TEXT;
      ALTER TABLE library_hubs ADD COLUMN session_expires_at INTEGER;
    `);
  },
};
