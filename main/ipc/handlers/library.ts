import type { libraryChannels } from '../../contract/domains/library';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const libraryHandlers = (_s: AppServices): HandlersFor<typeof libraryChannels> => ({});
