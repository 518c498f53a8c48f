import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ReadOnlyHubCredentials } from '../../contract/domains/hub-schemas';
import type { CatalogCourse, CatalogView, HubAccessProblem, LibraryHub } from '../../contract/domains/library';
import { LecternError } from '../../contract/errors';
import type { DownloadSummary } from '../downloads/download-store';
import type { CatalogEntry, ManifestFile } from '../downloads/manifest';
import { normalizeHubBase } from '../hls/hub-uri';
import type { Logger } from '../log/logger';
import { CatalogStore, type CachedCourse, type HubRow } from './catalog-store';
import type { StallPolicy } from '../downloads/stall-guard';
import type { CatalogSearch } from './catalog-search';
import { CatalogLoad } from './catalog-load';
import { cachedEntries, syncPages } from './catalog-page-sync';
import { courseCard } from './course-card';
import { fetchCatalog, fetchCourse } from './hub-documents';
import { accessProblemOf, addFailure, checkFailure, messageOf, refuseExpired } from './hub-access-failures';
import { authRowOf, trialKey, type LibraryHubKeys } from './library-hub-keys';
import { updateCredentialsHint, type HubSigningKey } from './signed-hub-fetch';
import { userError } from '../text/user-error';
import { failureOrText } from '../text/failure-or-text';

export interface CatalogServiceOptions {
  db: Database;
  log?: Logger;
  /** Every hub request goes through it: in the app, the signed fetch, which adds a private hub's credentials. */
  fetch?: typeof fetch;
  /** Where a private hub's credentials are kept; without it, only public hubs can be added. */
  keys?: Pick<LibraryHubKeys, 'save' | 'forget'>;
  /**
   * A fetch that signs requests under `key.base` with exactly `key` (null: unsigned), whatever is stored.
   * Credentials not yet stored (a hub being added, or new ones for a hub) are checked with it, so
   * downloads running meanwhile keep the stored ones.
   */
  trialFetch?(key: HubSigningKey | null): typeof fetch;
  /** Downloads, to mark courses downloaded or out of date. */
  downloads(): DownloadSummary[];
  /**
   * Progress deadlines for each hub document: a hub that gives no answer, stalls or trickles counts as
   * offline with a message saying which. No fixed total timeout, so a big catalog on a slow link still loads.
   */
  stall?: StallPolicy;
}

interface HubStatus {
  offline: boolean;
  error: string | null;
  accessProblem: HubAccessProblem | null;
}

const COURSE_FETCHES_IN_FLIGHT = 4;

export interface ListOptions {
  /** At most this many courses (the first cards); `total` still counts every match. */
  limit?: number;
  /** The UI's language, for the order of titles (Hangul first in Korean, Latin first in English). */
  locale?: string;
}

export interface RefreshOptions {
  /**
   * Fetch the index and only the first page of a paged catalog (the first cards), leaving the other
   * pages for a full refresh. Either way an unchanged catalog costs a 304 and cached pages are not fetched.
   */
  firstPageOnly?: boolean;
  /** As ListOptions.limit and locale, for the list returned. */
  limit?: number;
  locale?: string;
}

/**
 * The courses the student can browse: hubs added by base URL, their catalogs and course manifests,
 * fetched under the same hostile-input rules as downloads and cached in SQLite so the library opens
 * (and searches) offline. Only `addHub`, `refresh` and a course not cached yet touch the network.
 */
export class CatalogService {
  private readonly store: CatalogStore;
  private readonly status = new Map<string, HubStatus>();
  private readonly fetchImpl: typeof fetch;
  /** Per hub, its cached entries by id (built from SQLite once per change), and all hubs' search list. */
  private readonly entries = new Map<string, Map<string, CatalogEntry>>();
  private search: CatalogSearch | null = null;
  private load: CatalogLoad | null = null;

  constructor(private readonly opts: CatalogServiceOptions) {
    this.store = new CatalogStore(opts.db);
    this.fetchImpl = opts.fetch ?? fetch;
  }

  hubs(): LibraryHub[] {
    return this.store.hubs().map((h) => this.hubView(h));
  }

  hub(id: string): HubRow {
    const hub = this.store.hub(id);
    if (!hub) throw userError('not-found', 'svc.catalog.noHub', { id });
    return hub;
  }

  /**
   * Adds a hub only once its catalog was fetched and passed the checks, so a typo (or a wrong key) is
   * caught at once. With credentials, that first fetch is already signed with them, and they are kept
   * (the secret in the keychain) only if it succeeded.
   */
  async addHub(baseUrl: string, name?: string, credentials?: ReadOnlyHubCredentials): Promise<LibraryHub> {
    let base: URL;
    try {
      base = normalizeHubBase(baseUrl);
    } catch (err) {
      throw new LecternError('invalid-input', messageOf(err), [{ path: 'baseUrl', message: messageOf(err) }]);
    }
    const existing = this.store.hubByBase(base.href);
    if (existing) throw userError('conflict', 'svc.catalog.hubExists', { address: base.href, name: existing.name });
    if (credentials) refuseExpired(credentials);
    const { keys, trialFetch } = this.opts;
    if (credentials && (!keys || !trialFetch)) throw userError('unavailable', 'svc.catalog.noKeychain');
    const hubName = name?.trim() || base.host + base.pathname.replace(/\/$/, '');
    const id = randomUUID();
    try {
      await fetchCatalog(base, this.signal(), credentials && trialFetch ? trialFetch(trialKey(base, hubName, credentials)) : this.fetchImpl, this.opts.stall);
    } catch (err) {
      throw addFailure(base, err, credentials !== undefined);
    }
    this.store.addHub(id, hubName, base.href, credentials ? authRowOf(credentials) : null);
    if (credentials && keys) {
      try {
        await keys.save(id, credentials);
      } catch (err) {
        this.store.removeHub(id);
        throw userError('unavailable', 'svc.catalog.secretNotKept', { address: base.href, cause: messageOf(err) });
      }
    }
    await this.refreshHub(this.hub(id), {});
    return this.hubView(this.hub(id));
  }

  /**
   * Replaces a hub's credentials in place (null: read it without any from now on), for a rotated key or
   * an expired session token. The hub's catalog is first fetched with the new ones alone; if the hub
   * refuses them, nothing changes and the error says why. Then the secret goes to the keychain, the rest
   * to the row, and every request from then on — downloads already running included, as each request
   * asks for its key — is signed with them. The catalog is refreshed last.
   */
  async updateHubCredentials(id: string, credentials: ReadOnlyHubCredentials | null): Promise<LibraryHub> {
    const hub = this.hub(id);
    const base = new URL(hub.baseUrl);
    if (credentials) refuseExpired(credentials);
    const { keys, trialFetch } = this.opts;
    if (!keys || !trialFetch) throw userError('unavailable', 'svc.catalog.noKeychain');
    try {
      await fetchCatalog(base, this.signal(), trialFetch(credentials ? trialKey(base, hub.name, credentials) : null), this.opts.stall);
    } catch (err) {
      throw checkFailure(hub, err, credentials !== null);
    }
    if (credentials) {
      try {
        await keys.save(id, credentials);
      } catch (err) {
        throw userError('unavailable', 'svc.catalog.newSecretNotKept', { hub: hub.name, cause: messageOf(err) });
      }
      this.store.setHubAuth(id, authRowOf(credentials));
    } else {
      this.store.setHubAuth(id, null);
      // The row no longer names a key, so a secret left behind would never be used; still, say so.
      if (hub.auth) await keys.forget(id).catch((err: unknown) => this.opts.log?.log('warn', 'could not delete a hub secret from the keychain', { hub: hub.baseUrl, error: messageOf(err) }));
    }
    this.opts.log?.log('info', 'library hub credentials updated', { hub: hub.baseUrl, auth: credentials ? 's3-credentials' : 'public', accessKeyId: credentials?.accessKeyId ?? null });
    await this.refreshHub(this.hub(id), {});
    return this.hubView(this.hub(id));
  }

  /** Forgets the hub, its cache and its credentials (the secret first: a hub row without it would be useless). */
  async removeHub(id: string): Promise<void> {
    const hub = this.hub(id);
    if (hub.auth) await this.opts.keys?.forget(id);
    this.store.removeHub(id);
    this.status.delete(id);
    this.invalidate(id);
  }

  /**
   * The cached catalogs, filtered: every word of `query` must appear in the title, subtitle or a tag
   * (case- and normalization-insensitive substrings), sorted by title; at most `limit` courses, with the
   * number of matches in `total`. Just after a start, while the cache is still being read into memory
   * (CatalogLoad), only the courses read so far are searched and `loading` says how many: the first page
   * of each hub at once, then the rest in the background; `refresh` and `loaded` wait for all of them.
   */
  list(query = '', opts: ListOptions = {}): CatalogView {
    const downloads = this.opts.downloads();
    const hubs = new Map(this.store.hubs().map((h) => [h.id, h]));
    const load = this.search ? null : this.startLoad();
    const loading = !this.search && load ? load.progress() : null;
    const { total, items } = (this.search ?? load!.search()).find(query, opts.limit, opts.locale);
    const courses: CatalogCourse[] = [];
    for (const { hubId, entry } of items) {
      const hub = hubs.get(hubId);
      if (hub) courses.push(courseCard(hub, entry, this.store.course(hubId, entry.id), downloads));
    }
    return { hubs: this.hubs(), courses, total, ...(loading ? { loading } : {}) };
  }

  /** Resolves once every cached course is in memory (and searched by `list`). */
  async loaded(): Promise<void> {
    while (!this.search) {
      const load = this.startLoad();
      if (!this.search) await load.done;
    }
  }

  /** Fetches the catalogs (one hub, or all) and the manifests whose version changed; never throws for a hub that is down. */
  async refresh(hubId?: string, opts: RefreshOptions = {}): Promise<CatalogView> {
    const hubs = hubId ? [this.hub(hubId)] : this.store.hubs();
    await Promise.all(hubs.map((h) => this.refreshHub(h, opts)));
    await this.loaded();
    return this.list('', { ...(opts.limit === undefined ? {} : { limit: opts.limit }), ...(opts.locale === undefined ? {} : { locale: opts.locale }) });
  }

  /** A course's cached manifest, fetched first if this course was never read (or its catalog moved on). */
  async course(hubId: string, courseId: string): Promise<CachedCourse & { entry: CatalogEntry }> {
    const hub = this.hub(hubId);
    const entry = this.hubEntries(hubId).get(courseId);
    if (!entry) throw userError('not-found', 'svc.catalog.noCourse', { courseId, hub: hub.name });
    const cached = this.store.course(hubId, courseId);
    if (cached) return { ...cached, entry };
    try {
      const fetched = await fetchCourse(new URL(hub.baseUrl), entry, this.signal(), this.fetchImpl, this.opts.stall);
      this.store.saveCourse(hubId, fetched.manifestPath, fetched.manifest);
    } catch (err) {
      throw failureOrText('unavailable', 'svc.catalog.openFailed', { title: entry.title, cause: messageOf(err) }, err);
    }
    const saved = this.store.course(hubId, courseId);
    if (!saved) throw userError('internal', 'svc.catalog.manifestNotSaved', { title: entry.title });
    return { ...saved, entry };
  }

  /** The course's title as last fetched, for downloads listed outside the catalog (storage, CLI). */
  titleOf(hubBase: string, courseId: string): string | null {
    const hub = this.store.hubByBase(hubBase);
    if (!hub) return null;
    return this.store.course(hub.id, courseId)?.manifest.title ?? this.hubEntries(hub.id).get(courseId)?.title ?? null;
  }

  /**
   * A file a free-preview lecture's cached manifest lists, with its hub base; null for anything else
   * (not free preview, not listed, unknown hub or course), so the preview route fetches nothing else.
   */
  previewFile(hubId: string, courseId: string, lectureId: string, key: string): { base: URL; file: ManifestFile } | null {
    const hub = this.store.hub(hubId);
    const lecture = hub ? this.store.course(hubId, courseId)?.manifest.lectures.find((l) => l.id === lectureId) : undefined;
    if (!hub || !lecture?.freePreview || !lecture.media) return null;
    const file = lecture.media.files.find((f) => f.path === key);
    return file ? { base: new URL(hub.baseUrl), file } : null;
  }

  /** A lecture's poster as its cached manifest lists it, with its hub base. */
  posterFile(hubId: string, courseId: string, lectureId: string): { base: URL; file: ManifestFile } | null {
    const hub = this.store.hub(hubId);
    const poster = hub ? this.store.course(hubId, courseId)?.manifest.lectures.find((l) => l.id === lectureId)?.poster : null;
    return hub && poster ? { base: new URL(hub.baseUrl), file: poster } : null;
  }

  /**
   * A course's cover as its cached manifest lists it (or, before the manifest is read, its catalog entry),
   * with its hub base; null when the course has none.
   */
  coverFile(hubId: string, courseId: string): { base: URL; file: ManifestFile } | null {
    const hub = this.store.hub(hubId);
    if (!hub) return null;
    const cached = this.store.course(hubId, courseId);
    const cover = cached ? cached.manifest.cover : this.hubEntries(hubId).get(courseId)?.cover;
    return cover ? { base: new URL(hub.baseUrl), file: cover } : null;
  }

  /** Finds a course by id across hubs (the CLI names courses by id alone). */
  findCourse(courseId: string): { hubId: string } | null {
    for (const hub of this.store.hubs()) {
      if (this.hubEntries(hub.id).has(courseId)) return { hubId: hub.id };
    }
    return null;
  }

  private async refreshHub(hub: HubRow, opts: RefreshOptions): Promise<void> {
    const base = new URL(hub.baseUrl);
    const signal = this.signal();
    const cached = this.store.catalog(hub.id);
    let doc;
    try {
      const fetched = await fetchCatalog(base, signal, this.fetchImpl, this.opts.stall, cached?.etag ?? null);
      if (fetched.notModified && cached) {
        this.store.touchCatalog(hub.id);
        doc = cached.doc;
      } else if (fetched.notModified) {
        throw new Error('The hub answered 304 Not Modified for a catalog this library does not have.');
      } else {
        doc = fetched.doc;
        this.store.saveCatalog(hub.id, doc, fetched.etag);
        this.invalidate(hub.id);
      }
    } catch (err) {
      const accessProblem = accessProblemOf(hub, err);
      // A public hub that now refuses plain reads went private: give it the credentials the instructor hands out.
      const error = accessProblem === 'needs-credentials' ? `${messageOf(err)} The hub may have become private. ${updateCredentialsHint(hub.baseUrl)}` : messageOf(err);
      this.status.set(hub.id, { offline: true, error, accessProblem });
      this.opts.log?.log('warn', 'catalog refresh failed', { hub: hub.baseUrl, error: messageOf(err) });
      return;
    }
    const pageFailures: string[] = [];
    const failures: string[] = [];
    let complete = true;
    if (doc.kind === 'paged') {
      const sync = { store: this.store, fetchImpl: this.fetchImpl, signal: () => this.signal(), ...(this.opts.stall ? { stall: this.opts.stall } : {}) };
      const pages = await syncPages(sync, hub.id, base, doc.index, opts.firstPageOnly === true, pageFailures);
      if (pages.changed) this.invalidate(hub.id);
      complete = pages.complete;
    }
    await this.loaded();
    const entries = [...this.hubEntries(hub.id).values()];
    // A paged catalog can list 100,000 courses: only manifests already read (courses opened) are kept current.
    const versions = this.store.courseVersions(hub.id);
    const stale = entries.filter((c) => {
      const version = versions.get(c.id);
      return version !== c.version && (doc.kind === 'single' || version !== undefined);
    });
    const queue = [...stale];
    await Promise.all(
      Array.from({ length: Math.min(COURSE_FETCHES_IN_FLIGHT, queue.length) }, async () => {
        for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
          try {
            const fetched = await fetchCourse(base, entry, signal, this.fetchImpl, this.opts.stall);
            this.store.saveCourse(hub.id, fetched.manifestPath, fetched.manifest);
          } catch (err) {
            failures.push(messageOf(err));
          }
        }
      }),
    );
    if (complete) this.store.pruneCourses(hub.id, entries.map((c) => c.id));
    if (stale.length > 0) this.invalidate(hub.id);
    const error =
      pageFailures.length > 0
        ? `${pageFailures.length} catalog page(s) could not be read, so some courses are missing: ${pageFailures[0]}`
        : failures.length > 0
          ? `${failures.length} course(s) could not be read: ${failures[0]}`
          : null;
    if (error) this.opts.log?.log('warn', 'some catalog documents were refused', { hub: hub.baseUrl, failures: [...pageFailures, ...failures] });
    this.status.set(hub.id, { offline: false, error, accessProblem: null });
  }

  /** A hub's cached entries by id, built from SQLite once per change. */
  private hubEntries(hubId: string): Map<string, CatalogEntry> {
    const known = this.entries.get(hubId) ?? cachedEntries(this.store, hubId);
    this.entries.set(hubId, known);
    return known;
  }

  /** The load of the cache into memory under way, started (its first pages read) if none is. */
  private startLoad(): CatalogLoad {
    if (this.load) return this.load;
    const load = new CatalogLoad(this.store, this.store.hubs().map((h) => h.id));
    // A catalog of one page per hub was read whole by the constructor: nothing is left to wait for.
    if (load.pending === 0) {
      this.adopt(load, load.search());
      return load;
    }
    this.load = load;
    void load.start().done.then((search) => {
      if (this.load !== load || !search) return;
      this.load = null;
      this.adopt(load, search);
    });
    return load;
  }

  private adopt(load: CatalogLoad, search: CatalogSearch): void {
    this.search = search;
    for (const [hubId, entries] of load.entries) if (!this.entries.has(hubId)) this.entries.set(hubId, entries);
  }

  private invalidate(hubId: string): void {
    this.entries.delete(hubId);
    this.search = null;
    this.load?.cancel();
    this.load = null;
  }

  private hubView(h: HubRow): LibraryHub {
    const cached = this.store.catalog(h.id);
    const status = this.status.get(h.id);
    return {
      id: h.id,
      name: h.name,
      baseUrl: h.baseUrl,
      auth: h.auth ? 's3-credentials' : 'public',
      accessKeyId: h.auth?.accessKeyId ?? null,
      sessionExpiresAt: h.auth?.sessionExpiresAt ?? null,
      fetchedAt: cached?.fetchedAt ?? null,
      offline: status?.offline ?? false,
      error: status?.error ?? null,
      accessProblem: status?.accessProblem ?? null,
      courseCount: !cached ? 0 : cached.doc.kind === 'single' ? cached.doc.catalog.courses.length : cached.doc.index.total,
    };
  }


  /** Cancels nothing by itself: each document read carries its own progress deadlines (`stall`). */
  private signal(): AbortSignal {
    return new AbortController().signal;
  }
}
