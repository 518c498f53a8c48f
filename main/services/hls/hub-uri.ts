import { PlaylistError } from './playlist-error';

/**
 * Checks a hub base URL once: http(s), no credentials, no query or fragment, and a path ending in '/',
 * so "under the base" is a plain prefix test.
 */
export function normalizeHubBase(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new PlaylistError(`"${base}" is not a valid hub address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PlaylistError(`The hub address must be http or https, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '') throw new PlaylistError('The hub address must not contain a user name or password.');
  if (url.search !== '' || url.hash !== '') throw new PlaylistError('The hub address must not contain a query or fragment.');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * Resolves a URI found in a hub document against the document's own URL and allows it only when it
 * stays under the hub base: same scheme, host and port, no credentials, and a path below the base's.
 * Percent-encoded dots, slashes and backslashes are refused outright, because a server may decode them
 * after Lectern's check and walk out of the base. Returns the resolved URL and its path relative to the
 * base (the key the manifest lists). The result is only ever fetched — never turned into a local path.
 */
export function resolveHubUri(uri: string, documentUrl: URL, base: URL, where: string): { url: URL; key: string } {
  if (uri === '' || /[\s\\\u0000-\u001f\u007f]/.test(uri)) throw new PlaylistError(`${where}: "${uri.slice(0, 80)}" is not an allowed URI.`);
  if (/%(2e|2f|5c|00)/i.test(uri)) throw new PlaylistError(`${where}: "${uri.slice(0, 80)}" hides dots or slashes in percent-encoding.`);
  let url: URL;
  try {
    url = new URL(uri, documentUrl);
  } catch {
    throw new PlaylistError(`${where}: "${uri.slice(0, 80)}" is not a valid URI.`);
  }
  const refuse = (why: string) => new PlaylistError(`${where}: "${uri.slice(0, 80)}" ${why}; only files under ${base.href} are downloaded.`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(`uses ${url.protocol}`);
  if (url.username !== '' || url.password !== '') throw refuse('carries credentials');
  if (url.origin !== base.origin) throw refuse(`points at another server (${url.host})`);
  if (url.search !== '') throw refuse('has a query string');
  if (!url.pathname.startsWith(base.pathname) || url.pathname === base.pathname) throw refuse('leaves the hub folder');
  url.hash = '';
  let key: string;
  try {
    key = decodeURIComponent(url.pathname.slice(base.pathname.length));
  } catch {
    throw refuse('has broken percent-encoding');
  }
  return { url, key };
}
