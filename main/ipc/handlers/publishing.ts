import type { publishingChannels } from '../../contract/domains/publishing';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const publishingHandlers = (_s: AppServices): HandlersFor<typeof publishingChannels> => ({});
