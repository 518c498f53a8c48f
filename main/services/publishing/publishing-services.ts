import type { Database } from '../db/database';
import type { EventSink } from '../../contract/events';
import type { SecretStore } from '../credentials/secret-store';
import { HubProfiles } from '../hub/hub-profiles';
import type { Logger } from '../log/logger';

export interface PublishingServices {
  readonly hubs: HubProfiles;
  close(): Promise<void>;
}

export interface PublishingOptions {
  db: Database;
  secrets: SecretStore;
  log: Logger;
  emit: EventSink;
}

/** The instructor's way to the hub: hub profiles with keychain secrets, uploads and publishing. */
export function openPublishingServices(opts: PublishingOptions): PublishingServices {
  const hubs = new HubProfiles({ db: opts.db, secrets: opts.secrets });
  return {
    hubs,
    close: async () => {},
  };
}
