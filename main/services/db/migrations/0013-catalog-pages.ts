import type { Migration } from '../migration';

/**
 * Paged hub catalogs (docs/HUB-FORMAT.md): the ETag of the cached catalog.json, so a refresh revalidates
 * with If-None-Match and an unchanged hub costs a 304, and the pages of a paged catalog, kept by their
 * immutable keys so each is fetched once.
 */
export const catalogPages: Migration = {
  name: 'catalog pages',
  up(db) {
    db.exec(`
      ALTER TABLE catalog_cache ADD COLUMN etag TEXT;

      CREATE TABLE catalog_pages (
        hub_id       TEXT NOT NULL REFERENCES library_hubs(id) ON DELETE CASCADE,
        page_key     TEXT NOT NULL,
        courses_json TEXT NOT NULL,
        fetched_at   INTEGER NOT NULL,
        PRIMARY KEY (hub_id, page_key)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
