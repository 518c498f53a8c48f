import path from 'node:path';
import type { Hub } from '../../contract/domains/publishing-types';
import type { EventSink } from '../../contract/events';
import type { SecretStore } from '../credentials/secret-store';
import type { Database } from '../db/database';
import type { CoverService } from '../covers/cover-service';
import type { DraftsService } from '../drafts/drafts-service';
import type { HubInput, HubPatch } from '../hub/hub-input';
import { HubProfiles } from '../hub/hub-profiles';
import type { Logger } from '../log/logger';
import type { MediaService } from '../media/media-service';
import type { PublisherOptions } from '../uploads/publisher';
import { PublishingService } from './publishing-service';

export interface PublishingServices {
  readonly hubs: HubProfiles;
  readonly publish: PublishingService;
  createHub(input: HubInput): Promise<Hub>;
  updateHub(hubId: string, patch: HubPatch): Promise<Hub>;
  /** Refused while a publish to the hub is queued or running. */
  deleteHub(hubId: string): Promise<void>;
  close(): Promise<void>;
}

export interface PublishingOptions {
  db: Database;
  secrets: SecretStore;
  log: Logger;
  emit: EventSink;
  dataDir: string;
  drafts: DraftsService;
  media: Pick<MediaService, 'get'>;
  covers?: Pick<CoverService, 'file'>;
  /** Upload engine settings; tests shorten the retry policy. */
  engine?: PublisherOptions['engine'];
}

/** The instructor's way to the hub: hub profiles with keychain secrets, uploads and publishing. */
export function openPublishingServices(opts: PublishingOptions): PublishingServices {
  const hubs = new HubProfiles({ db: opts.db, secrets: opts.secrets });
  const publish = new PublishingService({
    db: opts.db,
    hubs,
    drafts: opts.drafts,
    mediaOf: (lectureId) => opts.media.get(lectureId),
    ...(opts.covers ? { coverOf: (courseId: string) => opts.covers?.file(courseId) ?? null } : {}),
    workDir: path.join(opts.dataDir, 'publish-work'),
    log: opts.log,
    emit: opts.emit,
    ...(opts.engine ? { engine: opts.engine } : {}),
  });
  const changed = (hubId: string) => opts.emit('hubs.changed', { hubId });
  return {
    hubs,
    publish,
    async createHub(input) {
      const hub = await hubs.create(input);
      changed(hub.id);
      return hub;
    },
    async updateHub(hubId, patch) {
      const hub = await hubs.update(hubId, patch);
      changed(hubId);
      return hub;
    },
    async deleteHub(hubId) {
      publish.assertHubIdle(hubId);
      await hubs.delete(hubId);
      changed(hubId);
    },
    close: async () => publish.close(),
  };
}
