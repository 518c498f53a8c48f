import { LecternError } from '../../contract/errors';
import type { CatalogEntry } from '../downloads/manifest';
import { formatTime, systemClock, type DocStore, type LeaseClock, type LeaseManager } from '../leases/lease';

export const CATALOG_PATH = 'catalog.json';
export const PENDING_PREFIX = 'catalog-pending/';

/** An entry as found on the hub: at least an id; other fields are kept as they are. */
export type StoredEntry = { id: string } & Partial<CatalogEntry>;

/** One course's change to the catalog; also the body of its `catalog-pending/<id>.json`. */
export type CatalogChange = { put: CatalogEntry } | { remove: string };

/** A DocStore that can also list keys (for the pending changes). */
export interface CatalogStore extends DocStore {
  list(prefix: string): Promise<string[]>;
}

export interface CatalogUpdateOptions {
  /** Rounds of read → write → read-back before giving up (default 8). */
  attempts?: number;
  /** How long to wait for another machine's catalog lease (default 120 s: many publishes may queue). */
  leaseWaitMs?: number;
  clock?: LeaseClock;
}

const courseOf = (c: CatalogChange) => ('put' in c ? c.put.id : c.remove);
const describe = (c: CatalogChange) => ('put' in c ? `adding «${c.put.title}» to the catalog` : `removing ${c.remove} from the catalog`);
const pendingKey = (c: CatalogChange) => `${PENDING_PREFIX}${courseOf(c).replace(/[^A-Za-z0-9._-]/g, '_')}.json`;

export function applyChange(change: CatalogChange, courses: readonly StoredEntry[]): StoredEntry[] {
  if ('remove' in change) return courses.filter((c) => c.id !== change.remove);
  return [...courses.filter((c) => c.id !== change.put.id), change.put].sort((a, b) => a.id.localeCompare(b.id));
}

/** True when `courses` already shows the change; a publish ends only once a fresh read says so. */
export function changeDone(change: CatalogChange, courses: readonly StoredEntry[]): boolean {
  if ('remove' in change) return !courses.some((c) => c.id === change.remove);
  return courses.some((c) => c.id === change.put.id && c.version === change.put.version && c.publishedAt === change.put.publishedAt);
}

export function parseStoredCatalog(text: string, where: string): StoredEntry[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new LecternError('internal', `${where} on the hub is not valid JSON; fix or remove it before publishing.`);
  }
  const courses = (v as { courses?: unknown } | null)?.courses;
  if (courses === undefined) return [];
  if (!Array.isArray(courses) || courses.some((c) => typeof (c as { id?: unknown } | null)?.id !== 'string')) {
    throw new LecternError('internal', `${where} on the hub is not a Lectern catalog (its "courses" must be a list of entries with ids); fix or remove it before publishing.`);
  }
  return courses as StoredEntry[];
}

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

/**
 * Applies `change` to catalog.json without losing anyone else's: with conditional writes as a
 * compare-and-swap on the ETag (retried from a fresh read on 412). Without them, the change is first
 * posted as `catalog-pending/<course>.json`; whoever holds the catalog lease merges every pending change
 * in one write, so a queue of publishers costs one lease round rather than one each, and a waiting
 * publisher whose entry shows up needs no lease at all. Returns once a fresh read shows the change.
 */
export async function updateCatalog(docs: CatalogStore, leases: LeaseManager, change: CatalogChange, opts: CatalogUpdateOptions = {}): Promise<void> {
  const attempts = opts.attempts ?? 8;
  const clock = opts.clock ?? systemClock;
  const read = async () => {
    const doc = await docs.read(CATALOG_PATH);
    return { doc, courses: doc ? parseStoredCatalog(doc.text, CATALOG_PATH) : [] };
  };
  const text = (courses: StoredEntry[]) => `${JSON.stringify({ courses }, null, 2)}\n`;
  const pause = (attempt: number) => clock.sleep(Math.round(clock.random() * Math.min(2000, 100 * 2 ** attempt)));

  if (docs.conditional) {
    for (let attempt = 0; attempt < attempts * 4; attempt++) {
      const { doc, courses } = await read();
      if (changeDone(change, courses)) return;
      const etag = await docs.write(CATALOG_PATH, text(applyChange(change, courses)), doc ? { ifMatch: doc.etag } : { ifNoneMatch: '*' });
      if (etag !== null && changeDone(change, (await read()).courses)) return;
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
      busyMessage: (h) => `The catalog of this hub has been locked by ${h.host} since ${formatTime(h.acquiredAt)}; ${describe(change)} waited and gave up. Try again in a minute.`,
      satisfied: async () => changeDone(change, (await read()).courses),
    });
    if (!lease) return; // Another holder merged it.
    try {
      for (let attempt = 0; attempt < attempts; attempt++) {
        const { courses } = await read();
        const pending = await readPending(docs, mine);
        if (changeDone(change, courses) && pending.length === 0) return;
        let next = courses;
        for (const p of pending) if (p.change && !superseded(p.change, next)) next = applyChange(p.change, next);
        next = applyChange(change, next);
        await lease.assertHeld();
        await docs.write(CATALOG_PATH, text(next), null);
        const fresh = (await read()).courses;
        if (changeDone(change, fresh)) {
          // Their publishers see their entries and stop waiting; a pending change rewritten meanwhile by a newer
          // publish of that course may be deleted too, and that publisher then applies it itself.
          for (const p of pending) if (!p.change || changeDone(p.change, fresh) || superseded(p.change, fresh)) await docs.remove(p.key).catch(() => undefined);
          return;
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

/** A pending put older than the entry already listed (left by a publisher that died) must not roll it back. */
function superseded(change: CatalogChange, courses: readonly StoredEntry[]): boolean {
  if (!('put' in change)) return false;
  const listed = courses.find((c) => c.id === change.put.id);
  return listed?.version !== undefined && listed.version > change.put.version;
}

function gaveUp(change: CatalogChange, attempts: number): LecternError {
  return new LecternError('unavailable', `The hub's catalog kept changing while ${describe(change)} (${attempts} attempts); publish again to finish — the course itself is already on the hub.`);
}
