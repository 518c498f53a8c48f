import { protocol } from 'electron';
import type { FetchHandler } from '../services/app-server/static-files';
import { APP_SCHEME } from './security-policy';

/**
 * `lectern://app` is a standard, secure origin with fetch support, so the UI gets a real origin
 * (cookies-free, CSP 'self', same-origin media for hls.js) instead of file://. No CORS privilege: nothing
 * outside the origin may read from it. Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function handleAppScheme(handler: FetchHandler): void {
  protocol.handle(APP_SCHEME, handler);
}
