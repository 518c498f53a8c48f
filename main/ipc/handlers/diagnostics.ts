import type { diagnosticsChannels } from '../../contract/domains/diagnostics';
import type { AppServices } from '../../services/app-services';
import type { HostShell } from '../host-shell';
import type { HandlersFor } from './handler-types';

export const diagnosticsHandlers = ({ diagnostics }: AppServices, shell: HostShell): HandlersFor<typeof diagnosticsChannels> => ({
  'diagnostics.export': async ({ outDir }) => {
    const dir = outDir ?? (await shell.pickFolder({ key: 'dialog.diagnosticsFolder' }));
    return dir === null ? { path: null, files: [], problems: [] } : diagnostics.export(dir);
  },
});
