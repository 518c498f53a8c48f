import { app, BrowserWindow, dialog } from 'electron';
import { IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, type HostShell } from '../ipc/host-shell';
import type { CaptureSources } from './capture-sources';

export function createElectronShell(capture: CaptureSources): HostShell {
  return {
    pickVideoFile: () => pickOne('Choose a lecture video', { name: 'Videos', extensions: VIDEO_EXTENSIONS }),
    pickImageFile: () => pickOne('Choose a course cover', { name: 'Images (JPEG, PNG, WebP)', extensions: IMAGE_EXTENSIONS }),
    pickCaptionsFile: () => pickOne('Choose a captions file', { name: 'WebVTT captions', extensions: ['vtt'] }),
    pickFolder: (title) => pickFolder(title),
    listCaptureSources: () => capture.list(),
    selectCaptureSource: (sourceId) => capture.choose(sourceId),
    preferredLanguages: () => app.getPreferredSystemLanguages(),
  };
}

function pickOne(title: string, filter: Electron.FileFilter): Promise<string | null> {
  return showOpen({ title, properties: ['openFile'], filters: [filter, { name: 'All files', extensions: ['*'] }] });
}

function pickFolder(title: string): Promise<string | null> {
  return showOpen({ title, buttonLabel: 'Save here', properties: ['openDirectory', 'createDirectory'] });
}

/** One path from an open dialog, attached to the focused window when there is one. */
async function showOpen(options: Electron.OpenDialogOptions): Promise<string | null> {
  const win = BrowserWindow.getFocusedWindow();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
