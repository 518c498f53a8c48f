import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../../main/services/catalog/catalog-service';
import { CatalogStore } from '../../../main/services/catalog/catalog-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import type { CatalogEntry } from '../../../main/services/downloads/manifest';
import { LeaseManager } from '../../../main/services/leases/lease';
import { PAGE_PREFIX } from '../../../main/services/uploads/catalog-pages';
import { updateCatalog } from '../../../main/services/uploads/catalog-update';
import { MemoryHub } from '../../helpers/memory-hub';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-paged-');
let run = 0;
const closers: (() => void)[] = [];
afterAll(() => tmp.cleanup());
afterEach(() => closers.splice(0).forEach((c) => c()));

const entry = (id: string, title: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id,
  title,
  version: 1,
  latest: `courses/${id}/latest.json`,
  publishedAt: '2026-12-01T10:00:00.000Z',
  ...extra,
});

function library() {
  const db = openDatabase(`${tmp.dir}/data-${++run}`, migrations);
  closers.push(() => db.close());
  return { db, service: new CatalogService({ db, downloads: () => [] }), store: new CatalogStore(db) };
}

async function publish(hub: MemoryHub, e: CatalogEntry): Promise<{ docs: number; bytes: number }> {
  return updateCatalog(hub, new LeaseManager(hub, { owner: 'o', host: 'h', pid: 1 }), { put: e });
}

/** A hub of `n` courses paged as the publisher leaves it: the old single-file catalog, then one publish. */
async function pagedHub(n: number): Promise<MemoryHub> {
  const hub = new MemoryHub();
  const courses = Array.from({ length: n }, (_, i) => entry(`c${String(i).padStart(5, '0')}`, `Course ${i}`));
  hub.put('catalog.json', JSON.stringify({ courses: courses.slice(0, -1) }));
  await publish(hub, courses.at(-1)!);
  await hub.listen();
  return hub;
}

describe('paged catalog in the library', () => {
  let hub: MemoryHub;
  beforeAll(async () => {
    hub = await pagedHub(2000);
  });
  afterAll(() => hub.close());

  it('fetches the index and the first page first, the rest on a full refresh; an unchanged hub then costs one 304', async () => {
    const { service, store } = library();
    store.addHub('h1', 'Hub', hub.url);
    hub.served.length = 0;
    const first = await service.refresh('h1', { firstPageOnly: true, limit: 20 });
    expect(hub.served.map((s) => s.key)).toEqual(['catalog.json', expect.stringMatching(/^catalog\/pages\//)]);
    expect(first.courses).toHaveLength(20);
    expect(first.total).toBeGreaterThan(0);
    expect(first.total).toBeLessThan(2000);

    hub.served.length = 0;
    const full = await service.refresh('h1');
    // The index again (unchanged: 304) and only the pages not cached yet.
    expect(hub.served[0]).toEqual({ key: 'catalog.json', status: 304, bytes: 0 });
    expect(hub.served.slice(1).every((s) => s.status === 200 && s.key.startsWith(PAGE_PREFIX))).toBe(true);
    expect(full.total).toBe(2000);
    expect(full.hubs[0]?.courseCount).toBe(2000);

    hub.served.length = 0;
    const before = hub.sentBytes();
    await service.refresh('h1');
    expect(hub.served).toEqual([{ key: 'catalog.json', status: 304, bytes: 0 }]);
    expect(hub.sentBytes() - before).toBeLessThan(1024);

    // One course republished: the index and its one new page are fetched, nothing else.
    const written = await publish(hub, entry('c00500', 'Course 500 (v2)', { version: 2 }));
    expect(written.docs).toBe(2);
    hub.served.length = 0;
    const after = await service.refresh('h1');
    expect(hub.served.map((s) => [s.key.startsWith(PAGE_PREFIX) ? 'page' : s.key, s.status])).toEqual([
      ['catalog.json', 200],
      ['page', 200],
    ]);
    expect(service.list('(v2)').courses.map((c) => c.courseId)).toEqual(['c00500']);
    expect(after.total).toBe(2000);
    // Pages the index no longer names are dropped from the cache.
    const index = JSON.parse(hub.objects.get('catalog.json')!.text) as { pages: { key: string }[] };
    expect([...store.pageKeys('h1')].sort()).toEqual(index.pages.map((p) => p.key).sort());
  });

  it('opens from the cache after a restart without touching the network', async () => {
    const { db, service, store } = library();
    store.addHub('h1', 'Hub', hub.url);
    await service.refresh('h1');
    hub.served.length = 0;
    const again = new CatalogService({ db, downloads: () => [] });
    await again.loaded();
    const view = again.list('', { limit: 5 });
    expect(view).toMatchObject({ total: 2000, courses: [{ courseId: 'c00000' }, { courseId: 'c00001' }, {}, {}, {}] });
    expect(view.loading).toBeUndefined();
    expect(hub.served).toEqual([]);
  });

  it('lists the first cached page at once after a restart, says what is still loading, then searches every course', async () => {
    const { db, service, store } = library();
    store.addHub('h1', 'Hub', hub.url);
    await service.refresh('h1');
    const index = JSON.parse(hub.objects.get('catalog.json')!.text) as { pages: { key: string; count: number }[] };
    expect(index.pages.length).toBeGreaterThan(1);
    const again = new CatalogService({ db, downloads: () => [] });
    const first = again.list('', { limit: 5 });
    // Only the first page was read: its courses are listed, the rest are counted as not searched yet.
    expect(first.loading).toEqual({ searched: index.pages[0]!.count, total: 2000 });
    expect(first.total).toBe(index.pages[0]!.count);
    expect(first.courses).toHaveLength(5);
    // A course of the last page is not found yet; once loaded it is, and nothing says "loading" any more.
    expect(again.list('Course 1999').courses).toHaveLength(0);
    await again.loaded();
    const done = again.list('Course 1999');
    expect(done.courses.map((c) => c.courseId)).toEqual(['c01999']);
    expect(done.loading).toBeUndefined();
    expect(again.list('').total).toBe(2000);
  });

  it('a catalog of one page is whole at the first list after a restart: nothing says loading', async () => {
    const small = new MemoryHub();
    small.put('catalog.json', JSON.stringify({ courses: [entry('a1', 'Alpha')] }));
    await publish(small, entry('b2', 'Beta'));
    await small.listen();
    try {
      const { db, service, store } = library();
      store.addHub('h2', 'Small', small.url);
      await service.refresh('h2');
      const again = new CatalogService({ db, downloads: () => [] });
      const view = again.list('');
      expect(view.total).toBe(2);
      expect(view.loading).toBeUndefined();
      await again.loaded();
    } finally {
      await small.close();
    }
  });

  it('a publish seen while the cache is still loading restarts the load: the refresh lists the new course too', async () => {
    const own = await pagedHub(1700);
    try {
      const { db, service, store } = library();
      store.addHub('h3', 'Own', own.url);
      await service.refresh('h3');
      const again = new CatalogService({ db, downloads: () => [] });
      expect(again.list('').loading).toBeDefined();
      await publish(own, entry('z9999', 'Zeta new'));
      const view = await again.refresh('h3');
      expect(view).toMatchObject({ total: 1701 });
      expect(view.loading).toBeUndefined();
      expect(again.list('Zeta new').courses.map((c) => c.courseId)).toEqual(['z9999']);
    } finally {
      await own.close();
    }
  });

  it('stops quietly when the database closes while the cache is loading (the app quitting)', async () => {
    const { db, service, store } = library();
    store.addHub('h1', 'Hub', hub.url);
    await service.refresh('h1');
    const again = new CatalogService({ db, downloads: () => [] });
    expect(again.list('').loading).toBeDefined();
    db.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it('a refresh right after a restart returns every course, not the part read so far', async () => {
    const { db, service, store } = library();
    store.addHub('h1', 'Hub', hub.url);
    await service.refresh('h1');
    const again = new CatalogService({ db, downloads: () => [] });
    expect(again.list('').loading).toBeDefined();
    const view = await again.refresh('h1', { firstPageOnly: true });
    expect(view.total).toBe(2000);
    expect(view.loading).toBeUndefined();
  });
});

describe('old single-file catalogs', () => {
  it('stay readable, and are revalidated with their ETag too', async () => {
    const hub = new MemoryHub();
    hub.put('catalog.json', JSON.stringify({ courses: [entry('a', 'Algebra'), entry('b', 'Biology', { subtitle: 'Cells', tags: ['life'] })] }));
    await hub.listen();
    try {
      const { service, store } = library();
      store.addHub('old', 'Old hub', hub.url);
      // Their manifests are fetched as before (missing here: reported, the catalog still listed).
      const view = await service.refresh('old');
      expect(view.courses.map((c) => c.title)).toEqual(['Algebra', 'Biology']);
      expect(service.list('life').courses.map((c) => c.courseId)).toEqual(['b']);
      hub.served.length = 0;
      await service.refresh('old');
      expect(hub.served.filter((s) => s.key === 'catalog.json')).toEqual([{ key: 'catalog.json', status: 304, bytes: 0 }]);
    } finally {
      await hub.close();
    }
  });
});

describe('search', () => {
  it('finds Hangul by substring (composed or not), any case, and sorts with Intl.Collator', async () => {
    const hub = new MemoryHub();
    const titles = ['데이터 분석', '빅데이터 입문', 'Data analysis 10', 'data analysis 2', '파이썬 기초', 'Ärger mit Daten'];
    for (const [i, t] of titles.entries()) await publish(hub, entry(`k${i}`, t, i === 4 ? { tags: ['데이터'] } : {}));
    await hub.listen();
    try {
      const { service, store } = library();
      store.addHub('k', 'Korean hub', hub.url);
      await service.refresh('k');
      const titlesOf = (q: string) => service.list(q).courses.map((c) => c.title);
      expect(titlesOf('데이터')).toEqual(expect.arrayContaining(['데이터 분석', '빅데이터 입문', '파이썬 기초']));
      expect(titlesOf('데이터')).toHaveLength(3);
      // The same word typed as separate jamo (NFD) finds the same courses.
      expect(titlesOf('데이터'.normalize('NFD'))).toEqual(titlesOf('데이터'));
      expect(titlesOf('DATA ANALYSIS')).toEqual(['data analysis 2', 'Data analysis 10']);
      const all = titlesOf('');
      expect(all.indexOf('data analysis 2')).toBeLessThan(all.indexOf('Data analysis 10'));
      expect(service.list('', { limit: 2 })).toMatchObject({ total: 6, courses: [{}, {}] });
    } finally {
      await hub.close();
    }
  });
});
