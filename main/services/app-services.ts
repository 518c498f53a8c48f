import type { EventSink } from '../contract/events';
import { openDatabase, schemaVersion, type Database } from './db/database';
import { DraftsService } from './drafts/drafts-service';
import type { Logger } from './log/logger';
import { MediaService, type MediaServiceOptions } from './media/media-service';
import { UpdateService, type Updater } from './updates/update-service';

export interface AppServices {
  readonly dataDir: string;
  readonly version: string;
  readonly db: Database;
  readonly drafts: DraftsService;
  readonly log: Logger;
  readonly updates: UpdateService;
  readonly media: MediaService;
  schemaVersion(): number;
  close(): void;
}

export interface ServiceOptions {
  /** Everything Lectern writes lives below this folder. */
  dataDir: string;
  version: string;
  log: Logger;
  emit?: EventSink;
  /** electron-updater's autoUpdater in an installed app; absent in development, the CLI and tests. */
  updater?: Updater | null;
  /** ffmpeg paths, concurrency, limits; `runJobs: false` keeps this process from starting encodes on open (the CLI). */
  media?: Omit<MediaServiceOptions, 'dataDir'>;
}

/**
 * The composition root for main-process services, shared by the Electron app, the CLI and the test host,
 * so all three run the same code against the same data folder layout.
 */
export function openAppServices(opts: ServiceOptions): AppServices {
  const db = openDatabase(opts.dataDir);
  const emit = opts.emit ?? (() => {});
  const media = new MediaService(db, emit, opts.log.child('media'), { ...opts.media, dataDir: opts.dataDir });
  return {
    dataDir: opts.dataDir,
    version: opts.version,
    db,
    drafts: new DraftsService(db, emit),
    log: opts.log,
    updates: new UpdateService(opts.updater ?? null, emit, opts.log.child('updates')),
    media,
    schemaVersion: () => schemaVersion(db),
    close: () => {
      media.close();
      db.close();
    },
  };
}
