import { z } from 'zod';
import { channel, event, none } from '../define';
import { Id } from '../schemas';
import { HubInput, HubPatch } from './hub-schemas';
import type { BucketCreation, GarbageReport, Hub, HubConnectionReport, PublishableCourse, PublishCheck, PublishRun } from './publishing-types';

const RunId = z.strictObject({ runId: Id });
/** `wait`: resolve when the run has finished rather than once it is queued (the CLI). */
const Wait = z.boolean().optional();
const RunAgain = z.strictObject({ runId: Id, wait: Wait });

/** The instructor's hubs, uploads and publishing (issue #4). Secrets go in (create/update), never out. */
export const publishingChannels = {
  'hubs.list': channel<Hub[]>()(none, 'Every hub profile, oldest first, without secrets.'),
  'hubs.create': channel<Hub>()(HubInput, 'Add a hub; the secret key and session token are stored in the system keychain only.'),
  'hubs.update': channel<Hub>()(
    z.strictObject({ hubId: Id, patch: HubPatch }),
    'Change a hub; a secret left out keeps the stored one, sessionToken null removes the temporary token.',
  ),
  'hubs.delete': channel<{ hubId: string }>()(z.strictObject({ hubId: Id }), 'Remove a hub and its keychain entries (refused while it has an upload running).'),
  'hubs.test': channel<HubConnectionReport>()(
    z.strictObject({ hubId: Id }),
    'Check list, write, read and delete on the hub prefix, each separately, and name the first problem.',
  ),
  'hubs.createBucket': channel<BucketCreation>()(
    z.strictObject({ hubId: Id }),
    "Create the hub's bucket with its key (offered when the connection test finds it missing); one that already exists and is ours is left as it is.",
  ),

  'publish.courses': channel<PublishableCourse[]>()(none, 'Every course draft with the version last published to each hub.'),
  'publish.check': channel<PublishCheck>()(
    z.strictObject({ courseId: Id }),
    'The pre-publish check: every lecture has a title and a finished HLS ladder, and there is at least one lecture.',
  ),
  'publish.start': channel<PublishRun>()(
    z.strictObject({
      courseId: Id,
      hubId: Id,
      wait: Wait,
      /** Bytes per second; leave out for no limit. */
      bandwidthLimit: z.number().int().min(65_536, 'An upload limit must be at least 64 KB/s').optional(),
    }),
    'Queue a publish of the course draft to the hub; refused with the problems when the pre-publish check fails.',
  ),
  'publish.runs': channel<PublishRun[]>()(none, 'The upload queue: every publish run, newest first.'),
  'publish.unpublish': channel<{ removed: boolean }>()(
    z.strictObject({ courseId: Id, hubId: Id }),
    "Remove the course from the hub's catalog; students who have it keep it, new students no longer find it.",
  ),
  'publish.gc': channel<GarbageReport>()(
    z.strictObject({ courseId: Id, hubId: Id, keepVersions: z.number().int().min(1, 'Keep at least the current version').max(1000).optional() }),
    'Delete the course’s old versions and the media only they used, keeping the newest keepVersions (default 2).',
  ),

  'uploads.pause': channel<PublishRun>()(RunId, 'Pause a running publish; requests in flight are stopped and resumed later.'),
  'uploads.resume': channel<PublishRun>()(RunAgain, 'Resume a paused publish, also one that was interrupted by quitting Lectern.'),
  'uploads.cancel': channel<PublishRun>()(RunId, 'Cancel a publish; unfinished multipart uploads are aborted on the hub, the current version stays.'),
  'uploads.retry': channel<PublishRun>()(RunAgain, 'Run a failed or cancelled publish again; what already reached the hub is not sent twice.'),
} as const;

export const publishingEvents = {
  'publish.run': event<PublishRun>('A publish run changed state or made progress (at most about four times a second per run).'),
  'hubs.changed': event<{ hubId: string }>('A hub profile was added, changed or removed.'),
} as const;
