import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { CourseManifest, type CatalogEntry } from '../downloads/manifest';
import { CatalogPageDocument, parseHubCatalog, type HubCatalogDocument } from './catalog-index';

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
  doc: HubCatalogDocument;
  /** The hub's ETag for it (revalidated with If-None-Match); null when the hub sent none. */
  etag: string | null;
  fetchedAt: number;
}

/** The hex digits a page key is named by (`catalog/pages/<hex>.json`). */
const keyDigest = (key: string) => /([0-9a-f]+)\.json$/.exec(key)?.[1] ?? '';

export interface CachedCourse {
  hubId: string;
  version: number;
  manifestPath: string;
  manifest: CourseManifest;
  fetchedAt: number;
}

/**
 * The library tables of migrations 0006, 0009 and 0013: the student's hubs and the last catalog (with its
 * ETag and, for a paged catalog, its pages) and course manifests fetched from each. Cached documents were checked when fetched and are parsed again when read, so a
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
    const row = this.db.prepare('SELECT catalog_json, etag, fetched_at FROM catalog_cache WHERE hub_id = ?').get(hubId) as
      | { catalog_json: string; etag: string | null; fetched_at: number }
      | undefined;
    if (!row) return null;
    const parsed = parseHubCatalog(JSON.parse(row.catalog_json));
    return parsed.ok ? { doc: parsed.doc, etag: row.etag, fetchedAt: row.fetched_at } : null;
  }

  saveCatalog(hubId: string, doc: HubCatalogDocument, etag: string | null): void {
    const json = JSON.stringify(doc.kind === 'single' ? doc.catalog : doc.index);
    this.db
      .prepare(
        `INSERT INTO catalog_cache (hub_id, catalog_json, etag, fetched_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (hub_id) DO UPDATE SET catalog_json = excluded.catalog_json, etag = excluded.etag, fetched_at = excluded.fetched_at`,
      )
      .run(hubId, json, etag, this.now());
  }

  /** The hub said the cached catalog is still current (304). */
  touchCatalog(hubId: string): void {
    this.db.prepare('UPDATE catalog_cache SET fetched_at = ? WHERE hub_id = ?').run(this.now(), hubId);
  }

  /**
   * A cached page of a paged catalog; null when not fetched yet (or unreadable, so fetched again). The
   * page is kept as the hub sent it, and a page whose bytes still hash to its content-addressed key is
   * the very page that passed the schema when fetched, so it is only JSON-parsed: a full check of
   * 100,000 entries at every start would cost seconds. Anything else (a hub that names pages another
   * way, an edited row) goes through the schema again.
   */
  page(hubId: string, key: string): CatalogEntry[] | null {
    const row = this.db.prepare('SELECT courses_json FROM catalog_pages WHERE hub_id = ? AND page_key = ?').get(hubId, key) as { courses_json: string } | undefined;
    if (!row) return null;
    const digest = keyDigest(key);
    try {
      const value = JSON.parse(row.courses_json) as unknown;
      if (digest !== '' && createHash('sha256').update(row.courses_json).digest('hex').startsWith(digest)) return (value as { courses: CatalogEntry[] }).courses;
      const parsed = CatalogPageDocument.safeParse(value);
      return parsed.success ? parsed.data.courses : null;
    } catch {
      return null;
    }
  }

  pageKeys(hubId: string): Set<string> {
    const rows = this.db.prepare('SELECT page_key FROM catalog_pages WHERE hub_id = ?').all(hubId) as { page_key: string }[];
    return new Set(rows.map((r) => r.page_key));
  }

  /** `text` is the page as fetched, already checked against the schema. */
  savePage(hubId: string, key: string, text: string): void {
    this.db
      .prepare('INSERT INTO catalog_pages (hub_id, page_key, courses_json, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (hub_id, page_key) DO NOTHING')
      .run(hubId, key, text, this.now());
  }

  /** Pages the current index no longer names are dropped (a page never changes, it is replaced). */
  prunePages(hubId: string, keep: readonly string[]): number {
    const keepSet = new Set(keep);
    const del = this.db.prepare('DELETE FROM catalog_pages WHERE hub_id = ? AND page_key = ?');
    let removed = 0;
    for (const key of this.pageKeys(hubId)) if (!keepSet.has(key)) removed += del.run(hubId, key).changes;
    return removed;
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

  /** Tags of the cached manifests by course (read in SQLite: parsing 100,000 manifests to search them would not do). */
  manifestTags(hubId: string): Map<string, string[]> {
    const rows = this.db.prepare("SELECT course_id, json_extract(manifest_json, '$.tags') AS tags FROM course_cache WHERE hub_id = ?").all(hubId) as { course_id: string; tags: string | null }[];
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const tags = z.array(z.string()).safeParse(r.tags === null ? [] : JSON.parse(r.tags));
      if (tags.success && tags.data.length > 0) out.set(r.course_id, tags.data);
    }
    return out;
  }

  /** The version of every cached manifest of the hub, in one query. */
  courseVersions(hubId: string): Map<string, number> {
    const rows = this.db.prepare('SELECT course_id, version FROM course_cache WHERE hub_id = ?').all(hubId) as { course_id: string; version: number }[];
    return new Map(rows.map((r) => [r.course_id, r.version]));
  }

  /** Courses that left the hub's catalog are forgotten; their downloads stay playable. */
  pruneCourses(hubId: string, keep: readonly string[]): void {
    const rows = this.db.prepare('SELECT course_id FROM course_cache WHERE hub_id = ?').all(hubId) as { course_id: string }[];
    const del = this.db.prepare('DELETE FROM course_cache WHERE hub_id = ? AND course_id = ?');
    const keepSet = new Set(keep);
    for (const r of rows) if (!keepSet.has(r.course_id)) del.run(hubId, r.course_id);
  }
}
