import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Serves the files below `root` (the renderer build). A request path is decoded and resolved inside
 * `root`; anything that would land outside it, directly or through a symlink, is a 404, as is anything
 * that is not a plain file.
 */
export function createStaticFiles(root: string, headers: Record<string, string> = {}): FetchHandler {
  const base = path.resolve(root);
  let resolvedRoot: Promise<string> | undefined;
  const realRoot = () => (resolvedRoot ??= fs.promises.realpath(base));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    if (rel.includes('\0')) return new Response('Bad request', { status: 400 });
    const file = path.resolve(base, `.${rel.endsWith('/') ? `${rel}index.html` : rel}`);
    if (file !== base && !file.startsWith(base + path.sep)) return new Response('Not found', { status: 404 });
    // The build is resolved through symlinks once (a packaged or linked checkout may live behind one), and
    // each file is too, so a link inside the build that points elsewhere is refused rather than followed.
    let real: string;
    let stat: fs.Stats;
    try {
      real = await fs.promises.realpath(file);
      stat = await fs.promises.stat(real);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const realBase = await realRoot();
    if (!real.startsWith(realBase + path.sep) || !stat.isFile()) return new Response('Not found', { status: 404 });
    const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const responseHeaders = { ...headers, 'content-type': type, 'content-length': String(stat.size), 'x-content-type-options': 'nosniff' };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers: responseHeaders });
    const body = Readable.toWeb(fs.createReadStream(real)) as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers: responseHeaders });
  };
}
