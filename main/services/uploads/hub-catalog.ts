import type { StoredDoc } from '../leases/lease';
import {
  chunk,
  compareIds,
  indexText,
  makeIndex,
  PAGE_FILL,
  pageDocument,
  pageFor,
  parseEntries,
  parseStoredCatalog,
  splitIfFull,
  type PageRef,
  type StoredCatalog,
  type StoredEntry,
} from './catalog-pages';
import type { CatalogChange, CatalogStore, CatalogWriteStats } from './catalog-update';
import { userError } from '../text/user-error';

export const CATALOG_PATH = 'catalog.json';

/** The catalog as read once: the index document (with its ETag for If-Match) and what it holds. */
export interface CatalogRead {
  doc: StoredDoc | null;
  stored: StoredCatalog;
}

/** The documents a set of changes produces: new pages first, then the index that names them. */
export interface CatalogWrite {
  pages: { key: string; text: string }[];
  index: string;
}

export const courseOf = (c: CatalogChange) => ('put' in c ? c.put.id : c.remove);

/**
 * The hub's catalog seen by a publisher: the index is always read fresh; pages are immutable, so each is
 * fetched once per process and kept. Only the pages that hold the courses being changed are read.
 */
export class HubCatalog {
  private readonly pages = new Map<string, StoredEntry[]>();

  constructor(private readonly docs: CatalogStore) {}

  async read(): Promise<CatalogRead> {
    const doc = await this.docs.read(CATALOG_PATH);
    return { doc, stored: doc ? parseStoredCatalog(doc.text, CATALOG_PATH) : { kind: 'single', courses: [] } };
  }

  /** The listed entry of each id (undefined when the catalog does not list it). */
  async lookup(read: CatalogRead, ids: readonly string[]): Promise<Map<string, StoredEntry | undefined>> {
    const out = new Map<string, StoredEntry | undefined>();
    if (read.stored.kind === 'single') {
      const byId = new Map(read.stored.courses.map((c) => [c.id, c]));
      for (const id of ids) out.set(id, byId.get(id));
      return out;
    }
    for (const id of ids) {
      const ref = pageFor(read.stored.index, id);
      out.set(id, ref ? (await this.page(ref)).find((c) => c.id === id) : undefined);
    }
    return out;
  }

  /** Every listed entry, in id order (reads every page: for tools and tests, not for a publish). */
  async all(read: CatalogRead): Promise<StoredEntry[]> {
    if (read.stored.kind === 'single') return read.stored.courses;
    const out: StoredEntry[] = [];
    for (const ref of read.stored.index.pages) out.push(...(await this.page(ref)));
    return out;
  }

  /**
   * Applies `changes` (in order) to the pages that hold their courses and returns the new pages and index.
   * A single-file catalog is paged whole on its first change (a one-time cost); after that a change to
   * one course rewrites one page, or two when its page outgrows PAGE_MAX and splits.
   */
  async plan(read: CatalogRead, changes: readonly CatalogChange[]): Promise<CatalogWrite> {
    if (read.stored.kind === 'single') {
      let courses = [...read.stored.courses].sort((a, b) => compareIds(a.id, b.id));
      for (const c of changes) courses = applyChange(c, courses);
      const docs = chunk(courses, PAGE_FILL).map(pageDocument);
      return { pages: docs.map(({ key, text }) => ({ key, text })), index: indexText(makeIndex(docs.map((d) => d.ref))) };
    }
    const index = read.stored.index;
    const touched = new Map<PageRef | null, StoredEntry[]>();
    for (const c of changes) {
      const ref = pageFor(index, courseOf(c));
      const current = touched.get(ref) ?? (ref ? await this.page(ref) : []);
      touched.set(ref, applyChange(c, current));
    }
    const pages: { key: string; text: string }[] = [];
    const refs = index.pages.filter((p) => !touched.has(p));
    for (const courses of touched.values()) {
      for (const part of splitIfFull(courses)) {
        const doc = pageDocument(part);
        this.pages.set(doc.key, part);
        pages.push({ key: doc.key, text: doc.text });
        refs.push(doc.ref);
      }
    }
    return { pages, index: indexText(makeIndex(refs.sort((a, b) => compareIds(a.first, b.first)))) };
  }

  /** Writes the pages (immutable, so unconditionally: a key's content never differs) and counts them. */
  async writePages(write: CatalogWrite, stats: CatalogWriteStats): Promise<void> {
    for (const p of write.pages) {
      if (this.docs.writeImmutable) await this.docs.writeImmutable(p.key, p.text);
      else await this.docs.write(p.key, p.text, null);
      stats.docs++;
      stats.bytes += Buffer.byteLength(p.text);
    }
  }

  private async page(ref: PageRef): Promise<StoredEntry[]> {
    const cached = this.pages.get(ref.key);
    if (cached) return cached;
    const doc = await this.docs.read(ref.key);
    if (!doc) {
      throw userError('unavailable', 'svc.uploads.pageMissing', { key: ref.key });
    }
    let v: unknown;
    try {
      v = JSON.parse(doc.text);
    } catch {
      throw userError('internal', 'svc.uploads.pageNotJson', { key: ref.key });
    }
    const courses = parseEntries((v as { courses?: unknown } | null)?.courses, ref.key);
    this.pages.set(ref.key, courses);
    return courses;
  }
}

export function applyChange(change: CatalogChange, courses: readonly StoredEntry[]): StoredEntry[] {
  if ('remove' in change) return courses.filter((c) => c.id !== change.remove);
  return [...courses.filter((c) => c.id !== change.put.id), change.put as StoredEntry].sort((a, b) => compareIds(a.id, b.id));
}

/** True when `listed` (the course's entry, if any) already shows the change. */
export function changeDone(change: CatalogChange, listed: StoredEntry | undefined): boolean {
  if ('remove' in change) return listed === undefined;
  return listed !== undefined && listed.version === change.put.version && listed.publishedAt === change.put.publishedAt;
}

/** A pending put older than the entry already listed (left by a publisher that died) must not roll it back. */
export function superseded(change: CatalogChange, listed: StoredEntry | undefined): boolean {
  return 'put' in change && listed?.version !== undefined && listed.version > change.put.version;
}
