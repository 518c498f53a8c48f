import { LecternError } from '../../contract/errors';
import type { CatalogEntry } from '../downloads/manifest';
import { formatTime, systemClock, type DocStore, type LeaseClock, type LeaseManager } from '../leases/lease';

export const CATALOG_PATH = 'catalog.json';

/** An entry as found on the hub: at least an id; other fields are kept as they are. */
export type StoredEntry = { id: string } & Partial<CatalogEntry>;

export interface CatalogChange {
  /** Names the change in messages ("adding «Introduction»"). */
  what: string;
  apply(courses: readonly StoredEntry[]): StoredEntry[];
  /** True when `courses` already shows the change; a publish ends only once a fresh read says so. */
  done(courses: readonly StoredEntry[]): boolean;
}

export interface CatalogUpdateOptions {
  /** Rounds of read → write → read-back before giving up (default 8). */
  attempts?: number;
  /** How long to wait for another machine's catalog lease (default 120 s: many publishes may queue). */
  leaseWaitMs?: number;
  clock?: LeaseClock;
}

/** Adds or replaces a course's entry (sorted by id). */
export function putEntry(entry: CatalogEntry): CatalogChange {
  return {
    what: `adding «${entry.title}» to the catalog`,
    apply: (courses) => [...courses.filter((c) => c.id !== entry.id), entry].sort((a, b) => a.id.localeCompare(b.id)),
    done: (courses) => courses.some((c) => c.id === entry.id && c.version === entry.version && c.publishedAt === entry.publishedAt),
  };
}

export function removeEntry(courseId: string): CatalogChange {
  return {
    what: `removing ${courseId} from the catalog`,
    apply: (courses) => courses.filter((c) => c.id !== courseId),
    done: (courses) => !courses.some((c) => c.id === courseId),
  };
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

/**
 * Applies `change` to catalog.json without losing anyone else's: with conditional writes as a
 * compare-and-swap on the ETag (retried from a fresh read on 412); without them under the hub's catalog
 * lease, writing and reading back until the change shows. Returns once a fresh read shows the change.
 */
export async function updateCatalog(docs: DocStore, leases: LeaseManager, change: CatalogChange, opts: CatalogUpdateOptions = {}): Promise<void> {
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
      if (change.done(courses)) return;
      const etag = await docs.write(CATALOG_PATH, text(change.apply(courses)), doc ? { ifMatch: doc.etag } : { ifNoneMatch: '*' });
      if (etag !== null && change.done((await read()).courses)) return;
      await pause(attempt);
    }
    throw gaveUp(change, attempts * 4);
  }

  const lease = await leases.acquire({
    resource: 'catalog',
    label: 'the hub catalog',
    waitMs: opts.leaseWaitMs ?? 120_000,
    busyMessage: (h) => `The catalog of this hub has been locked by ${h.host} since ${formatTime(h.acquiredAt)}; ${change.what} waited and gave up. Try again in a minute.`,
  });
  try {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const { courses } = await read();
      if (change.done(courses)) return;
      const next = change.apply(courses);
      await lease.assertHeld();
      await docs.write(CATALOG_PATH, text(next), null);
      if (change.done((await read()).courses)) return;
      await pause(attempt);
    }
    throw gaveUp(change, attempts);
  } finally {
    await lease.release();
  }
}

function gaveUp(change: CatalogChange, attempts: number): LecternError {
  return new LecternError('unavailable', `The hub's catalog kept changing under ${change.what} (${attempts} attempts); publish again to finish — the course itself is already on the hub.`);
}
