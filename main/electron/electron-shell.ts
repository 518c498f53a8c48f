import { BrowserWindow, dialog } from 'electron';
import { VIDEO_EXTENSIONS, type HostShell } from '../ipc/host-shell';

export function createElectronShell(): HostShell {
  return {
    async pickVideoFile() {
      const options: Electron.OpenDialogOptions = {
        title: 'Choose a lecture video',
        properties: ['openFile'],
        filters: [
          { name: 'Videos', extensions: VIDEO_EXTENSIONS },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const win = BrowserWindow.getFocusedWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
