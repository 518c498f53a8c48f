import { z } from 'zod';
import { CatalogDocument, CatalogEntry } from '../downloads/manifest';
import { PAGE_MAX } from '../uploads/catalog-pages';

/**
 * What a student accepts from a paged hub (docs/HUB-FORMAT.md, "catalog.json: index and pages"). Page
 * keys are confined to `catalog/pages/<hex>.json`, so an index cannot send the library anywhere else.
 */

const PageKey = z.string().regex(/^catalog\/pages\/[0-9a-f]{16,64}\.json$/, 'must be catalog/pages/<hex>.json');
const CourseIdBound = z.string().max(64);

export const CatalogPageRef = z.object({ key: PageKey, first: CourseIdBound, last: CourseIdBound, count: z.number().int().min(0).max(PAGE_MAX) });
export type CatalogPageRef = z.infer<typeof CatalogPageRef>;

export const CatalogIndexDocument = z
  .object({
    lectern: z.literal('catalog-index'),
    schemaVersion: z.number().int().min(2),
    total: z.number().int().min(0),
    pages: z.array(CatalogPageRef).max(20_000),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.pages.forEach((p, i) => {
      if (seen.has(p.key)) ctx.addIssue({ code: 'custom', path: ['pages', i, 'key'], message: `repeats the page ${p.key}` });
      seen.add(p.key);
    });
  });
export type CatalogIndexDocument = z.infer<typeof CatalogIndexDocument>;

/** A page is a catalog of its own (the single-file format), at most PAGE_MAX courses. */
export const CatalogPageDocument = CatalogDocument.pipe(z.object({ courses: z.array(CatalogEntry).max(PAGE_MAX) }));

/** The cached form of a hub's catalog.json: a whole catalog (older hubs) or an index of pages. */
export type HubCatalogDocument = { kind: 'single'; catalog: CatalogDocument } | { kind: 'paged'; index: CatalogIndexDocument };

/** Reads either format; null when it is neither (the caller says which document was refused). */
export function parseHubCatalog(value: unknown): { ok: true; doc: HubCatalogDocument } | { ok: false; error: z.ZodError } {
  if ((value as { lectern?: unknown } | null)?.lectern === 'catalog-index') {
    const index = CatalogIndexDocument.safeParse(value);
    return index.success ? { ok: true, doc: { kind: 'paged', index: index.data } } : { ok: false, error: index.error };
  }
  const single = CatalogDocument.safeParse(value);
  return single.success ? { ok: true, doc: { kind: 'single', catalog: single.data } } : { ok: false, error: single.error };
}
