import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parseRange } from './byte-range';

export interface FileResponseOptions {
  contentType: string;
  /** Extra headers for every answer (200, 206, 416 and HEAD alike). */
  headers?: Record<string, string>;
}

/**
 * Answers `request` (GET or HEAD) with the file at `file`, honouring a single `Range`.
 * The caller has already decided that `file` may be served; this function only never reads outside
 * the requested byte window. Size and body come from one open file handle, so a file replaced between
 * the size check and the read cannot produce a body that disagrees with Content-Length.
 * Resolves to 404 when the path is missing or not a regular file.
 */
export async function respondWithFile(request: Request, file: string, opts: FileResponseOptions): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { ...opts.headers, allow: 'GET, HEAD' } });
  }
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return new Response('Not found', { status: 404, headers: opts.headers });
  }
  let keepOpen = false;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return new Response('Not found', { status: 404, headers: opts.headers });
    const size = stat.size;
    // Strong validator from identity, size and modification time: the files served are written once
    // and replaced by rename, so any change shows up in one of them.
    const etag = `"${stat.ino.toString(36)}-${size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    const lastModified = stat.mtime.toUTCString();
    const base = {
      ...opts.headers,
      'accept-ranges': 'bytes',
      etag,
      'last-modified': lastModified,
      'x-content-type-options': 'nosniff',
    };
    if (matchesAny(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: base });
    // If-Range: the client's copy is stale, so it gets the whole current file rather than a mismatched slice.
    const ifRange = request.headers.get('if-range');
    const rangeHeader = ifRange === null || ifRange === etag || ifRange === lastModified ? request.headers.get('range') : null;
    const range = parseRange(rangeHeader, size);
    if (range.kind === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...base, 'content-range': `bytes */${size}` } });
    }
    const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, size - 1];
    const headers: Record<string, string> = { ...base, 'content-type': opts.contentType, 'content-length': String(end - start + 1) };
    if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end}/${size}`;
    if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
    // The stream owns the handle from here and closes it when it ends or the client goes away.
    const stream = handle.createReadStream({ start, end });
    keepOpen = true;
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
  } finally {
    if (!keepOpen) await handle.close();
  }
}

/** `If-None-Match`: a list of entity tags or `*` (weak comparison, as RFC 9110 §13.1.2 asks). */
function matchesAny(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
