import type { WebPreferences } from 'electron';

/**
 * The security decisions of the Electron layer as plain functions, so unit tests can pin them down
 * without an Electron binary. window.ts and ipc-main.ts only wire these into Electron's hooks.
 */

/** The scheme the UI and its offline media are served from (privileged in app-protocol.ts). */
export const APP_SCHEME = 'lectern';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // Custom schemes report origin "null" in WHATWG URL; compare scheme + host instead.
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/**
 * Origins whose pages may talk to main. `devServerUrl` is electron-vite's renderer dev server, only
 * present in development.
 */
export function trustedOrigins(devServerUrl?: string): string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

export function isTrustedUrl(url: string | undefined, origins: readonly string[]): boolean {
  if (!url) return false;
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/** In-app navigation: only within the app's own origin. Everything else is refused. */
export function allowNavigation(url: string, origins: readonly string[]): boolean {
  return isTrustedUrl(url, origins);
}

/** Links the user may open in their browser. Only https: no file:, no custom protocols, no plain http. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** window.open and target=_blank never create a window; a safe link goes to the system browser instead. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
}

/** One permission request or check as Chromium reports it: which permission, from which page, for which media. */
export interface PermissionAsk {
  permission: string;
  /** The requesting page (request handler) or origin (check handler). */
  requestingUrl: string | undefined;
  /** For 'media': 'video' and/or 'audio' (requests), or one of them or 'unknown' (checks). */
  mediaTypes?: readonly string[] | undefined;
}

/**
 * Permissions the renderer may get from Chromium: fullscreen for the player; camera and microphone
 * ('media', video/audio only) and screen capture ('display-capture') for the recording studio, and those
 * only for the app's own origin. Everything else (geolocation, notifications, clipboard, HID, USB…) is denied.
 * Screen capture itself goes through setDisplayMediaRequestHandler, which only ever grants the source the
 * instructor picked in Lectern's own picker.
 */
export function allowPermission(ask: PermissionAsk, origins: readonly string[]): boolean {
  if (!isTrustedUrl(ask.requestingUrl, origins)) return false;
  switch (ask.permission) {
    case 'fullscreen':
    case 'display-capture':
      return true;
    case 'media': {
      const types = ask.mediaTypes ?? [];
      return types.length > 0 && types.every((t) => t === 'video' || t === 'audio');
    }
    default:
      return false;
  }
}
