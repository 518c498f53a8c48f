import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { writeCatalog } from '../../helpers/catalog-hub';
import { COURSE_ID, LECTURE_ID, serveHub, writeFfmpegPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';
import { runCliCaptured } from '../../helpers/cli';

/**
 * The student's commands in process. The CLI keeps download keys in the OS keychain; here one in-memory
 * store stands in for it across invocations (the keychain itself is tested under D-Bus in
 * tests/integration/uploads/hub-keychain.test.ts).
 */
const tmp = tempDir('lectern-cli-lib-');
const hubRoot = path.join(tmp.dir, 'hub');
const dataDir = path.join(tmp.dir, 'data');
const secrets = createMemorySecretStore();
let hub: Hub;

beforeAll(async () => {
  writeFfmpegPackage(hubRoot);
  writeCatalog(hubRoot, { subtitle: 'Nyquist', tags: ['dsp'] });
  hub = await serveHub(hubRoot);
});
afterAll(async () => {
  await hub.close();
  await new Promise((resolve) => setTimeout(resolve, 300));
  tmp.cleanup();
});

const cli = (...argv: string[]) => runCliCaptured(['--data-dir', dataDir, ...argv], { secrets });

describe('lectern catalog / download / downloads / play-url', () => {
  it('adds a hub and lists its catalog, and shows the cache when the hub is unreachable', async () => {
    const listed = await cli('--json', 'catalog', '--hub', hub.url);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ hubs: [{ baseUrl: hub.url, offline: false }], courses: [{ courseId: COURSE_ID, subtitle: 'Nyquist', version: 1 }] });

    const again = await cli('catalog', '--hub', hub.url.slice(0, -1), '--search', 'nyquist');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^hub .* <${hub.url}>  as of `));
    expect(again.stdout).toContain(`${COURSE_ID}  Signals <script>alert(1)</script> — Nyquist  v1, 1 lectures`);

    hub.intercept = (_req, res) => (res.socket?.destroy(), true);
    try {
      const offline = await cli('catalog');
      expect(offline.code).toBe(0);
      expect(offline.stdout).toMatch(/OFFLINE, showing the catalog as of .*Could not reach the hub/);
      expect(offline.stdout).toContain(COURSE_ID);
    } finally {
      hub.intercept = null;
    }
  });

  it('downloads a course at a quality with progress on stderr, then lists, verifies, prints the play URL and removes it', async () => {
    const bad = await cli('download', COURSE_ID, '--quality', 'ultra');
    expect(bad).toMatchObject({ code: 1, stderr: 'lectern: --quality must be best, fits, all, a height such as 720p or up to 16 heights such as 720,360, not "ultra".\n' });
    expect((await cli('download', COURSE_ID, '--quality', '720,')).stderr).toMatch(/--quality must be .* not "720,"/);
    const missing = await cli('download', 'no-such-course');
    expect(missing.stderr).toMatch(/No hub in your library publishes a course "no-such-course"/);

    const got = await cli('download', COURSE_ID, '--quality', '180p');
    expect(got.code).toBe(0);
    expect(got.stderr).toMatch(/^1 lecture\(s\), [\d.]+ KB; .* free\n/);
    expect(got.stderr).toMatch(/\d+\/\d+ files/);
    expect(got.stderr).toMatch(/Sampling: completed/);
    expect(got.stdout).toMatch(new RegExp(`^[a-f0-9]{32}  ${COURSE_ID}/${LECTURE_ID} v1  Sampling  180p  completed  [\\d.]+ KB\\n$`));

    const list = JSON.parse((await cli('--json', 'downloads', 'list')).stdout) as { id: string; state: string }[];
    expect(list).toEqual([expect.objectContaining({ state: 'completed', quality: '180p' })]);
    const id = list[0]!.id;

    expect((await cli('downloads', 'verify', id)).stdout).toMatch(/^All \d+ files are intact\.\n$/);
    expect((await cli('play-url', LECTURE_ID)).stdout).toBe(`lectern://app/media/${id}/master.m3u8\n`);
    expect((await cli('play-url', id, '--origin', 'http://127.0.0.1:5173/')).stdout).toBe(`http://127.0.0.1:5173/media/${id}/master.m3u8\n`);

    expect((await cli('downloads', 'remove', id)).stdout).toBe(`Removed ${id}.\n`);
    expect((await cli('downloads', 'list')).stdout).toMatch(/^Nothing downloaded/);
    expect(await secrets.get(`download-key:${id}`)).toBeNull();
    expect((await cli('play-url', LECTURE_ID)).stderr).toMatch(/No completed download of "lecture1"/);
  });

  it('downloads several qualities with --quality 360,180p and with all', async () => {
    const got = await cli('download', COURSE_ID, '--quality', '360,180p');
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(new RegExp(`^[a-f0-9]{32}  ${COURSE_ID}/${LECTURE_ID} v1  Sampling  360p, 180p  completed  [\\d.]+ KB\\n$`));
    const [first] = JSON.parse((await cli('--json', 'downloads', 'list')).stdout) as { id: string; totalBytes: number }[];
    expect((await cli('downloads', 'remove', first!.id)).code).toBe(0);

    const all = await cli('--json', 'download', COURSE_ID, '--quality', 'all');
    expect(all.code).toBe(0);
    const [item] = JSON.parse(all.stdout) as { id: string; quality: string; totalBytes: number; filesTotal: number }[];
    // Two video renditions of 4 segments and the audio's 5 segments, fetched once.
    expect(item).toMatchObject({ quality: '360p, 180p', filesTotal: 13, totalBytes: first!.totalBytes });
    expect((await cli('downloads', 'remove', item!.id)).code).toBe(0);
  });
});
