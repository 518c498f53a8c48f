import type { mediaChannels } from '../../contract/domains/media';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const mediaHandlers = ({ media }: AppServices): HandlersFor<typeof mediaChannels> => ({
  'media.tools': () => media.tools(),
  'media.import': ({ lectureId, filePath }) => media.import(lectureId, filePath),
  'media.attachCaptions': ({ lectureId, filePath, language, label }) => media.attachCaptions(lectureId, filePath, { language, label }),
  'media.setCaptionsInfo': ({ lectureId, language, label }) => media.setCaptionsInfo(lectureId, { language, label }),
  'media.removeCaptions': ({ lectureId }) => media.removeCaptions(lectureId),
  'media.get': ({ lectureId }) => media.get(lectureId),
  'media.build': ({ lectureId, wait, kinds }) => media.build(lectureId, { wait, kinds }),
  'media.cancel': ({ jobId }) => media.cancel(jobId),
  'media.jobs': () => media.jobs(),
});
