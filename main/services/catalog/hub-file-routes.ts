import { createHash } from 'node:crypto';
import type { FetchHandler } from '../app-server/static-files';
import { fetchDocumentGuarded } from '../downloads/stall-guard';
import type { ManifestFile } from '../downloads/manifest';
import { resolveHubUri } from '../hls/hub-uri';
import { isSameOrigin } from '../offline-media/offline-media-handler';
import type { CatalogService } from './catalog-service';

export interface HubFileRouteOptions {
  catalog: Pick<CatalogService, 'previewFile' | 'posterFile' | 'coverFile'>;
  appOrigin: string;
  fetch?: typeof fetch;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Plain names only, matched on the raw path: no percent-encoding, no empty, dot or dot-dot segments. */
const KEY = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;
const MAX_POSTER_BYTES = 8 * 1024 * 1024;
const COMMON = { 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
const TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t', m4s: 'video/mp4', mp4: 'video/mp4', vtt: 'text/vtt', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

type Found = { base: URL; file: ManifestFile } | null;

/**
 * Streams a free-preview lecture from its hub without downloading it:
 * `/stream/<hubId>/<courseId>/<lectureId>/<hub key>`. Only files the cached course manifest lists for a
 * lecture marked free preview are fetched, so the route is no open proxy. Relative playlist URIs
 * resolve to sibling paths under the same prefix.
 */
export function createPreviewStreamHandler(opts: HubFileRouteOptions, prefix = '/stream/'): FetchHandler {
  // hls.js marks its requests with the player header, so the strict check holds even under lectern://.
  return hubFileRoute(opts, prefix, (request) => isSameOrigin(request, opts.appOrigin), (parts) => {
    const ref = lectureRef(parts);
    const key = ref?.rest.join('/') ?? '';
    return ref && KEY.test(key) ? opts.catalog.previewFile(ref.hubId, ref.courseId, ref.lectureId, key) : null;
  });
}

/** A lecture's poster image as its manifest lists it: `/poster/<hubId>/<courseId>/<lectureId>`. */
export function createPosterHandler(opts: HubFileRouteOptions, prefix = '/poster/'): FetchHandler {
  // An <img> cannot add the player header and Electron's custom scheme may send no fetch metadata, so a
  // poster (public catalog art, never course media) is refused only when a request names another origin.
  return hubFileRoute(opts, prefix, (request) => !namesOtherOrigin(request, opts.appOrigin), (parts) => {
    const ref = lectureRef(parts);
    if (!ref || ref.rest.length > 0) return null;
    const found = opts.catalog.posterFile(ref.hubId, ref.courseId, ref.lectureId);
    return found && found.file.size <= MAX_POSTER_BYTES && /\.jpe?g$/.test(found.file.path) ? found : null;
  });
}

/** A course's cover as its manifest (or catalog entry) lists it: `/cover/<hubId>/<courseId>`. Same rules as posters. */
export function createCoverHandler(opts: HubFileRouteOptions, prefix = '/cover/'): FetchHandler {
  return hubFileRoute(opts, prefix, (request) => !namesOtherOrigin(request, opts.appOrigin), (parts) => {
    const [hubId, courseId, ...rest] = parts;
    if (hubId === undefined || !UUID.test(hubId) || courseId === undefined || !ID.test(courseId) || rest.length > 0) return null;
    const found = opts.catalog.coverFile(hubId, courseId);
    return found && found.file.size <= MAX_POSTER_BYTES && /\.jpe?g$/.test(found.file.path) ? found : null;
  });
}

function lectureRef(parts: string[]): { hubId: string; courseId: string; lectureId: string; rest: string[] } | null {
  const [hubId, courseId, lectureId, ...rest] = parts;
  if (hubId === undefined || !UUID.test(hubId) || courseId === undefined || !ID.test(courseId) || lectureId === undefined || !ID.test(lectureId)) return null;
  return { hubId, courseId, lectureId, rest };
}

/**
 * The shared part: only requests `allowed` lets through, a file found in the
 * cached manifest or 404 with no request to the hub, fetched under the hub base, capped at the
 * manifest's size, and served only if its sha256 matches — a tampered file is 502, never passed on.
 */
function hubFileRoute(opts: HubFileRouteOptions, prefix: string, allowed: (request: Request) => boolean, lookup: (parts: string[]) => Found): FetchHandler {
  const fail = (status: number, message: string) => new Response(message, { status, headers: { ...COMMON, 'content-type': 'text/plain; charset=utf-8' } });
  return async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405, headers: { ...COMMON, allow: 'GET' } });
    if (!allowed(request)) return fail(403, 'Hub files are only served to the Lectern app.');
    const found = lookup(new URL(request.url).pathname.slice(prefix.length).split('/'));
    if (!found) return fail(404, 'Not found');
    const key = found.file.path;
    let body: Buffer;
    try {
      const { url } = resolveHubUri(key, found.base, found.base, 'A hub file');
      // Progress deadlines rather than a total timeout: a slow preview segment still arrives; a stalled one is 502 within 30 s.
      body = await fetchDocumentGuarded(url, found.base, found.file.size, key, request.signal, opts.fetch ?? fetch);
    } catch (err) {
      return fail(502, `The hub could not be reached for ${key}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (body.byteLength !== found.file.size || createHash('sha256').update(body).digest('hex') !== found.file.sha256) {
      return fail(502, `${key} from the hub does not match the course manifest.`);
    }
    const type = TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    return new Response(new Uint8Array(body), { status: 200, headers: { ...COMMON, 'content-type': type, 'content-length': String(body.byteLength) } });
  };
}

/** True when `Sec-Fetch-Site`, `Origin` or `Referer` (which a page cannot forge) names another origin. */
function namesOtherOrigin(request: Request, appOrigin: string): boolean {
  const origin = appOrigin.replace(/\/+$/, '');
  const site = request.headers.get('sec-fetch-site');
  const from = request.headers.get('origin');
  const referer = request.headers.get('referer');
  return (site !== null && site !== 'same-origin') || (from !== null && from !== origin) || (referer !== null && referer !== origin && !referer.startsWith(`${origin}/`));
}
