import path from 'node:path';
import type { FetchHandler } from '../app-server/static-files';
import { isInsideFolder } from '../downloads/library-paths';
import { STORYBOARD_SPRITE, STORYBOARD_VTT } from '../media/media-paths';
import { respondWithFile } from '../offline-media/file-response';
import { FINAL_NAMES, STORYBOARD_DIR, TakePaths, THUMBNAIL_FILE, TRIMMED_FILE } from './take-paths';

export const RECORDINGS_ROUTE_PREFIX = '/studio-recordings/';

const TAKE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Finished files only: never the journaled `take.*` (still being written) or a `.tmp-*` output. */
const FILES: readonly string[] = [...FINAL_NAMES, TRIMMED_FILE, THUMBNAIL_FILE];
const STORYBOARD_FILES: readonly string[] = [STORYBOARD_SPRITE, STORYBOARD_VTT];

const TYPES: Record<string, string> = {
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
  '.vtt': 'text/vtt; charset=utf-8',
};
const COMMON = { 'cross-origin-resource-policy': 'same-origin', 'cache-control': 'no-cache' };

/**
 * The recording panel's view of finished takes: `<prefix><takeId>/<file>` for the video, its trimmed cut
 * and thumbnail, `<prefix><takeId>/storyboard/<file>` for the trim timeline. Only names from a fixed list
 * are matched, so encoded separators, dot-segments and dot-files never reach the file system; the
 * resolved path is checked to stay inside the take's folder. Videos answer byte ranges (seeking).
 */
export function createRecordingsRoute(dataDir: string, prefix = RECORDINGS_ROUTE_PREFIX): FetchHandler {
  const paths = new TakePaths(dataDir);
  const notFound = () => Promise.resolve(new Response('Not found', { status: 404, headers: COMMON }));
  return (request) => {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(prefix)) return notFound();
    const [takeId, name, sub, ...rest] = pathname.slice(prefix.length).split('/');
    if (!takeId || !TAKE_ID.test(takeId) || !name || rest.length) return notFound();
    let file: string;
    if (name === STORYBOARD_DIR) {
      if (!sub || !STORYBOARD_FILES.includes(sub)) return notFound();
      file = path.join(paths.storyboardDir(takeId), sub);
    } else {
      if (sub !== undefined || !FILES.includes(name)) return notFound();
      file = paths.file(takeId, name);
    }
    if (!isInsideFolder(paths.dir(takeId), file)) return notFound();
    const contentType = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return respondWithFile(request, file, { contentType, headers: COMMON });
  };
}

export function takeUrl(takeId: string, ...parts: string[]): string {
  return `${RECORDINGS_ROUTE_PREFIX}${takeId}/${parts.join('/')}`;
}
