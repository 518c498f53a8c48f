import type { Database } from 'better-sqlite3';
import type { Hub } from '../../contract/domains/publishing-types';

/** A hub as stored in SQLite: what the UI sees of it, except what only the keychain knows and what is derived. */
export type HubRecord = Omit<Hub, 'hasSessionToken' | 'sessionExpiresAt' | 'shareAddress'>;

interface HubRow {
  id: string;
  name: string;
  endpoint: string;
  region: string;
  bucket: string;
  key_prefix: string;
  path_style: number;
  access_key_id: string;
  created_at: number;
  updated_at: number;
}

/** The `hubs` table (migration 0003). */
export class HubStore {
  constructor(private readonly db: Database) {}

  list(): HubRecord[] {
    return (this.db.prepare('SELECT * FROM hubs ORDER BY created_at, id').all() as HubRow[]).map(toRecord);
  }

  get(id: string): HubRecord | null {
    const row = this.db.prepare('SELECT * FROM hubs WHERE id = ?').get(id) as HubRow | undefined;
    return row ? toRecord(row) : null;
  }

  upsert(r: HubRecord): void {
    this.db
      .prepare(
        `INSERT INTO hubs (id, name, endpoint, region, bucket, key_prefix, path_style, access_key_id, created_at, updated_at)
         VALUES (@id, @name, @endpoint, @region, @bucket, @keyPrefix, @pathStyle, @accessKeyId, @createdAt, @updatedAt)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, endpoint = excluded.endpoint, region = excluded.region,
           bucket = excluded.bucket, key_prefix = excluded.key_prefix, path_style = excluded.path_style,
           access_key_id = excluded.access_key_id, updated_at = excluded.updated_at`,
      )
      .run({ ...r, pathStyle: r.pathStyle ? 1 : 0 });
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM hubs WHERE id = ?').run(id).changes > 0;
  }
}

function toRecord(r: HubRow): HubRecord {
  return {
    id: r.id,
    name: r.name,
    endpoint: r.endpoint,
    region: r.region,
    bucket: r.bucket,
    keyPrefix: r.key_prefix,
    pathStyle: r.path_style === 1,
    accessKeyId: r.access_key_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
