import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, schemaVersion, SchemaTooNewError } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import type { Migration } from '../../../main/services/db/migration';
import { tempDir } from '../../helpers/tmp';

describe('openDatabase', () => {
  const tmp = tempDir();
  afterEach(() => fs.rmSync(tmp.dir, { recursive: true, force: true }));

  it('creates the schema with WAL, foreign keys and user_version', () => {
    const db = openDatabase(tmp.dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('is idempotent across reopen', () => {
    openDatabase(tmp.dir).close();
    const db = openDatabase(tmp.dir);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('refuses a data folder written by a newer schema and leaves it untouched', () => {
    openDatabase(tmp.dir).close();
    const file = path.join(tmp.dir, DATABASE_FILE);
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(tmp.dir)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(tmp.dir)).toThrow(/newer version of Lectern/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls back a failing migration entirely, including user_version', () => {
    const broken: Migration[] = [
      ...migrations,
      {
        name: 'half done',
        up(db) {
          db.exec('CREATE TABLE half (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => openDatabase(tmp.dir, broken)).toThrow(new RegExp(`schema ${migrations.length + 1} \\("half done"\\): boom`));
    const db = openDatabase(tmp.dir);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

});
