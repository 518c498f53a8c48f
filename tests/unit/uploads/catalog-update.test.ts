import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../main/services/downloads/manifest';
import { LeaseManager, type DocStore } from '../../../main/services/leases/lease';
import { CATALOG_PATH, parseStoredCatalog, updateCatalog } from '../../../main/services/uploads/catalog-update';
import { FakeClock, MemoryDocs } from '../../helpers/fake-lease-env';

const TIMING = { ttlMs: 60_000, waitMs: 30_000, settleMs: 1000, skewMs: 5000, pollMs: 500 };

const entry = (id: string, version = 1): CatalogEntry => ({ id, title: `Course ${id}`, version, latest: `courses/${id}/latest.json`, publishedAt: `2026-12-01T10:00:0${version}.000Z` });

async function ids(docs: DocStore): Promise<string[]> {
  const doc = await docs.read(CATALOG_PATH);
  return doc ? parseStoredCatalog(doc.text, CATALOG_PATH).map((c) => c.id) : [];
}

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
    expect([...docs.docs.keys()].filter((k) => k !== CATALOG_PATH)).toEqual([]);
    const catalogWrites = docs.writes - 20 * (conditional ? 0 : 1);
    if (!conditional) console.log(`catalog lease: 20 concurrent publishers took ${catalogWrites} writes (leases and catalog) at ${(clock.now() - start) / 1000} s of virtual time`);
  });

  it('keeps entries it does not know, replaces its own course and removes it again', async () => {
    const clock = new FakeClock();
    const docs = new MemoryDocs(conditional);
    await docs.write(CATALOG_PATH, JSON.stringify({ courses: [{ id: 'a-old', title: 'Old', version: 4, latest: 'x', future: 'kept' }, entry('b', 1)] }), null);
    const leases = new LeaseManager(docs, { owner: 'o', host: 'h', pid: 1 }, TIMING, clock);
    await clock.run(updateCatalog(docs, leases, { put: entry('b', 2) }, { clock }));
    const after = parseStoredCatalog((await docs.read(CATALOG_PATH))!.text, CATALOG_PATH);
    expect(after).toEqual([{ id: 'a-old', title: 'Old', version: 4, latest: 'x', future: 'kept' }, entry('b', 2)]);
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
    const after = parseStoredCatalog((await docs.read(CATALOG_PATH))!.text, CATALOG_PATH);
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
    expect(parseStoredCatalog('{}', 'catalog.json')).toEqual([]);
  });
});
