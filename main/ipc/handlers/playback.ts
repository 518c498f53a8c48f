import type { playbackChannels } from '../../contract/domains/playback';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const playbackHandlers = (_s: AppServices): HandlersFor<typeof playbackChannels> => ({});
