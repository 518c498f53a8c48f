import type { CatalogLoading } from '../../contract/domains/library';
import type { CatalogEntry } from '../downloads/manifest';
import { CatalogSearch, listedEntry, type ListedEntry } from './catalog-search';
import type { CatalogStore } from './catalog-store';

/**
 * Reading every hub's cached catalog from SQLite into memory, a page at a time. At 100,000 courses the
 * whole read (parse and hash-check 25 MB of pages, build the search text) takes over a second, so a
 * restarted app would wait that long for its first cards. Instead the first cached page of each hub is
 * read at once (the first cards), and the rest one page per event-loop turn, so the app answers meanwhile.
 * While it runs, a search covers only the courses read so far, and says how many (`progress`).
 */
export class CatalogLoad {
  /** Each hub's entries by id, once all of its pages are read (what `cachedEntries` would return). */
  readonly entries = new Map<string, Map<string, CatalogEntry>>();
  /** Resolves with the search over every course when done; null when cancelled (the cache changed). */
  readonly done: Promise<CatalogSearch | null>;
  private readonly listed = new Map<string, Map<string, ListedEntry>>();
  private readonly steps: (() => void)[] = [];
  private readonly total: number;
  private loadedCount = 0;
  private cancelled = false;
  private finish: (search: CatalogSearch | null) => void = () => {};

  constructor(
    private readonly store: CatalogStore,
    hubIds: readonly string[],
  ) {
    let total = 0;
    const firsts: (() => void)[] = [];
    for (const hubId of hubIds) {
      const doc = store.catalog(hubId)?.doc;
      if (!doc) continue;
      // Tags of manifests already read count too: older catalogs carry none in their entries.
      const tags = store.manifestTags(hubId);
      const byId = new Map<string, CatalogEntry>();
      const listed = new Map<string, ListedEntry>();
      this.listed.set(hubId, listed);
      const add = (courses: readonly CatalogEntry[]) => {
        for (const c of courses) {
          if (!byId.has(c.id)) this.loadedCount++;
          byId.set(c.id, c);
          listed.set(c.id, listedEntry(hubId, c, tags.get(c.id)));
        }
      };
      const complete = () => this.entries.set(hubId, byId);
      if (doc.kind === 'single') {
        total += doc.catalog.courses.length;
        firsts.push(() => (add(doc.catalog.courses), complete()));
        continue;
      }
      total += doc.index.total;
      const refs = doc.index.pages;
      if (refs.length === 0) firsts.push(complete);
      refs.forEach((ref, i) => {
        const step = () => {
          add(store.page(hubId, ref.key) ?? []);
          if (i === refs.length - 1) complete();
        };
        (i === 0 ? firsts : this.steps).push(step);
      });
    }
    this.total = total;
    this.done = new Promise((resolve) => (this.finish = resolve));
    for (const first of firsts) first();
  }

  /** Pages not read yet. */
  get pending(): number {
    return this.steps.length;
  }

  /** Reads the remaining pages, one per event-loop turn (the first ones were read by the constructor). */
  start(): this {
    const next = () => {
      if (this.cancelled) return;
      const step = this.steps.shift();
      if (!step) return this.finish(this.search());
      try {
        step();
      } catch {
        // The database went away (the app is closing): nothing is left to load into.
        return this.cancel();
      }
      setImmediate(next);
    };
    setImmediate(next);
    return this;
  }

  /** The cache changed under the load: it stops, and `done` resolves with null. */
  cancel(): void {
    this.cancelled = true;
    this.finish(null);
  }

  /** A search over the courses read so far. */
  search(): CatalogSearch {
    const all: ListedEntry[] = [];
    for (const hub of this.listed.values()) for (const e of hub.values()) all.push(e);
    return new CatalogSearch(all);
  }

  progress(): CatalogLoading {
    return { searched: this.loadedCount, total: Math.max(this.total, this.loadedCount) };
  }
}
