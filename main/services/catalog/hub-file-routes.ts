import { createHash } from 'node:crypto';
import type { FetchHandler } from '../app-server/static-files';
import { hubFetch, readCapped } from '../downloads/hub-fetch';
import { resolveHubUri } from '../hls/hub-uri';
import { isSameOrigin } from '../offline-media/offline-media-handler';
import type { CatalogService } from './catalog-service';

export interface PreviewStreamOptions {
  catalog: Pick<CatalogService, 'previewFile'>;
  appOrigin: string;
  /** Where the handler is mounted; default '/stream/'. */
  prefix?: string;
  fetch?: typeof fetch;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Plain names only, matched on the raw path: no percent-encoding, no empty, dot or dot-dot segments. */
const KEY = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;
const COMMON = { 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
const TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t', m4s: 'video/mp4', mp4: 'video/mp4', vtt: 'text/vtt', jpg: 'image/jpeg' };

/**
 * Streams a free-preview lecture from its hub without downloading it:
 * `<prefix><hubId>/<courseId>/<lectureId>/<hub key>`. Only files the cached course manifest lists for a
 * lecture marked free preview are fetched — under the hub base, size-capped, and checked against the
 * manifest's sha256 before a byte reaches the player — so the route is no open proxy, and only the
 * app's own pages may use it. Relative playlist URIs resolve to sibling paths under the same prefix.
 */
export function createPreviewStreamHandler(opts: PreviewStreamOptions): FetchHandler {
  const prefix = opts.prefix ?? '/stream/';
  const fail = (status: number, message: string) => new Response(message, { status, headers: { ...COMMON, 'content-type': 'text/plain; charset=utf-8' } });
  return async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405, headers: { ...COMMON, allow: 'GET' } });
    if (!isSameOrigin(request, opts.appOrigin)) return fail(403, 'Previews are only streamed to the Lectern player.');
    const [hubId, courseId, lectureId, ...rest] = new URL(request.url).pathname.slice(prefix.length).split('/');
    const key = rest.join('/');
    if (!hubId || !UUID.test(hubId) || !courseId || !ID.test(courseId) || !lectureId || !ID.test(lectureId) || !KEY.test(key)) return fail(404, 'Not found');
    const found = opts.catalog.previewFile(hubId, courseId, lectureId, key);
    if (!found) return fail(404, 'Not found');
    let body: Buffer;
    try {
      const { url } = resolveHubUri(key, found.base, found.base, 'A free-preview file');
      const signal = AbortSignal.timeout(30_000);
      body = await readCapped(await hubFetch(url, found.base, signal, opts.fetch), found.file.size, key);
    } catch (err) {
      return fail(502, `The hub could not be reached for this preview: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (body.byteLength !== found.file.size || createHash('sha256').update(body).digest('hex') !== found.file.sha256) {
      return fail(502, `${key} from the hub does not match the course manifest.`);
    }
    const type = TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    return new Response(new Uint8Array(body), { status: 200, headers: { ...COMMON, 'content-type': type, 'content-length': String(body.byteLength) } });
  };
}
