import type { recordingsChannels } from '../../contract/domains/recordings';
import type { AppServices } from '../../services/app-services';
import type { HostShell } from '../host-shell';
import type { HandlersFor } from './handler-types';

export const recordingsHandlers = ({ recordings }: AppServices, shell: HostShell): HandlersFor<typeof recordingsChannels> => ({
  'recordings.start': (input) => recordings.start(input),
  'recordings.appendChunk': ({ takeId, seq, data, elapsedMs }) => recordings.appendChunk(takeId, seq, data, elapsedMs),
  'recordings.pause': ({ takeId }) => recordings.pause(takeId),
  'recordings.resume': ({ takeId }) => recordings.resume(takeId),
  'recordings.stop': ({ takeId, elapsedMs }) => recordings.stop(takeId, elapsedMs),
  'recordings.discard': ({ takeId }) => recordings.discard(takeId),
  'recordings.get': ({ takeId }) => recordings.get(takeId),
  'recordings.list': ({ lectureId }) => recordings.list(lectureId),
  'recordings.unfinished': () => recordings.unfinished(),
  'recordings.recover': ({ takeId }) => recordings.recover(takeId),
  'recordings.rename': ({ takeId, name }) => recordings.rename(takeId, name),
  'recordings.delete': ({ takeId }) => recordings.delete(takeId),
  'recordings.restore': ({ takeId }) => recordings.restore(takeId),
  'recordings.use': ({ takeId }) => recordings.use(takeId),
  'recordings.trim': ({ takeId, startSec, endSec }) => recordings.trim(takeId, startSec, endSec),
  'recordings.clearTrim': ({ takeId }) => recordings.clearTrim(takeId),
  'recordings.diskSpace': () => recordings.diskSpace(),
  'recordings.sources': () => shell.listCaptureSources(),
  'recordings.chooseSource': async ({ sourceId }) => {
    await shell.selectCaptureSource(sourceId);
    return { sourceId };
  },
});
