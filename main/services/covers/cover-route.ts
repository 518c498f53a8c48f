import path from 'node:path';
import type { FetchHandler } from '../app-server/static-files';
import { respondWithFile } from '../offline-media/file-response';
import { STUDIO_COVERS_ROUTE } from './cover-service';

const NAME = /^[a-f0-9]{64}\.jpg$/;
const HEADERS = { 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };

/**
 * The studio's course covers: `/studio-covers/<sha256>.jpg`. Only names of that exact shape are looked up,
 * so no request can reach outside `<data>/covers/`.
 */
export function createStudioCoversRoute(dataDir: string, prefix = STUDIO_COVERS_ROUTE): FetchHandler {
  return (request) => {
    const name = new URL(request.url).pathname.slice(prefix.length);
    if (!NAME.test(name)) return Promise.resolve(new Response('Not found', { status: 404, headers: HEADERS }));
    return respondWithFile(request, path.join(dataDir, 'covers', name), { contentType: 'image/jpeg', headers: HEADERS });
  };
}
