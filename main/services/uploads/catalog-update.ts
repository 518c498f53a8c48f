import { LecternError } from '../../contract/errors';
import type { CatalogEntry } from '../downloads/manifest';
import { formatTime, systemClock, type DocStore, type LeaseClock, type LeaseManager } from '../leases/lease';
import { CATALOG_PATH, changeDone, courseOf, HubCatalog, superseded, type CatalogRead } from './hub-catalog';
import { userError } from '../text/user-error';

export { CATALOG_PATH };
export const PENDING_PREFIX = 'catalog-pending/';

/** One course's change to the catalog; also the body of its `catalog-pending/<id>.json`. */
export type CatalogChange = { put: CatalogEntry } | { remove: string };

/** A DocStore that can also list keys (for the pending changes). */
export interface CatalogStore extends DocStore {
  list(prefix: string): Promise<string[]>;
  /** Writes a document that is never rewritten under that key (a catalog page): cached for good by CDNs. */
  writeImmutable?(hubPath: string, text: string): Promise<void>;
}

/** What one catalog change cost on the hub (for `bench:catalog` and the log). */
export interface CatalogWriteStats {
  docs: number;
  bytes: number;
}

export interface CatalogUpdateOptions {
  /** Rounds of read → write → read-back before giving up (default 8). */
  attempts?: number;
  /** How long to wait for another machine's catalog lease (default 120 s: many publishes may queue). */
  leaseWaitMs?: number;
  clock?: LeaseClock;
}

const pendingKey = (c: CatalogChange) => `${PENDING_PREFIX}${courseOf(c).replace(/[^A-Za-z0-9._-]/g, '_')}.json`;

function parsePending(text: string): CatalogChange | null {
  try {
    const v = JSON.parse(text) as { put?: { id?: unknown; version?: unknown }; remove?: unknown };
    if (typeof v.remove === 'string') return { remove: v.remove };
    if (v.put && typeof v.put.id === 'string' && typeof v.put.version === 'number') return { put: v.put as CatalogEntry };
  } catch {
    // Ignored and removed; its publisher, if alive, still makes sure of its own entry.
  }
  return null;
}

/** Whether the hub's catalog lists the course (the index and the one page that would hold it). */
export async function catalogLists(docs: CatalogStore, courseId: string): Promise<boolean> {
  const catalog = new HubCatalog(docs);
  const read = await catalog.read();
  return (await catalog.lookup(read, [courseId])).get(courseId) !== undefined;
}

/**
 * Applies `change` to the catalog without losing anyone else's: the new page(s) are written first under
 * fresh content-addressed keys (nobody reads them until the index names them), then the index
 * `catalog.json`. With conditional writes the index goes as a compare-and-swap on its ETag (retried from
 * a fresh read on 412). Without them, the change is first posted as `catalog-pending/<course>.json`;
 * whoever holds the catalog lease merges every pending change in one index write, so a queue of
 * publishers costs one lease round rather than one each, and a waiting publisher whose entry shows up
 * needs no lease at all. Returns, once a fresh read shows the change, what was written.
 */
export async function updateCatalog(docs: CatalogStore, leases: LeaseManager, change: CatalogChange, opts: CatalogUpdateOptions = {}): Promise<CatalogWriteStats> {
  const attempts = opts.attempts ?? 8;
  const clock = opts.clock ?? systemClock;
  const catalog = new HubCatalog(docs);
  const stats: CatalogWriteStats = { docs: 0, bytes: 0 };
  const listed = async (read: CatalogRead, c: CatalogChange) => (await catalog.lookup(read, [courseOf(c)])).get(courseOf(c));
  const done = async (c: CatalogChange, read?: CatalogRead) => changeDone(c, await listed(read ?? (await catalog.read()), c));
  const pause = (attempt: number) => clock.sleep(Math.round(clock.random() * Math.min(2000, 100 * 2 ** attempt)));
  const writeIndex = async (text: string, condition: Parameters<DocStore['write']>[2]) => {
    const etag = await docs.write(CATALOG_PATH, text, condition);
    stats.docs++;
    stats.bytes += Buffer.byteLength(text);
    return etag;
  };

  if (docs.conditional) {
    for (let attempt = 0; attempt < attempts * 4; attempt++) {
      const read = await catalog.read();
      if (await done(change, read)) return stats;
      const write = await catalog.plan(read, [change]);
      await catalog.writePages(write, stats);
      const etag = await writeIndex(write.index, read.doc ? { ifMatch: read.doc.etag } : { ifNoneMatch: '*' });
      if (etag !== null && (await done(change))) return stats;
      await pause(attempt);
    }
    throw gaveUp(change, attempts * 4);
  }

  const mine = pendingKey(change);
  await docs.write(mine, JSON.stringify(change), null);
  try {
    const lease = await leases.acquireUnless({
      resource: 'catalog',
      label: 'the hub catalog',
      waitMs: opts.leaseWaitMs ?? 120_000,
      busyMessage: (h) => ({ key: 'svc.uploads.catalogLocked', values: { host: h.host, since: formatTime(h.acquiredAt), ...changeValues(change) } }),
      satisfied: () => done(change),
    });
    if (!lease) return stats; // Another holder merged it.
    try {
      for (let attempt = 0; attempt < attempts; attempt++) {
        const read = await catalog.read();
        const pending = await readPending(docs, mine);
        if ((await done(change, read)) && pending.length === 0) return stats;
        const changes: CatalogChange[] = [];
        for (const p of pending) if (p.change && !superseded(p.change, await listed(read, p.change))) changes.push(p.change);
        changes.push(change);
        const write = await catalog.plan(read, changes);
        await lease.assertHeld();
        await catalog.writePages(write, stats);
        await lease.assertHeld();
        await writeIndex(write.index, null);
        const fresh = await catalog.read();
        if (await done(change, fresh)) {
          // Their publishers see their entries and stop waiting; a pending change rewritten meanwhile by a newer
          // publish of that course may be deleted too, and that publisher then applies it itself.
          for (const p of pending) {
            const entry = p.change ? await listed(fresh, p.change) : undefined;
            if (!p.change || changeDone(p.change, entry) || superseded(p.change, entry)) await docs.remove(p.key).catch(() => undefined);
          }
          return stats;
        }
        await pause(attempt);
      }
      throw gaveUp(change, attempts);
    } finally {
      await lease.release();
    }
  } finally {
    await docs.remove(mine).catch(() => undefined); // Left behind, it is merged (harmlessly) by the next holder.
  }
}

/** Other courses' pending changes; `change` is null for a damaged one (a PUT is atomic: it stays damaged). */
async function readPending(docs: CatalogStore, except: string): Promise<{ key: string; change: CatalogChange | null }[]> {
  const out: { key: string; change: CatalogChange | null }[] = [];
  for (const key of await docs.list(PENDING_PREFIX)) {
    if (key === except) continue;
    const doc = await docs.read(key);
    if (doc) out.push({ key, change: parsePending(doc.text) });
  }
  return out;
}

function gaveUp(change: CatalogChange, attempts: number): LecternError {
  return userError('unavailable', 'svc.uploads.catalogKeptChanging', { ...changeValues(change), attempts: String(attempts) });
}

/** What a catalog change does, as message values: each language words it itself. */
function changeValues(c: CatalogChange): { change: string; title: string; courseId: string } {
  return 'put' in c ? { change: 'put', title: c.put.title, courseId: c.put.id } : { change: 'remove', title: '', courseId: c.remove };
}
