import path from 'node:path';
import type { EventSink } from '../../contract/events';
import type { FetchHandler } from '../app-server/static-files';
import { CatalogService } from '../catalog/catalog-service';
import { createCoverHandler, createPosterHandler, createPreviewStreamHandler } from '../catalog/hub-file-routes';
import { LibraryHubKeys } from '../catalog/library-hub-keys';
import { createSignedHubFetch, isUnderBase, type HubSigningKey } from '../catalog/signed-hub-fetch';
import type { SecretStore } from '../credentials/secret-store';
import type { Database } from '../db/database';
import { DownloadManager, type DownloadEvent } from '../downloads/download-manager';
import type { Logger } from '../log/logger';
import { createOfflineMediaHandler } from '../offline-media/offline-media-handler';
import { LibraryService } from './library-service';

export interface LibraryServices {
  readonly libraryDir: string;
  readonly downloads: DownloadManager;
  readonly catalog: CatalogService;
  readonly library: LibraryService;
  /** Routes the library adds to the app origin (by path prefix): the offline player's `/media/`, free previews' `/stream/`, posters' `/poster/`. */
  routes(appOrigin: string): Record<string, FetchHandler>;
  close(): Promise<void>;
}

export interface LibraryOptions {
  dataDir: string;
  db: Database;
  secrets: SecretStore;
  log: Logger;
  emit: EventSink;
  /** Continue downloads a closed app left running (default); the CLI resumes only what a command asks for. */
  resumeDownloads?: boolean;
  /** The network under the signing wrapper (tests put a fake or a fault proxy here). */
  fetch?: typeof fetch;
}

/** Where downloaded lectures live, below the data folder. */
export const libraryDirOf = (dataDir: string) => path.join(dataDir, 'library');

/** The student's side: the catalog, downloads protected at rest and the media route the offline player reads from. */
export function openLibraryServices(opts: LibraryOptions): LibraryServices {
  const libraryDir = libraryDirOf(opts.dataDir);
  const log = opts.log.child('library');
  // Assigned right below; events only fire once a download runs, after construction.
  let library: LibraryService | null = null;
  const onEvent = (e: DownloadEvent) => {
    if (e.type === 'progress') {
      opts.emit('downloads.progress', { id: e.id, doneBytes: e.doneBytes, totalBytes: e.totalBytes, filesDone: e.filesDone, filesTotal: e.filesTotal });
      return;
    }
    if (!library) return;
    opts.emit('downloads.state', library.item(downloads.get(e.id)));
    if (e.state === 'completed') {
      library.replaceOlder(e.id).then(
        (removed) => removed.forEach((id) => opts.emit('downloads.removed', { id })),
        (err: unknown) => log.log('error', 'could not remove the replaced copy of an updated lecture', { id: e.id, error: String(err) }),
      );
    }
  };
  // The one place hub credentials meet the network: every hub request below (catalog, downloads,
  // free previews, posters) goes through this fetch, which signs it only if its hub has credentials.
  const keys = new LibraryHubKeys(opts.db, opts.secrets);
  const hubFetch = createSignedHubFetch({ keyFor: (url) => keys.keyFor(url), ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const downloads = new DownloadManager({ db: opts.db, libraryDir, secrets: opts.secrets, log: opts.log.child('downloads'), onEvent, fetch: hubFetch });
  // Checking new credentials signs with them alone, over the same network, without touching what the other requests use.
  const trialFetch = (key: HubSigningKey | null) =>
    createSignedHubFetch({ keyFor: async (url) => (key && isUnderBase(url, key.base) ? key : null), ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const catalog = new CatalogService({ db: opts.db, log: log.child('catalog'), downloads: () => downloads.list(), fetch: hubFetch, keys, trialFetch });
  library = new LibraryService(catalog, downloads, log);
  if (opts.resumeDownloads ?? true) {
    for (const run of downloads.resumeInterrupted()) run.catch((err: unknown) => log.log('error', 'could not resume a download', { error: String(err) }));
  }
  return {
    libraryDir,
    downloads,
    catalog,
    library,
    routes: (appOrigin) => ({
      '/media/': createOfflineMediaHandler({ source: downloads.mediaSource(), libraryDir, appOrigin, prefix: '/media/' }),
      '/stream/': createPreviewStreamHandler({ catalog, appOrigin, fetch: hubFetch }),
      '/poster/': createPosterHandler({ catalog, appOrigin, fetch: hubFetch }),
      '/cover/': createCoverHandler({ catalog, appOrigin, fetch: hubFetch }),
    }),
    close: () => downloads.close(),
  };
}
