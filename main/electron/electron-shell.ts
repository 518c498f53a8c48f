import { app, BrowserWindow, dialog } from 'electron';
import type { ServiceText, TextKey } from '../contract/service-text';
import { IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, type HostShell } from '../ipc/host-shell';
import { formatText } from '../services/text/format-text';
import type { CaptureSources } from './capture-sources';

/**
 * Native dialogs for the renderer's requests, worded in the UI's language: `language` is asked at each
 * dialog, so a language switch in Settings applies to the next one without a restart.
 */
export function createElectronShell(capture: CaptureSources, language: () => string): HostShell {
  const say = (text: ServiceText | TextKey) => formatText(typeof text === 'string' ? { key: text } : text, language());
  const pickOne = (title: TextKey, filter: TextKey, extensions: string[]) =>
    showOpen({ title: say(title), properties: ['openFile'], filters: [{ name: say(filter), extensions }, { name: say('dialog.allFiles'), extensions: ['*'] }] });
  return {
    pickVideoFile: () => pickOne('dialog.pickVideo', 'dialog.videos', VIDEO_EXTENSIONS),
    pickImageFile: () => pickOne('dialog.pickCover', 'dialog.images', IMAGE_EXTENSIONS),
    pickCaptionsFile: () => pickOne('dialog.pickCaptions', 'dialog.captions', ['vtt']),
    pickFolder: (title) => showOpen({ title: say(title), buttonLabel: say('dialog.saveHere'), properties: ['openDirectory', 'createDirectory'] }),
    listCaptureSources: () => capture.list(),
    selectCaptureSource: (sourceId) => capture.choose(sourceId),
    preferredLanguages: () => app.getPreferredSystemLanguages(),
  };
}

/** One path from an open dialog, attached to the focused window when there is one. */
async function showOpen(options: Electron.OpenDialogOptions): Promise<string | null> {
  const win = BrowserWindow.getFocusedWindow();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
