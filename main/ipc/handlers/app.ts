import type { appChannels } from '../../contract/domains/app';
import type { AppServices } from '../../services/app-services';
import type { HostShell } from '../host-shell';
import type { HandlersFor } from './handler-types';

export const appHandlers = (s: AppServices, shell: HostShell): HandlersFor<typeof appChannels> => ({
  'app.info': () => ({ version: s.version, dataDir: s.dataDir, schemaVersion: s.schemaVersion() }),
  'dialog.pickCaptionsFile': async () => ({ filePath: await shell.pickCaptionsFile() }),
  'dialog.pickImageFile': async () => ({ filePath: await shell.pickImageFile() }),
  'dialog.pickVideoFile': async () => ({ filePath: await shell.pickVideoFile() }),
  'app.language.get': () => ({ setting: s.settings.get('ui.language'), systemLanguages: shell.preferredLanguages() }),
  'app.language.set': ({ setting }) => {
    s.settings.set('ui.language', setting);
    return { setting: s.settings.get('ui.language'), systemLanguages: shell.preferredLanguages() };
  },
});
