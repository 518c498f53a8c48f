import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Updater } from '../services/updates/update-service';

/**
 * electron-updater's platform updater for installed builds. A development run has no update feed
 * (app-update.yml is written by electron-builder at packaging time), so it gets none.
 */
export function createUpdater(): Updater | null {
  if (!app.isPackaged) return null;
  return electronUpdater.autoUpdater;
}
