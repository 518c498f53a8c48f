import type { playbackChannels } from '../../contract/domains/playback';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

/** Progress is the playback service's; which lectures are downloaded comes from the library's manager. */
export const playbackHandlers = ({ playback, library }: AppServices): HandlersFor<typeof playbackChannels> => ({
  'progress.get': (key) => playback.progress.get(key),
  'progress.save': (p) => playback.progress.save(p),
  'progress.course': ({ hubBase, courseId, totalLectures }) => playback.course(hubBase, courseId, totalLectures, library.downloads.list()),
  'progress.recent': ({ limit }) => playback.recent(limit ?? 5, library.downloads.list()),
  'playback.lecture': ({ downloadId }) => {
    const playable = playback.lecture(downloadId, library.downloads.list(), (id) => library.downloads.captions(id));
    // Pressing play on an unfinished lecture means "this one now": it plays as its files arrive.
    if (playable.lecture.downloading) library.downloads.prioritize(downloadId);
    return playable;
  },
});
