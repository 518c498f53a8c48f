import type { FetchHandler } from '../app-server/static-files';
import { DOWNLOAD_ID, isInsideFolder } from '../downloads/library-paths';
import { respondWithFile } from './file-response';

/** What the handler needs from whoever owns the downloads; every name in it is chosen by the app. */
export interface OfflineMediaSource {
  /** The local playlist `name` ('master', 'video', 'audio'…) of a download, or null. */
  playlist(downloadId: string, name: string): Promise<string | null> | string | null;
  /**
   * Absolute path of stored file `index` once it is verified, or null. A source may wait a little for a
   * file its download is fetching right now; `signal` aborts when the player gives up on the request.
   */
  filePath(downloadId: string, index: number, signal?: AbortSignal): Promise<string | null> | string | null;
  /** The download's 16-byte content key, or null. */
  key(downloadId: string): Promise<Uint8Array | null>;
  /** The download is fetching, so a file missing now will come: the player is told to retry, not that it is gone. */
  fetching?(downloadId: string): boolean;
  /** A completed download's captions as checked WebVTT text (decrypted), or null when it has none. */
  captions?(downloadId: string): Promise<string | null>;
}

export interface OfflineMediaOptions {
  source: OfflineMediaSource;
  /** Every file served must resolve inside this folder. */
  libraryDir: string;
  /** The renderer's origin (`lectern://app`, or the test host's `http://127.0.0.1:<port>`). */
  appOrigin: string;
  /** Where the handler is mounted; default '/media/'. */
  prefix?: string;
}

const NAME = /^[a-z0-9]{1,32}$/;
const INDEX = /^(0|[1-9]\d{0,6})$/;
const COMMON = { 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff' };

/**
 * The offline player's media route: `<prefix><downloadId>/<name>.m3u8`, `<prefix><downloadId>/files/<n>`,
 * `<prefix><downloadId>/key` and `<prefix><downloadId>/captions.vtt`. URLs are matched on the raw (undecoded) path against strict patterns,
 * so `..`, `%2e%2e`, `%2f`, NUL or absolute paths never reach the file system: they simply do not match.
 * The segments on disk are ciphertext; the key is handed only to the app's own pages (see `isSameOrigin`).
 */
export function createOfflineMediaHandler(opts: OfflineMediaOptions): FetchHandler {
  const prefix = opts.prefix ?? '/media/';
  const notFound = () => new Response('Not found', { status: 404, headers: COMMON });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { ...COMMON, allow: 'GET, HEAD' } });
    }
    const url = new URL(request.url);
    if (!url.pathname.startsWith(prefix)) return notFound();
    const parts = url.pathname.slice(prefix.length).split('/');
    const [id, second, third, ...rest] = parts;
    if (id === undefined || !DOWNLOAD_ID.test(id) || second === undefined || rest.length > 0) return notFound();

    if (third === undefined && second === 'key') return serveKey(request, id);
    if (third === undefined && second === 'captions.vtt') return serveCaptions(request, id);
    if (third === undefined && second.endsWith('.m3u8')) {
      const name = second.slice(0, -'.m3u8'.length);
      if (!NAME.test(name)) return notFound();
      const text = await opts.source.playlist(id, name);
      if (text === null) return notFound();
      const headers = { ...COMMON, 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-store' };
      return new Response(request.method === 'HEAD' ? null : text, { status: 200, headers });
    }
    if (second === 'files' && third !== undefined && INDEX.test(third)) {
      const file = await opts.source.filePath(id, Number(third), request.signal);
      if (file === null && opts.source.fetching?.(id)) {
        // hls.js retries a 5xx with back-off (a 404 is final): playing while downloading just waits.
        return new Response('Not downloaded yet', { status: 503, headers: { ...COMMON, 'retry-after': '1', 'cache-control': 'no-store' } });
      }
      if (file === null || !isInsideFolder(opts.libraryDir, file)) return notFound();
      // The bytes are AES-128 ciphertext until the player decrypts them, so they are opaque to anyone else.
      return respondWithFile(request, file, { contentType: 'application/octet-stream', headers: COMMON });
    }
    return notFound();
  };

  /** Captions are stored encrypted but served decrypted (a text track cannot decrypt), so only to the app, like the key. */
  async function serveCaptions(request: Request, id: string): Promise<Response> {
    if (!isSameOrigin(request, opts.appOrigin)) {
      return new Response('Captions are only served to the Lectern player.', { status: 403, headers: COMMON });
    }
    const text = (await opts.source.captions?.(id)) ?? null;
    if (text === null) return notFound();
    const body = Buffer.from(text, 'utf8');
    const headers = { ...COMMON, 'content-type': 'text/vtt; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(body.byteLength) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  }

  async function serveKey(request: Request, id: string): Promise<Response> {
    if (!isSameOrigin(request, opts.appOrigin)) {
      return new Response('Keys are only served to the Lectern player.', { status: 403, headers: COMMON });
    }
    const key = await opts.source.key(id);
    if (key === null) return notFound();
    const headers = { ...COMMON, 'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'content-length': String(key.byteLength) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(key), { status: 200, headers });
  }
}

/**
 * The player marks its key requests with this header (hls.js `xhrSetup`/`fetchSetup`). A page on another
 * origin cannot send a custom header without a CORS preflight, which this route never grants, so the
 * header proves the request comes from the app's own origin even where the browser adds no fetch
 * metadata (Electron's custom-scheme handler may see neither Sec-Fetch-Site nor, under the app's
 * no-referrer policy, Referer).
 */
export const PLAYER_HEADER = 'x-lectern-player';

/**
 * A browser sets `Sec-Fetch-Site`, `Origin` and `Referer` itself and a page cannot forge them, so any of
 * them naming another origin refuses the request. It is accepted when the player header is present or
 * the fetch metadata positively says same-origin; a request with no signal at all (another local
 * program) is refused. This does not stop a local process running as the user that forges headers —
 * such a process could read the keychain anyway; see docs/SECURITY.md.
 */
export function isSameOrigin(request: Request, appOrigin: string): boolean {
  const origin = appOrigin.replace(/\/+$/, '');
  const site = request.headers.get('sec-fetch-site');
  const from = request.headers.get('origin');
  const referer = request.headers.get('referer');
  // Every signal present must agree; compared as strings because Node's URL gives custom schemes a 'null' origin.
  if (site !== null && site !== 'same-origin') return false;
  if (from !== null && from !== origin) return false;
  if (referer !== null && referer !== origin && !referer.startsWith(`${origin}/`)) return false;
  return request.headers.get(PLAYER_HEADER) === '1' || site !== null || from !== null || referer !== null;
}
