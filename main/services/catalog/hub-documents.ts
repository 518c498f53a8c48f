import { z } from 'zod';
import { fetchDocumentGuarded, revalidateDocumentGuarded, type StallPolicy } from '../downloads/stall-guard';
import { MAX_MANIFEST_BYTES, parseCourseManifest, type CatalogEntry, type CourseManifest } from '../downloads/manifest';
import { resolveHubUri } from '../hls/hub-uri';
import { CatalogPageDocument, parseHubCatalog, type CatalogPageRef, type HubCatalogDocument } from './catalog-index';

/**
 * Reading a hub's browsing documents (docs/HUB-FORMAT.md): `catalog.json`, then a course's `latest.json`,
 * then the `course.json` it points at. Same rules as downloads: every URL resolved under the hub base,
 * every body size-capped, every document schema-checked, ids cross-checked between the three.
 */

const MAX_CATALOG_BYTES = 4 * 1024 * 1024;
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const CATALOG_LABEL = 'The hub catalog (catalog.json)';
const MAX_POINTER_BYTES = 16 * 1024;

const HubKey = z.string().min(1).max(512);

export const LatestPointer = z.object({
  courseId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  version: z.number().int().min(1).max(1_000_000),
  manifest: HubKey,
  publishedAt: z.string().max(40).optional(),
});
export type LatestPointer = z.infer<typeof LatestPointer>;

export interface FetchedCourse {
  manifestPath: string;
  manifest: CourseManifest;
}

async function fetchJson(key: string, base: URL, maxBytes: number, label: string, signal: AbortSignal, fetchImpl: typeof fetch, stall?: StallPolicy): Promise<unknown> {
  const { url } = resolveHubUri(key, base, base, label);
  const body = await fetchDocumentGuarded(url, base, maxBytes, label, signal, fetchImpl, stall);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new Error(`${label} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function refused(label: string, error: z.ZodError): Error {
  const problems = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'} ${i.message}`);
  return new Error(`${label} was refused: ${problems.join('; ')}.`);
}

function parseJson(body: Buffer, label: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new Error(`${label} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A catalog.json as fetched: unchanged since the cached ETag, or either format with its new ETag. */
export type FetchedCatalog = { notModified: true } | { notModified: false; doc: HubCatalogDocument; etag: string | null; bytes: number };

/** catalog.json, revalidated with If-None-Match when `etag` (the cached copy's) is given. */
export async function fetchCatalog(base: URL, signal: AbortSignal, fetchImpl: typeof fetch = fetch, stall?: StallPolicy, etag: string | null = null): Promise<FetchedCatalog> {
  const { url } = resolveHubUri('catalog.json', base, base, CATALOG_LABEL);
  const got = await revalidateDocumentGuarded(url, base, MAX_CATALOG_BYTES, CATALOG_LABEL, etag, signal, fetchImpl, stall);
  if (got.notModified) return got;
  const parsed = parseHubCatalog(parseJson(got.body, CATALOG_LABEL));
  if (!parsed.ok) throw refused(CATALOG_LABEL, parsed.error);
  return { notModified: false, doc: parsed.doc, etag: got.etag, bytes: got.body.length };
}

/** One page of a paged catalog (immutable: fetched once, then kept). */
export async function fetchCatalogPage(base: URL, ref: CatalogPageRef, signal: AbortSignal, fetchImpl: typeof fetch = fetch, stall?: StallPolicy): Promise<{ courses: CatalogEntry[]; text: string; bytes: number }> {
  const label = `The catalog page ${ref.key}`;
  const { url } = resolveHubUri(ref.key, base, base, label);
  const body = await fetchDocumentGuarded(url, base, MAX_PAGE_BYTES, label, signal, fetchImpl, stall);
  const parsed = CatalogPageDocument.safeParse(parseJson(body, label));
  if (!parsed.success) throw refused(label, parsed.error);
  return { courses: parsed.data.courses, text: body.toString('utf8'), bytes: body.length };
}

/** latest.json, then the manifest it names; both must be about the catalog entry's course. */
export async function fetchCourse(base: URL, entry: CatalogEntry, signal: AbortSignal, fetchImpl: typeof fetch = fetch, stall?: StallPolicy): Promise<FetchedCourse> {
  const pointerLabel = `The latest-version pointer of "${entry.title}" (${entry.latest})`;
  const pointer = LatestPointer.safeParse(await fetchJson(entry.latest, base, MAX_POINTER_BYTES, pointerLabel, signal, fetchImpl, stall));
  if (!pointer.success) throw refused(pointerLabel, pointer.error);
  if (pointer.data.courseId !== entry.id) throw new Error(`${pointerLabel} is about course ${pointer.data.courseId}, not ${entry.id}.`);

  const manifestLabel = `The manifest of "${entry.title}" (${pointer.data.manifest})`;
  const { url } = resolveHubUri(pointer.data.manifest, base, base, manifestLabel);
  const text = (await fetchDocumentGuarded(url, base, MAX_MANIFEST_BYTES, manifestLabel, signal, fetchImpl, stall)).toString('utf8');
  const manifest = parseCourseManifest(text, manifestLabel);
  if (manifest.courseId !== entry.id || manifest.version !== pointer.data.version) {
    throw new Error(`${manifestLabel} is course ${manifest.courseId} version ${manifest.version}; latest.json promised ${entry.id} version ${pointer.data.version}.`);
  }
  return { manifestPath: pointer.data.manifest, manifest };
}
