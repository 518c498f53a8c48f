import path from 'node:path';
import type { EventSink } from '../../contract/events';
import type { FetchHandler } from '../app-server/static-files';
import type { SecretStore } from '../credentials/secret-store';
import type { Database } from '../db/database';
import { DownloadManager } from '../downloads/download-manager';
import type { Logger } from '../log/logger';
import { createOfflineMediaHandler } from '../offline-media/offline-media-handler';

export interface LibraryServices {
  readonly downloads: DownloadManager;
  /** Routes the library adds to the app origin (by path prefix): the offline player's `/media/`. */
  routes(appOrigin: string): Record<string, FetchHandler>;
  close(): Promise<void>;
}

export interface LibraryOptions {
  dataDir: string;
  db: Database;
  secrets: SecretStore;
  log: Logger;
  emit: EventSink;
}

/** Where downloaded lectures live, below the data folder. */
export const libraryDirOf = (dataDir: string) => path.join(dataDir, 'library');

/** The student's side: downloads protected at rest and the media route the offline player reads from. */
export function openLibraryServices(opts: LibraryOptions): LibraryServices {
  const libraryDir = libraryDirOf(opts.dataDir);
  const downloads = new DownloadManager({ db: opts.db, libraryDir, secrets: opts.secrets, log: opts.log.child('downloads') });
  return {
    downloads,
    routes: (appOrigin) => ({
      '/media/': createOfflineMediaHandler({ source: downloads.mediaSource(), libraryDir, appOrigin, prefix: '/media/' }),
    }),
    close: () => downloads.close(),
  };
}
