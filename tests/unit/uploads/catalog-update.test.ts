import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../main/services/downloads/manifest';
import { LeaseManager } from '../../../main/services/leases/lease';
import { PAGE_MAX, PAGE_PREFIX, parseStoredCatalog, type StoredEntry } from '../../../main/services/uploads/catalog-pages';
import { CATALOG_PATH, updateCatalog, type CatalogStore } from '../../../main/services/uploads/catalog-update';
import { HubCatalog } from '../../../main/services/uploads/hub-catalog';
import { FakeClock, MemoryDocs } from '../../helpers/fake-lease-env';

const TIMING = { ttlMs: 60_000, waitMs: 30_000, settleMs: 1000, skewMs: 5000, pollMs: 500 };

const entry = (id: string, version = 1): CatalogEntry => ({ id, title: `Course ${id}`, version, latest: `courses/${id}/latest.json`, publishedAt: `2026-12-01T10:00:0${version}.000Z` });

async function entries(docs: CatalogStore): Promise<StoredEntry[]> {
  const catalog = new HubCatalog(docs);
  return catalog.all(await catalog.read());
}

async function ids(docs: CatalogStore): Promise<string[]> {
  return (await entries(docs)).map((c) => c.id);
}

/** Keys other than the index and its pages. */
const leftovers = (docs: MemoryDocs) => [...docs.docs.keys()].filter((k) => k !== CATALOG_PATH && !k.startsWith(PAGE_PREFIX));

describe.each([
  ['with conditional writes (ETag compare-and-swap)', true],
  ['without conditional writes (catalog lease)', false],
])('catalog updates %s', (_name, conditional) => {
  it('twenty publishers adding different courses at once lose none of them', async () => {
    const clock = new FakeClock();
    const docs = new MemoryDocs(conditional);
    const all = Array.from({ length: 20 }, (_, i) => `course-${String(i).padStart(2, '0')}`);
    const start = clock.now();
    await clock.run(
      Promise.all(all.map((id, i) => updateCatalog(docs, new LeaseManager(docs, { owner: `o${i}`, host: `h${i}`, pid: i }, TIMING, clock), { put: entry(id) }, { clock, leaseWaitMs: 3_600_000 }))),
    );
    expect(await ids(docs)).toEqual(all);
    // No lease and no pending change is left behind.
    expect(leftovers(docs)).toEqual([]);
    const catalogWrites = docs.writes - 20 * (conditional ? 0 : 1);
    if (!conditional) console.log(`catalog lease: 20 concurrent publishers took ${catalogWrites} writes (leases and catalog) at ${(clock.now() - start) / 1000} s of virtual time`);
  });

  it('keeps entries it does not know, replaces its own course and removes it again', async () => {
    const clock = new FakeClock();
    const docs = new MemoryDocs(conditional);
    await docs.write(CATALOG_PATH, JSON.stringify({ courses: [{ id: 'a-old', title: 'Old', version: 4, latest: 'x', future: 'kept' }, entry('b', 1)] }), null);
    const leases = new LeaseManager(docs, { owner: 'o', host: 'h', pid: 1 }, TIMING, clock);
    await clock.run(updateCatalog(docs, leases, { put: entry('b', 2) }, { clock }));
    expect(await entries(docs)).toEqual([{ id: 'a-old', title: 'Old', version: 4, latest: 'x', future: 'kept' }, entry('b', 2)]);
    await clock.run(updateCatalog(docs, leases, { remove: 'b' }, { clock }));
    expect(await ids(docs)).toEqual(['a-old']);
    // Already done: nothing is written.
    const writes = docs.writes;
    await clock.run(updateCatalog(docs, leases, { remove: 'b' }, { clock }));
    if (conditional) expect(docs.writes).toBe(writes);
  });
});

describe('pending changes (servers without conditional writes)', () => {
  it('the lease holder merges pending changes of others, but a stale pending put never rolls a course back', async () => {
    const clock = new FakeClock();
    const docs = new MemoryDocs(false);
    await docs.write(CATALOG_PATH, JSON.stringify({ courses: [entry('old', 5)] }), null);
    // Left by publishers that died after writing latest.json: one newer than listed, one older.
    await docs.write('catalog-pending/new.json', JSON.stringify({ put: entry('new', 1) }), null);
    await docs.write('catalog-pending/old.json', JSON.stringify({ put: entry('old', 3) }), null);
    await docs.write('catalog-pending/bad.json', '{ damaged', null);
    const leases = new LeaseManager(docs, { owner: 'o', host: 'h', pid: 1 }, TIMING, clock);
    await clock.run(updateCatalog(docs, leases, { put: entry('mine', 2) }, { clock }));
    const after = await entries(docs);
    expect(after.map((c) => [c.id, c.version])).toEqual([['mine', 2], ['new', 1], ['old', 5]]);
    // Merged, stale and damaged ones are all removed.
    expect([...docs.docs.keys()].filter((k) => k.startsWith('catalog-pending/'))).toEqual([]);
  });
});

describe('catalog documents', () => {
  it('a catalog that is not JSON or not a list of entries is refused with what to do', () => {
    expect(() => parseStoredCatalog('{', 'catalog.json')).toThrow('catalog.json on the hub is not valid JSON; fix or remove it before publishing.');
    expect(() => parseStoredCatalog('{"courses": {}}', 'catalog.json')).toThrow(/not a Lectern catalog/);
    expect(() => parseStoredCatalog('{"courses": [{"title": "no id"}]}', 'catalog.json')).toThrow(/not a Lectern catalog/);
    expect(parseStoredCatalog('{}', 'catalog.json')).toEqual({ kind: 'single', courses: [] });
    expect(() => parseStoredCatalog('{"lectern": "catalog-index", "pages": [{"key": "../x"}]}', 'catalog.json')).toThrow(/catalog index whose "pages" are not a list/);
  });
});

describe('paged catalog', () => {
  const leasesOf = (docs: MemoryDocs, clock: FakeClock) => new LeaseManager(docs, { owner: 'o', host: 'h', pid: 1 }, TIMING, clock);
  const id = (i: number) => `c${String(i).padStart(6, '0')}`;

  it.each([true, false])('an old single-file catalog is paged on its first change, keeping every entry (conditional: %s)', async (conditional) => {
    const clock = new FakeClock();
    const docs = new MemoryDocs(conditional);
    const old = Array.from({ length: 2500 }, (_, i) => ({ ...entry(id(i * 2)), cover: { path: `covers/${i}.jpg` } }));
    await docs.write(CATALOG_PATH, JSON.stringify({ courses: old }), null);
    const stats = await clock.run(updateCatalog(docs, leasesOf(docs, clock), { put: entry(id(1)) }, { clock }));
    const index = parseStoredCatalog(docs.docs.get(CATALOG_PATH)!.text, CATALOG_PATH);
    expect(index.kind).toBe('paged');
    if (index.kind !== 'paged') return;
    expect(index.index.total).toBe(2501);
    expect(index.index.pages.every((p) => p.count <= PAGE_MAX)).toBe(true);
    expect(stats.docs).toBe(index.index.pages.length + 1);
    // Fields this Lectern does not know (another version's cover) survive the move.
    const all = await entries(docs);
    expect(all).toHaveLength(2501);
    expect(all[0]).toEqual(old[0]);
    expect(all.map((c) => c.id)).toEqual([...all.map((c) => c.id)].sort());
  });

  it.each([true, false])('a publish rewrites one page and the index; a full page splits (conditional: %s)', async (conditional) => {
    const clock = new FakeClock();
    const docs = new MemoryDocs(conditional);
    const leases = leasesOf(docs, clock);
    await docs.write(CATALOG_PATH, JSON.stringify({ courses: Array.from({ length: 3000 }, (_, i) => entry(id(i * 10))) }), null);
    await clock.run(updateCatalog(docs, leases, { put: entry(id(1)) }, { clock }));

    const update = await clock.run(updateCatalog(docs, leases, { put: entry(id(5000), 2) }, { clock }));
    expect(update).toMatchObject({ docs: 2 });
    const added = await clock.run(updateCatalog(docs, leases, { put: entry(id(12_345)) }, { clock }));
    expect(added.docs).toBe(2);
    const removed = await clock.run(updateCatalog(docs, leases, { remove: id(20) }, { clock }));
    expect(removed.docs).toBe(2);
    expect(await ids(docs)).toHaveLength(3001);
    expect((await entries(docs)).find((c) => c.id === id(5000))?.version).toBe(2);

    // Fill one page past PAGE_MAX: it splits into two halves (three documents that once).
    const before = parseStoredCatalog(docs.docs.get(CATALOG_PATH)!.text, CATALOG_PATH);
    if (before.kind !== 'paged') throw new Error('not paged');
    const first = before.index.pages[0]!;
    let splitDocs = 0;
    for (let i = 0; i <= PAGE_MAX - first.count; i++) splitDocs = (await clock.run(updateCatalog(docs, leases, { put: entry(`c000000-${String(i).padStart(4, '0')}`) }, { clock }))).docs;
    expect(splitDocs).toBe(3);
    const after = parseStoredCatalog(docs.docs.get(CATALOG_PATH)!.text, CATALOG_PATH);
    if (after.kind !== 'paged') throw new Error('not paged');
    expect(after.index.pages.length).toBe(before.index.pages.length + 1);
    expect(after.index.pages.every((p) => p.count <= PAGE_MAX)).toBe(true);
    expect(after.index.total).toBe((await ids(docs)).length);
    expect(leftovers(docs)).toEqual([]);
  });

  it('a page the index names but the hub lost stops the publish with what to do', async () => {
    const clock = new FakeClock();
    const docs = new MemoryDocs(true);
    const leases = leasesOf(docs, clock);
    await clock.run(updateCatalog(docs, leases, { put: entry('a') }, { clock }));
    for (const k of docs.docs.keys()) if (k.startsWith(PAGE_PREFIX)) docs.docs.delete(k);
    await expect(clock.run(updateCatalog(docs, leases, { put: entry('b') }, { clock }))).rejects.toThrow(/names the page catalog\/pages\/.*which is missing; publish again/);
  });
});
