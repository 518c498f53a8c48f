import type { EventSink } from '../contract/events';
import { openDatabase, schemaVersion, type Database } from './db/database';
import { DraftsService } from './drafts/drafts-service';
import type { Logger } from './log/logger';

export interface AppServices {
  readonly dataDir: string;
  readonly version: string;
  readonly db: Database;
  readonly drafts: DraftsService;
  readonly log: Logger;
  schemaVersion(): number;
  close(): void;
}

export interface ServiceOptions {
  /** Everything Lectern writes lives below this folder. */
  dataDir: string;
  version: string;
  log: Logger;
  emit?: EventSink;
}

/**
 * The composition root for main-process services, shared by the Electron app, the CLI and the test host,
 * so all three run the same code against the same data folder layout.
 */
export function openAppServices(opts: ServiceOptions): AppServices {
  const db = openDatabase(opts.dataDir);
  const emit = opts.emit ?? (() => {});
  return {
    dataDir: opts.dataDir,
    version: opts.version,
    db,
    drafts: new DraftsService(db, emit),
    log: opts.log,
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}
