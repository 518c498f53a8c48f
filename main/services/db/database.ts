import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations';

export type { Database };

export class SchemaTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The data in ${file} was written by a newer version of Lectern (schema ${found}; this version understands up to ${supported}). ` +
        'Update Lectern, or open a different data folder. Nothing was changed.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export const DATABASE_FILE = 'lectern.db';

/**
 * Opens (creating if needed) the database in `dataDir` and brings its schema up to date.
 * WAL + synchronous=NORMAL: a committed transaction survives a killed process; only an OS crash or
 * power loss can drop the last few commits, which autosave rewrites within a second anyway.
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = allMigrations): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Database, file: string, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  if (current > migrations.length) throw new SchemaTooNewError(file, current, migrations.length);
  migrations.forEach((m, i) => {
    const version = i + 1;
    if (version <= current) return;
    // user_version lives in the database header, so it commits or rolls back with the migration itself.
    db.transaction(() => {
      try {
        m.up(db);
      } catch (err) {
        throw new Error(`Could not upgrade ${file} to schema ${version} ("${m.name}"): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      db.pragma(`user_version = ${version}`);
    }).immediate();
  });
}
