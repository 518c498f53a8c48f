import type { updatesChannels } from '../../contract/domains/updates';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const updatesHandlers = ({ updates }: AppServices): HandlersFor<typeof updatesChannels> => ({
  'updates.state': () => updates.status(),
  'updates.check': () => updates.check(),
  'updates.download': () => updates.download(),
  'updates.install': () => updates.install(),
  'updates.settings.get': () => updates.settings(),
  'updates.settings.set': (input) => updates.setSettings(input),
});
