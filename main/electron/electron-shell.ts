import { BrowserWindow, dialog } from 'electron';
import { VIDEO_EXTENSIONS, type HostShell } from '../ipc/host-shell';
import type { CaptureSources } from './capture-sources';

export function createElectronShell(capture: CaptureSources): HostShell {
  return {
    pickVideoFile: () => pickOne('Choose a lecture video', { name: 'Videos', extensions: VIDEO_EXTENSIONS }),
    pickCaptionsFile: () => pickOne('Choose a captions file', { name: 'WebVTT captions', extensions: ['vtt'] }),
    pickFolder: (title) => pickFolder(title),
    listCaptureSources: () => capture.list(),
    selectCaptureSource: (sourceId) => capture.choose(sourceId),
  };
}

async function pickOne(title: string, filter: Electron.FileFilter): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title, properties: ['openFile'], filters: [filter, { name: 'All files', extensions: ['*'] }] };
  const win = BrowserWindow.getFocusedWindow();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function pickFolder(title: string): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title, buttonLabel: 'Save here', properties: ['openDirectory', 'createDirectory'] };
  const win = BrowserWindow.getFocusedWindow();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
