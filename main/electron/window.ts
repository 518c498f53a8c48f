import { BrowserWindow, session, shell } from 'electron';
import type { Logger } from '../services/log/logger';
import { allowNavigation, allowPermission, decideWindowOpen, secureWebPreferences } from './security-policy';

export interface WindowOptions {
  preloadPath: string;
  startUrl: string;
  origins: readonly string[];
  log: Logger;
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Lectern',
    show: false,
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  win.once('ready-to-show', () => win.show());

  const wc = win.webContents;
  wc.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(url);
    else opts.log.log('warn', 'blocked window.open', { url: url.slice(0, 200) });
    return { action: decision.action };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (allowNavigation(url, opts.origins)) return;
    event.preventDefault();
    opts.log.log('warn', 'blocked navigation', { url: url.slice(0, 200) });
  };
  wc.on('will-navigate', guard);
  wc.on('will-redirect', guard);
  wc.on('will-attach-webview', (event) => event.preventDefault());

  void win.loadURL(opts.startUrl);
  return win;
}

/**
 * Deny every permission request (geolocation, notifications…) except what the player and the recording
 * studio need, and those only for the app's own pages (security-policy.ts decides).
 */
export function lockDownSession(origins: readonly string[]): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(allowPermission({ permission, requestingUrl: details.requestingUrl, mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined }, origins)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    allowPermission({ permission, requestingUrl: requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : undefined }, origins),
  );
}
