import path from 'node:path';
import type { FetchHandler } from '../app-server/static-files';
import { isInsideFolder } from '../downloads/library-paths';
import { respondWithFile } from '../offline-media/file-response';
import { CAPTIONS_FILE, MediaPaths, type OutputName } from './media-paths';

const LECTURE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** One path segment of a built output: ffmpeg's and Lectern's own names, never dot-files or `..`. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const OUTPUTS: readonly OutputName[] = ['poster.jpg', 'preview.mp4', 'storyboard', 'hls'];
/** Served like a file output, for the preview player's text track; the instructor's own file, not a secret. */
const SERVED: readonly string[] = [...OUTPUTS, CAPTIONS_FILE];

const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
  '.vtt': 'text/vtt; charset=utf-8',
};
const COMMON = { 'cross-origin-resource-policy': 'same-origin', 'cache-control': 'no-cache' };

/**
 * The studio's view of a lecture's finished media, for the instructor's preview player and posters:
 * `<prefix><lectureId>/<output>[/<file>…]`, where `<output>` is one of the finished outputs or the
 * attached `captions.vtt` (never the imported source or a job's temp folder). The raw path is matched segment by segment, so encoded
 * separators, dot-segments and dot-files never reach the file system, and the resolved path is checked
 * to stay inside the lecture's folder.
 */
export function createStudioMediaRoute(dataDir: string, prefix = '/studio-media/'): FetchHandler {
  const paths = new MediaPaths(dataDir);
  const notFound = () => Promise.resolve(new Response('Not found', { status: 404, headers: COMMON }));
  return (request) => {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(prefix)) return notFound();
    const [lectureId, output, ...rest] = pathname.slice(prefix.length).split('/');
    if (!lectureId || !LECTURE_ID.test(lectureId) || !output || !SERVED.includes(output)) return notFound();
    if (rest.length > 4 || !rest.every((s) => SEGMENT.test(s))) return notFound();
    const isFolder = output === 'hls' || output === 'storyboard';
    if (isFolder !== rest.length > 0) return notFound();
    const lectureDir = paths.lectureDir(lectureId);
    const file = output === CAPTIONS_FILE ? paths.captions(lectureId) : path.join(paths.output(lectureId, output as OutputName), ...rest);
    if (!isInsideFolder(lectureDir, file)) return notFound();
    const contentType = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return respondWithFile(request, file, { contentType, headers: COMMON });
  };
}
