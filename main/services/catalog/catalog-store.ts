import type { Database } from 'better-sqlite3';
import { CatalogDocument, CourseManifest } from '../downloads/manifest';

export interface HubRow {
  id: string;
  name: string;
  baseUrl: string;
  createdAt: number;
  /** Set when the hub is read with S3 credentials (the secret is in the SecretStore, never here). */
  auth: HubAuthRow | null;
}

/** What is not secret about a hub's read-only credentials. */
export interface HubAuthRow {
  accessKeyId: string;
  region: string;
  sessionExpiresAt: number | null;
}

interface HubRecord {
  id: string;
  name: string;
  base_url: string;
  created_at: number;
  access_key_id: string | null;
  region: string | null;
  session_expires_at: number | null;
}

export interface CachedCatalog {
  catalog: CatalogDocument;
  fetchedAt: number;
}

export interface CachedCourse {
  hubId: string;
  version: number;
  manifestPath: string;
  manifest: CourseManifest;
  fetchedAt: number;
}

/**
 * The library tables of migrations 0006 and 0009: the student's hubs and the last catalog and course manifests
 * fetched from each. Cached documents were checked when fetched and are parsed again when read, so a
 * row written by an older Lectern (or edited by hand) cannot bypass the schema.
 */
export class CatalogStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  hubs(): HubRow[] {
    const rows = this.db
      .prepare('SELECT id, name, base_url, created_at, access_key_id, region, session_expires_at FROM library_hubs ORDER BY created_at')
      .all() as HubRecord[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      baseUrl: r.base_url,
      createdAt: r.created_at,
      auth: r.access_key_id === null ? null : { accessKeyId: r.access_key_id, region: r.region ?? 'us-east-1', sessionExpiresAt: r.session_expires_at },
    }));
  }

  hub(id: string): HubRow | null {
    return this.hubs().find((h) => h.id === id) ?? null;
  }

  hubByBase(baseUrl: string): HubRow | null {
    return this.hubs().find((h) => h.baseUrl === baseUrl) ?? null;
  }

  addHub(id: string, name: string, baseUrl: string, auth: HubAuthRow | null = null): void {
    this.db
      .prepare('INSERT INTO library_hubs (id, name, base_url, created_at, access_key_id, region, session_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, name, baseUrl, this.now(), auth?.accessKeyId ?? null, auth?.region ?? null, auth?.sessionExpiresAt ?? null);
  }

  /** Replaces what is not secret about the hub's credentials (null: the hub is read without them). */
  setHubAuth(id: string, auth: HubAuthRow | null): void {
    this.db
      .prepare('UPDATE library_hubs SET access_key_id = ?, region = ?, session_expires_at = ? WHERE id = ?')
      .run(auth?.accessKeyId ?? null, auth?.region ?? null, auth?.sessionExpiresAt ?? null, id);
  }

  removeHub(id: string): void {
    this.db.prepare('DELETE FROM library_hubs WHERE id = ?').run(id);
  }

  catalog(hubId: string): CachedCatalog | null {
    const row = this.db.prepare('SELECT catalog_json, fetched_at FROM catalog_cache WHERE hub_id = ?').get(hubId) as { catalog_json: string; fetched_at: number } | undefined;
    if (!row) return null;
    const parsed = CatalogDocument.safeParse(JSON.parse(row.catalog_json));
    return parsed.success ? { catalog: parsed.data, fetchedAt: row.fetched_at } : null;
  }

  saveCatalog(hubId: string, catalog: CatalogDocument): void {
    this.db
      .prepare('INSERT INTO catalog_cache (hub_id, catalog_json, fetched_at) VALUES (?, ?, ?) ON CONFLICT (hub_id) DO UPDATE SET catalog_json = excluded.catalog_json, fetched_at = excluded.fetched_at')
      .run(hubId, JSON.stringify(catalog), this.now());
  }

  course(hubId: string, courseId: string): CachedCourse | null {
    const row = this.db
      .prepare('SELECT version, manifest_path, manifest_json, fetched_at FROM course_cache WHERE hub_id = ? AND course_id = ?')
      .get(hubId, courseId) as { version: number; manifest_path: string; manifest_json: string; fetched_at: number } | undefined;
    if (!row) return null;
    const parsed = CourseManifest.safeParse(JSON.parse(row.manifest_json));
    return parsed.success ? { hubId, version: row.version, manifestPath: row.manifest_path, manifest: parsed.data, fetchedAt: row.fetched_at } : null;
  }

  saveCourse(hubId: string, manifestPath: string, manifest: CourseManifest): void {
    this.db
      .prepare(
        `INSERT INTO course_cache (hub_id, course_id, version, manifest_path, manifest_json, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (hub_id, course_id) DO UPDATE SET version = excluded.version, manifest_path = excluded.manifest_path,
           manifest_json = excluded.manifest_json, fetched_at = excluded.fetched_at`,
      )
      .run(hubId, manifest.courseId, manifest.version, manifestPath, JSON.stringify(manifest), this.now());
  }

  /** Courses that left the hub's catalog are forgotten; their downloads stay playable. */
  pruneCourses(hubId: string, keep: readonly string[]): void {
    const rows = this.db.prepare('SELECT course_id FROM course_cache WHERE hub_id = ?').all(hubId) as { course_id: string }[];
    const del = this.db.prepare('DELETE FROM course_cache WHERE hub_id = ? AND course_id = ?');
    const keepSet = new Set(keep);
    for (const r of rows) if (!keepSet.has(r.course_id)) del.run(hubId, r.course_id);
  }
}
