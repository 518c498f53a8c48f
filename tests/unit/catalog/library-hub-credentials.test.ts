import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { createFileLogger } from '../../../main/services/log/logger';
import { openLibraryServices, type LibraryServices } from '../../../main/services/library/library-services';
import { writeCatalog } from '../../helpers/catalog-hub';
import { COURSE_ID, serveHub, writeFfmpegPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * A private library hub: the loopback hub below answers 403 (as S3 does) unless a request is signed
 * with the read-only key id. What SigV4 itself computes is checked against the real S3 server in
 * tests/integration/round-trip/private-hub.test.ts; here: where the credentials go and where they never do.
 */

const tmp = tempDir('lectern-private-hub-');
const hubRoot = path.join(tmp.dir, 'hub');
const KEY_ID = 'READKEY';
const SECRET = 'very-secret-value-1234';
let hub: Hub;
const signedBy: (string | null)[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  writeFfmpegPackage(hubRoot);
  writeCatalog(hubRoot);
  hub = await serveHub(hubRoot);
  hub.intercept = (req, res) => {
    const auth = req.headers.authorization ?? null;
    signedBy.push(auth === null ? null : (/Credential=([^/]+)\//.exec(auth)?.[1] ?? '?'));
    if (auth?.includes(`Credential=${KEY_ID}/`)) return false;
    res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
    return true;
  };
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await hub.close();
  tmp.cleanup();
});

function open(dataDir = path.join(tmp.dir, `data-${cleanups.length}`), secrets = createMemorySecretStore()) {
  const db = openDatabase(dataDir, migrations);
  const log = createFileLogger(dataDir);
  const services: LibraryServices = openLibraryServices({ dataDir, db, secrets, log, emit: () => {}, resumeDownloads: false });
  cleanups.push(async () => {
    await services.close();
    db.close();
    log.close();
  });
  return { services, db, secrets, dataDir };
}

describe('library hubs with read-only credentials', () => {
  it('explains a refused unsigned read, refuses a wrong key, and stores nothing for either', async () => {
    const { services, secrets } = open();
    await expect(services.catalog.addHub(hub.url)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/answered 403 .*The hub may be private: add it with the read-only credentials/) });
    const wrong = services.catalog.addHub(hub.url, 'Private', { accessKeyId: 'OTHER', secretAccessKey: SECRET, region: 'us-east-1' });
    await expect(wrong).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('The hub "Private" refused these credentials (HTTP 403 AccessDenied for /hub/catalog.json)') });
    expect(services.catalog.hubs()).toEqual([]);
    expect(secrets.entries.size).toBe(0);
  });

  it('refuses an expired session token before any request', async () => {
    const { services } = open();
    const before = signedBy.length;
    const added = services.catalog.addHub(hub.url, undefined, { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1', sessionToken: 'tok', sessionExpiresAt: Date.now() - 1 });
    await expect(added).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('session token has expired') });
    expect(signedBy.length).toBe(before);
  });

  it('signs every request of the catalog and the download, keeps the secret in the SecretStore only, and forgets it with the hub', async () => {
    const { services, db, secrets, dataDir } = open();
    signedBy.length = 0;
    const added = await services.catalog.addHub(hub.url, 'Private', { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'eu-west-1' });
    expect(added).toMatchObject({ auth: 's3-credentials', accessKeyId: KEY_ID, sessionExpiresAt: null, courseCount: 1, offline: false, error: null });
    expect(JSON.stringify(services.catalog.list())).not.toContain(SECRET);
    expect(JSON.stringify(db.prepare('SELECT * FROM library_hubs').all())).not.toContain(SECRET);
    expect(JSON.parse((await secrets.get(`library-hub:${added.id}`)) ?? 'null')).toEqual({ secretAccessKey: SECRET });

    const [item] = await services.library.start({ hubId: added.id, courseId: COURSE_ID }, null, true);
    expect(services.downloads.get(item!.id).state).toBe('completed');
    expect(signedBy.length).toBeGreaterThan(4);
    expect(new Set(signedBy)).toEqual(new Set([KEY_ID]));

    // Another process on the same data folder reads the secret from the store (nothing cached yet).
    const again = open(dataDir, secrets);
    signedBy.length = 0;
    expect((await again.services.catalog.refresh(added.id)).hubs[0]).toMatchObject({ offline: false, error: null });
    expect(new Set(signedBy)).toEqual(new Set([KEY_ID]));

    await services.catalog.removeHub(added.id);
    expect(secrets.entries.has(`library-hub:${added.id}`)).toBe(false);
    expect(services.catalog.hubs()).toEqual([]);
  });

  it('says so when the keychain lost the secret, without retrying', async () => {
    const { services, secrets, dataDir } = open();
    const added = await services.catalog.addHub(hub.url, 'Private', { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1' });
    await secrets.delete(`library-hub:${added.id}`);
    const fresh = open(dataDir, secrets);
    const view = await fresh.services.catalog.refresh(added.id);
    expect(view.hubs[0]).toMatchObject({ offline: true, error: expect.stringContaining('The secret key of "Private" is missing from the system keychain') });
  });
});
