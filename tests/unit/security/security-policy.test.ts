import { describe, expect, it } from 'vitest';
import {
  allowNavigation,
  allowPermission,
  APP_ORIGIN,
  APP_START_URL,
  decideWindowOpen,
  isSafeExternalUrl,
  isTrustedUrl,
  secureWebPreferences,
  trustedOrigins,
} from '../../../main/electron/security-policy';

// security-policy.ts imports only types from electron, so these run without an Electron binary.

describe('secureWebPreferences', () => {
  it('is exactly the hardened set, with the given preload', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  it('returns a fresh object each time, so one window cannot loosen another', () => {
    const a = secureWebPreferences('p');
    a.sandbox = false;
    expect(secureWebPreferences('p').sandbox).toBe(true);
  });
});

describe('trusted origins and isTrustedUrl (the IPC sender check)', () => {
  const prod = trustedOrigins();
  const dev = trustedOrigins('http://localhost:5173/');

  it('trusts only the app origin in production', () => {
    expect(prod).toEqual([APP_ORIGIN]);
    expect(isTrustedUrl(APP_START_URL, prod)).toBe(true);
    expect(isTrustedUrl('lectern://app/', prod)).toBe(true);
    expect(isTrustedUrl('lectern://app/course/1?x=1#y', prod)).toBe(true);
  });

  it.each([
    ['a lookalike host with a suffix', 'lectern://app.evil/index.html'],
    ['a lookalike host with a trailing letter', 'lectern://apps/index.html'],
    ['a lookalike host with a prefix', 'lectern://evilapp/index.html'],
    ['the app host as a subdomain elsewhere', 'https://app.lectern.evil/'],
    ['userinfo pretending to be the app', 'https://lectern:app@evil.example/'],
    ['another port on the app host', 'lectern://app:444/index.html'],
    ['another scheme with the same host', 'http://app/index.html'],
    ['file:', 'file:///etc/passwd'],
    ['about:blank', 'about:blank'],
    ['data:', 'data:text/html,<script>1</script>'],
    ['javascript:', 'javascript:alert(1)'],
    ['an empty string', ''],
    ['garbage', 'not a url'],
  ])('refuses %s (%s)', (_name, url) => {
    expect(isTrustedUrl(url, prod)).toBe(false);
  });

  it('refuses a frame without a URL', () => {
    expect(isTrustedUrl(undefined, prod)).toBe(false);
  });

  it('trusts the dev server origin only when it is given', () => {
    expect(dev).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    expect(isTrustedUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/src/main.tsx', prod)).toBe(false);
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });

  it('ignores an unparsable dev server URL instead of trusting "null"', () => {
    expect(trustedOrigins('::not a url::')).toEqual([APP_ORIGIN]);
    expect(isTrustedUrl('lectern://app.evil/', trustedOrigins('::not a url::'))).toBe(false);
  });
});

describe('allowNavigation', () => {
  const origins = trustedOrigins();
  it('allows moving within the app origin only', () => {
    expect(allowNavigation('lectern://app/index.html#/courses', origins)).toBe(true);
    expect(allowNavigation('https://example.com/', origins)).toBe(false);
    expect(allowNavigation('lectern://app.evil/', origins)).toBe(false);
    expect(allowNavigation('file:///home/user/', origins)).toBe(false);
    expect(allowNavigation('javascript:alert(1)', origins)).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  it('opens plain https links in the system browser, never in a new window', () => {
    expect(decideWindowOpen('https://example.com/docs?q=1')).toEqual({ action: 'deny', openExternally: true });
  });

  it.each([
    ['javascript:', 'javascript:alert(document.domain)'],
    ['file:', 'file:///etc/passwd'],
    ['plain http', 'http://example.com/'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['another custom scheme', 'vscode://file/etc/passwd'],
    ['the app itself', 'lectern://app/index.html'],
    ['smb', 'smb://attacker/share'],
    ['data:', 'data:text/html,hi'],
    ['credentials in the URL', 'https://user:pass@example.com/'],
    ['a username alone', 'https://user@example.com/'],
    ['an empty URL', ''],
    ['garbage', 'https//missing-colon'],
  ])('denies and does not open %s', (_name, url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: false });
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('allowPermission', () => {
  const origins = trustedOrigins();
  const app = 'lectern://app/index.html';
  const ask = (permission: string, requestingUrl: string | undefined, mediaTypes?: string[]) => allowPermission({ permission, requestingUrl, mediaTypes }, origins);

  it('grants fullscreen to the player', () => {
    expect(ask('fullscreen', app)).toBe(true);
  });

  it('grants camera, microphone and screen capture to the app origin (the recording studio)', () => {
    expect(ask('media', app, ['video'])).toBe(true);
    expect(ask('media', app, ['audio'])).toBe(true);
    expect(ask('media', app, ['video', 'audio'])).toBe(true);
    expect(ask('media', 'lectern://app', ['audio'])).toBe(true);
    expect(ask('display-capture', app)).toBe(true);
  });

  it.each([
    ['a foreign https page', 'https://evil.example/'],
    ['another custom-scheme host', 'lectern://evil/index.html'],
    ['a file: page', 'file:///tmp/x.html'],
    ['the dev server outside development', 'http://localhost:5173/'],
    ['no URL at all', undefined],
  ])('denies media, screen capture and fullscreen to %s', (_name, url) => {
    expect(ask('media', url, ['video', 'audio'])).toBe(false);
    expect(ask('display-capture', url)).toBe(false);
    expect(ask('fullscreen', url)).toBe(false);
  });

  it('denies media requests that are not plain camera/microphone', () => {
    expect(ask('media', app, [])).toBe(false);
    expect(ask('media', app)).toBe(false);
    expect(ask('media', app, ['unknown'])).toBe(false);
    expect(ask('media', app, ['video', 'screen'])).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'hid', 'serial', 'usb', 'midi', 'pointerLock', 'fileSystem', 'unknown', '', 'Fullscreen', 'Media'])(
    'denies %s even to the app origin',
    (permission) => {
      expect(ask(permission, app, ['video'])).toBe(false);
    },
  );
});
