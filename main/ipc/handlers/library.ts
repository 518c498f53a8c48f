import type { libraryChannels } from '../../contract/domains/library';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const libraryHandlers = ({ library: { catalog, downloads, library, libraryDir } }: AppServices): HandlersFor<typeof libraryChannels> => ({
  'library.hubs': () => catalog.hubs(),
  'library.addHub': ({ baseUrl, name, credentials }) => catalog.addHub(baseUrl, name, credentials),
  'library.updateHubCredentials': ({ hubId, credentials }) => library.updateHubCredentials(hubId, credentials),
  'library.removeHub': async ({ hubId }) => {
    await catalog.removeHub(hubId);
    return catalog.hubs();
  },
  'catalog.list': async ({ query, limit, complete, locale }) => {
    if (complete) await catalog.loaded();
    return catalog.list(query, { ...(limit === undefined ? {} : { limit }), ...(locale === undefined ? {} : { locale }) });
  },
  'catalog.refresh': ({ hubId, firstPageOnly, limit, locale }) =>
    catalog.refresh(hubId, { ...(firstPageOnly === undefined ? {} : { firstPageOnly }), ...(limit === undefined ? {} : { limit }), ...(locale === undefined ? {} : { locale }) }),
  'catalog.course': ({ hubId, courseId }) => library.coursePage(hubId, courseId),
  'downloads.plan': ({ quality, ...ref }) => library.plan(ref, quality),
  'downloads.start': ({ height, heights, wait, ...ref }) => library.start(ref, heights ?? height, wait),
  'downloads.update': ({ hubId, courseId, wait }) => library.update(hubId, courseId, wait),
  'downloads.list': () => library.list(),
  'downloads.pause': async ({ downloadId }) => {
    await downloads.pause(downloadId);
    return library.item(downloads.get(downloadId));
  },
  'downloads.resume': async ({ downloadId }) => {
    await library.resume(downloadId);
    return library.item(downloads.get(downloadId));
  },
  'downloads.prioritize': ({ downloadId }) => library.item(downloads.prioritize(downloadId)),
  'downloads.remove': async ({ downloadId }) => {
    await downloads.remove(downloadId);
    return library.list();
  },
  'downloads.verify': ({ downloadId }) => downloads.verify(downloadId),
  'library.storage': () => library.storage(libraryDir),
});
