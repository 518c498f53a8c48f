import { parseStoredCatalog, type StoredEntry } from '../../main/services/uploads/catalog-pages';

/**
 * Every entry of a hub's catalog as the publisher left it: the single-file format's list, or the index's
 * pages in order. `getText(key)` reads an object under `prefix` (it may throw for a missing one).
 */
export async function readHubCatalog(getText: (key: string) => Promise<string>, prefix: string): Promise<{ courses: StoredEntry[] }> {
  const stored = parseStoredCatalog(await getText(`${prefix}catalog.json`), 'catalog.json');
  if (stored.kind === 'single') return { courses: stored.courses };
  const courses: StoredEntry[] = [];
  for (const page of stored.index.pages) courses.push(...(JSON.parse(await getText(`${prefix}${page.key}`)) as { courses: StoredEntry[] }).courses);
  return { courses };
}
