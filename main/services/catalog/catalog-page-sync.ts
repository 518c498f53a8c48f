import type { CatalogEntry } from '../downloads/manifest';
import type { StallPolicy } from '../downloads/stall-guard';
import type { CatalogIndexDocument } from './catalog-index';
import type { CatalogStore } from './catalog-store';
import { fetchCatalogPage } from './hub-documents';

const PAGE_FETCHES_IN_FLIGHT = 4;

export interface PageSync {
  store: CatalogStore;
  fetchImpl: typeof fetch;
  stall?: StallPolicy;
  signal(): AbortSignal;
}

/**
 * Fetches the pages of `index` not cached yet, the first one first (the first cards), then (unless
 * `firstOnly`) the rest a few at a time, and drops cached pages the index no longer names. Pages are
 * immutable, so a cached one is never fetched again. A page that fails is reported in `failures` and
 * fetched at the next refresh.
 */
export async function syncPages(sync: PageSync, hubId: string, base: URL, index: CatalogIndexDocument, firstOnly: boolean, failures: string[]): Promise<{ complete: boolean; changed: boolean }> {
  const have = sync.store.pageKeys(hubId);
  const missing = index.pages.filter((p) => !have.has(p.key));
  let fetched = 0; // Pages fetched or dropped: the cached entries changed.
  const fetchOne = async (ref: (typeof missing)[number]) => {
    try {
      const page = await fetchCatalogPage(base, ref, sync.signal(), sync.fetchImpl, sync.stall);
      sync.store.savePage(hubId, ref.key, page.text);
      fetched++;
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  };
  const [first, ...rest] = missing;
  if (first && (!firstOnly || first.key === index.pages[0]?.key)) await fetchOne(first);
  if (!firstOnly) {
    const queue = [...rest];
    await Promise.all(
      Array.from({ length: Math.min(PAGE_FETCHES_IN_FLIGHT, queue.length) }, async () => {
        for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) await fetchOne(ref);
      }),
    );
    if (sync.store.prunePages(hubId, index.pages.map((p) => p.key)) > 0) fetched++;
  }
  const now = sync.store.pageKeys(hubId);
  return { complete: index.pages.every((p) => now.has(p.key)), changed: fetched > 0 };
}

/** A hub's cached entries by id: the single-file catalog, or the cached pages of its index in order. */
export function cachedEntries(store: CatalogStore, hubId: string): Map<string, CatalogEntry> {
  const doc = store.catalog(hubId)?.doc;
  const byId = new Map<string, CatalogEntry>();
  if (doc?.kind === 'single') for (const c of doc.catalog.courses) byId.set(c.id, c);
  if (doc?.kind === 'paged') for (const ref of doc.index.pages) for (const c of store.page(hubId, ref.key) ?? []) byId.set(c.id, c);
  return byId;
}
