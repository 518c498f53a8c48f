import type { Database } from 'better-sqlite3';

/**
 * One schema step. Its version is its position in the migration list (1-based); a released migration
 * never changes and the list is append-only.
 */
export interface Migration {
  name: string;
  up(db: Database): void;
}
