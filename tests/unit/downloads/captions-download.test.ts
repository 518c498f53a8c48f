import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { DownloadManager } from '../../../main/services/downloads/download-manager';
import { LECTURE_ID, MANIFEST_PATH, serveHub, writeFfmpegPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/** Captions ride along with a download: verified against the manifest, stored encrypted, re-checked as WebVTT when served. */
const tmp = tempDir('lectern-dl-captions-');
const hubRoot = path.join(tmp.dir, 'hub');
const KEY = 'courses/course1/lectures/lecture1/captions/0123456789abcdef0123/captions.vtt';
const GOOD = 'WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n';
let hub: Hub;
let run = 0;
let pristine: string;

beforeAll(async () => {
  writeFfmpegPackage(hubRoot, { seconds: 2 });
  pristine = fs.readFileSync(path.join(hubRoot, MANIFEST_PATH), 'utf8');
  hub = await serveHub(hubRoot);
});
afterAll(async () => {
  await hub.close();
  tmp.cleanup();
});

/** Puts `served` on the hub and lists `listed` (size and sha256) in the manifest as the lecture's captions. */
function publishCaptions(served: string, listed = served): void {
  fs.mkdirSync(path.dirname(path.join(hubRoot, KEY)), { recursive: true });
  fs.writeFileSync(path.join(hubRoot, KEY), served);
  const doc = JSON.parse(pristine) as { lectures: Record<string, unknown>[] };
  doc.lectures[0]!.captions = { vtt: { path: KEY, size: Buffer.byteLength(listed), sha256: createHash('sha256').update(listed).digest('hex') }, language: 'en', label: 'English' };
  fs.writeFileSync(path.join(hubRoot, MANIFEST_PATH), JSON.stringify(doc));
}

async function download() {
  const dataDir = path.join(tmp.dir, `data-${++run}`);
  const manager = new DownloadManager({
    db: openDatabase(dataDir, migrations),
    libraryDir: path.join(dataDir, 'library'),
    secrets: createMemorySecretStore(),
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
    freeBytes: async () => 1e12,
  });
  const { id } = await manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
  await manager.start(id);
  return { manager, id, folder: path.join(dataDir, 'library', id) };
}

describe('downloading captions', () => {
  it('stores them encrypted and serves them decrypted, with the language and label from the manifest', async () => {
    publishCaptions(GOOD);
    const { manager, id, folder } = await download();
    expect(manager.get(id).state).toBe('completed');
    expect(manager.captions(id)).toMatchObject({ language: 'en', label: 'English' });
    expect(await manager.mediaSource().captions?.(id)).toBe(GOOD);
    expect(fs.readdirSync(folder).some((n) => fs.readFileSync(path.join(folder, n)).includes('Hello'))).toBe(false);
    expect(await manager.verify(id)).toMatchObject({ refetch: 0 });
  });

  it('fails the download when the hub sends captions that do not match the manifest', async () => {
    publishCaptions('WEBVTT\n\n00:00.000 --> 00:02.000\nTampered\n', GOOD);
    const { manager, id } = await download();
    expect(manager.get(id)).toMatchObject({ state: 'failed', error: expect.stringMatching(/captions/) });
  });

  it('does not serve a listed file that is not WebVTT', async () => {
    publishCaptions('<html><script>alert(1)</script></html>\n');
    const { manager, id } = await download();
    expect(manager.get(id).state).toBe('completed');
    expect(await manager.mediaSource().captions?.(id)).toBeNull();
  });
});
