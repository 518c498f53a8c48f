import type { EventSink } from '../../contract/events';
import type { SecretStore } from '../credentials/secret-store';
import type { Database } from '../db/database';
import type { Logger } from '../log/logger';

/** Watch progress and "continue where I left off" (filled in with the offline player). */
export type PlaybackServices = {
  close(): Promise<void>;
};

export interface PlaybackOptions {
  db: Database;
  secrets: SecretStore;
  log: Logger;
  emit: EventSink;
}

export function openPlaybackServices(_opts: PlaybackOptions): PlaybackServices {
  return { close: async () => {} };
}
