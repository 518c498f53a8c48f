import { createHash } from 'node:crypto';
import type { CatalogEntry } from '../downloads/manifest';
import { userError } from '../text/user-error';

/**
 * The paged catalog (docs/HUB-FORMAT.md, "catalog.json: index and pages"): `catalog.json` is a small
 * index naming immutable, content-addressed pages of at most PAGE_MAX courses, each holding a contiguous
 * range of course ids. A change to one course rewrites its page (under a new key) and the index: two
 * documents, whatever the size of the hub. Pure: no S3 here.
 */

export const PAGE_PREFIX = 'catalog/pages/';
/** A page never holds more; a page that would is split in two halves. */
export const PAGE_MAX = 1000;
/** How full pages are made when a whole catalog is (re)paged, leaving room for new courses before a split. */
export const PAGE_FILL = 800;

/** An entry as found on the hub: at least an id; other fields (a newer Lectern's) are kept as they are. */
export type StoredEntry = { id: string } & Partial<CatalogEntry> & Record<string, unknown>;

export interface PageRef {
  key: string;
  /** Smallest and largest course id on the page (code-unit order, as `compareIds`). */
  first: string;
  last: string;
  count: number;
}

export interface CatalogIndex {
  lectern: 'catalog-index';
  schemaVersion: 2;
  /**
   * Not a list on purpose: a Lectern that predates pages refuses to publish over an index ("not a Lectern
   * catalog") instead of replacing every course with its own, and a student's older Lectern says the
   * catalog was refused instead of showing it empty.
   */
  courses: 'paged';
  total: number;
  pages: PageRef[];
}

/** What `catalog.json` holds: an index, or a whole catalog in the single-file format of older hubs. */
export type StoredCatalog = { kind: 'paged'; index: CatalogIndex } | { kind: 'single'; courses: StoredEntry[] };

/** Ids compare by UTF-16 code units, the same on every machine (localeCompare would not be). */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function parseStoredCatalog(text: string, where: string): StoredCatalog {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw userError('internal', 'svc.uploads.notJson', { where });
  }
  const doc = v as { lectern?: unknown; courses?: unknown; pages?: unknown } | null;
  if (doc?.lectern === 'catalog-index') return { kind: 'paged', index: parseIndex(doc, where) };
  const courses = doc?.courses;
  if (courses === undefined) return { kind: 'single', courses: [] };
  return { kind: 'single', courses: parseEntries(courses, where) };
}

function parseIndex(doc: { pages?: unknown }, where: string): CatalogIndex {
  const pages = doc.pages;
  const ok =
    Array.isArray(pages) &&
    pages.every((p: Partial<PageRef> | null) => typeof p?.key === 'string' && p.key.startsWith(PAGE_PREFIX) && typeof p.first === 'string' && typeof p.last === 'string' && typeof p.count === 'number');
  if (!ok) throw userError('internal', 'svc.uploads.badIndex', { where });
  const refs = (pages as PageRef[]).map((p) => ({ key: p.key, first: p.first, last: p.last, count: p.count }));
  return makeIndex(refs.sort((a, b) => compareIds(a.first, b.first)));
}

export function parseEntries(courses: unknown, where: string): StoredEntry[] {
  if (!Array.isArray(courses) || courses.some((c) => typeof (c as { id?: unknown } | null)?.id !== 'string')) {
    throw userError('internal', 'svc.uploads.notCatalog', { where });
  }
  return courses as StoredEntry[];
}

export function makeIndex(pages: PageRef[]): CatalogIndex {
  return { lectern: 'catalog-index', schemaVersion: 2, courses: 'paged', total: pages.reduce((n, p) => n + p.count, 0), pages };
}

export const indexText = (index: CatalogIndex) => `${JSON.stringify(index)}\n`;

/** A page's text and its key, named by the sha256 of that text so a key is never rewritten with other content. */
export function pageDocument(courses: readonly StoredEntry[]): { key: string; text: string; ref: PageRef } {
  const text = `${JSON.stringify({ courses })}\n`;
  const key = `${PAGE_PREFIX}${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`;
  return { key, text, ref: { key, first: courses[0]?.id ?? '', last: courses.at(-1)?.id ?? '', count: courses.length } };
}

/** The page a course id belongs to: the last whose first id is not above it (the first page for smaller ids). */
export function pageFor(index: CatalogIndex, id: string): PageRef | null {
  let found: PageRef | null = index.pages[0] ?? null;
  for (const p of index.pages) {
    if (compareIds(p.first, id) <= 0) found = p;
    else break;
  }
  return found;
}

/** Cuts sorted entries into pages of at most `size`, the last possibly shorter. */
export function chunk(courses: readonly StoredEntry[], size: number): StoredEntry[][] {
  const out: StoredEntry[][] = [];
  for (let i = 0; i < courses.length; i += size) out.push(courses.slice(i, i + size));
  return out;
}

/** A page that outgrew PAGE_MAX becomes two halves; an emptied page disappears. */
export function splitIfFull(courses: readonly StoredEntry[]): StoredEntry[][] {
  if (courses.length === 0) return [];
  if (courses.length <= PAGE_MAX) return [[...courses]];
  const pieces = Math.max(2, Math.ceil(courses.length / PAGE_FILL));
  return chunk(courses, Math.ceil(courses.length / pieces));
}
