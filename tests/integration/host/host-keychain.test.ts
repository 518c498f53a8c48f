import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LECTURE_ID, MANIFEST_PATH, serveHub, writeFfmpegPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';
import { startTestHost } from '../../host/test-host';

/**
 * `npm run host -- --keychain`: a test host restarted on the same data folder still has its download keys
 * (and hub secrets), because they live in the OS keychain, not in memory. Needs a D-Bus session with an
 * unlocked keyring, like the other keychain tests; CI runs the suite inside dbus-run-session.
 */
const haveDbus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const mustRun = Boolean(process.env.CI);
if (!haveDbus && !mustRun) console.log('host-keychain: skipped — DBUS_SESSION_BUS_ADDRESS is not set, so there is no Secret Service to talk to (CI runs this under dbus-run-session).');

describe.skipIf(!haveDbus && !mustRun)('the test host with --keychain', () => {
  const tmp = tempDir('lectern-host-kc-');
  // A service of its own, so the test never touches a developer's real secrets.
  const keychainService = `lectern-test-${randomUUID().slice(0, 8)}`;
  const dataDir = path.join(tmp.dir, 'data');
  // The services are what is tested; a stand-in page is enough to serve.
  const rendererDir = path.join(tmp.dir, 'renderer');
  let hub: Hub;

  beforeAll(async () => {
    writeFfmpegPackage(path.join(tmp.dir, 'hub'), { seconds: 2 });
    hub = await serveHub(path.join(tmp.dir, 'hub'));
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="/x.js"></script>');
  });
  afterAll(async () => {
    await hub?.close().catch(() => {});
    tmp.cleanup();
  });

  const readKey = async (url: string, downloadId: string) => {
    const res = await fetch(new URL(`media/${downloadId}/key`, url), { headers: { 'x-lectern-player': '1' } });
    return { status: res.status, bytes: res.ok ? Buffer.from(await res.arrayBuffer()) : null };
  };

  it('keeps a download key across a restart, where the in-memory host loses it', async () => {
    const first = await startTestHost({ dataDir, rendererDir, keychainService });
    const { downloads } = first.services.library;
    const { id } = await downloads.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
    await downloads.start(id);
    const before = await readKey(first.url, id);
    await first.close();
    expect(before.status).toBe(200);
    expect(before.bytes).toHaveLength(16);

    const inMemory = await startTestHost({ dataDir, rendererDir });
    expect((await readKey(inMemory.url, id)).status).toBe(404);
    await inMemory.close();

    const again = await startTestHost({ dataDir, rendererDir, keychainService });
    try {
      const after = await readKey(again.url, id);
      expect(after.status).toBe(200);
      expect(after.bytes?.equals(before.bytes!)).toBe(true);
    } finally {
      // Removing the download deletes its key from the keychain too.
      await again.services.library.downloads.remove(id);
      await again.close();
    }
  });
});
