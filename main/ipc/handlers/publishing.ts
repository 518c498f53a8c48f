import type { publishingChannels } from '../../contract/domains/publishing';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const publishingHandlers = ({ publishing }: AppServices): HandlersFor<typeof publishingChannels> => ({
  'hubs.list': () => publishing.hubs.list(),
  'hubs.create': (input) => publishing.createHub(input),
  'hubs.update': ({ hubId, patch }) => publishing.updateHub(hubId, patch),
  'hubs.delete': async ({ hubId }) => {
    await publishing.deleteHub(hubId);
    return { hubId };
  },
  'hubs.test': ({ hubId }) => publishing.hubs.testConnection(hubId),
  'hubs.createBucket': ({ hubId }) => publishing.hubs.createBucket(hubId),
  'publish.courses': () => publishing.publish.courses(),
  'publish.check': ({ courseId }) => publishing.publish.check(courseId),
  'publish.start': ({ courseId, hubId, wait, bandwidthLimit }) => publishing.publish.start(courseId, hubId, { wait, bandwidthLimit }),
  'publish.runs': () => publishing.publish.runs(),
  'publish.unpublish': ({ courseId, hubId }) => publishing.publish.unpublish(courseId, hubId),
  'publish.gc': ({ courseId, hubId, keepVersions }) => publishing.publish.collectGarbage(courseId, hubId, keepVersions),
  'uploads.pause': ({ runId }) => publishing.publish.pause(runId),
  'uploads.resume': ({ runId, wait }) => publishing.publish.resume(runId, { wait }),
  'uploads.cancel': ({ runId }) => publishing.publish.cancel(runId),
  'uploads.retry': ({ runId, wait }) => publishing.publish.retry(runId, { wait }),
});
