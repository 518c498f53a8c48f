import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { DownloadManager } from '../../../main/services/downloads/download-manager';
import { createOfflineMediaHandler, PLAYER_HEADER } from '../../../main/services/offline-media/offline-media-handler';
import { LECTURE_ID, MANIFEST_PATH, serveHub, writeFfmpegPackage } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * End to end without a browser: download a real HLS package, serve it from the media route on a
 * loopback origin, and let ffmpeg — an independent HLS client that implements AES-128 — decode the
 * local playlists. This proves the rebuilt playlists, the per-segment IVs, the key route and the stored
 * ciphertext fit together; hls.js in Chromium is the lead's end-to-end test.
 */

const tmp = tempDir('lectern-dl-play-');
afterAll(() => tmp.cleanup());

describe.each(['mpegts', 'fmp4'] as const)('an offline %s lecture', (segmentType) => {
  it('decodes through the media route with every frame and the audio', async () => {
    const hubRoot = path.join(tmp.dir, `hub-${segmentType}`);
    writeFfmpegPackage(hubRoot, { segmentType });
    const hub = await serveHub(hubRoot);
    const dataDir = path.join(tmp.dir, `data-${segmentType}`);
    const db = openDatabase(dataDir, migrations);
    const library = path.join(dataDir, 'library');
    const manager = new DownloadManager({ db, libraryDir: library, secrets: createMemorySecretStore(), freeBytes: async () => 1e12 });
    const server = http.createServer();
    try {
      const { id } = await manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
      await manager.start(id);
      expect(manager.get(id).state).toBe('completed');

      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      server.on('request', getRequestListener(createOfflineMediaHandler({ source: manager.mediaSource(), libraryDir: library, appOrigin: origin })));

      const master = `${origin}/media/${id}/master.m3u8`;
      // Async spawn: a synchronous one would block the event loop that serves the media route.
      // Debian's ffmpeg only fetches segments whose extension matches their format unless told otherwise; the route's are bare numbers.
      const decode = (headers: string[]) =>
        new Promise<{ status: number | null; stderr: string }>((resolve) => {
          const args = ['-v', 'error', '-progress', 'pipe:2', ...headers, '-allowed_segment_extensions', 'ALL', '-extension_picky', '0', '-i', master, '-map', '0:v:0', '-map', '0:a:0', '-f', 'null', '-'];
          const p = spawn('/usr/bin/ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          p.once('close', (status) => resolve({ status, stderr }));
        });

      const played = await decode(['-headers', `${PLAYER_HEADER}: 1\r\n`]);
      expect(played.status, played.stderr).toBe(0);
      const frames = Number([...played.stderr.matchAll(/^frame=(\d+)$/gm)].at(-1)?.[1] ?? 0);
      expect(frames).toBe(96);
      expect(played.stderr).not.toMatch(/error|invalid/i);

      // Without the player header the key is refused, and ffmpeg cannot decode the ciphertext.
      const refused = await decode([]);
      expect(refused.status === 0 && !/Invalid|error|Failed/i.test(refused.stderr)).toBe(false);
      // Only ciphertext and init sections are on disk, no playlist that could point anyone at a key.
      expect(fs.readdirSync(path.join(library, id)).every((n) => /^\d+\.seg$/.test(n))).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await hub.close();
      db.close();
    }
  }, 60_000);
});
