import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
/** What the loopback hub accepts: these key ids; unsigned reads only when `publicReads`. */
const accepts = { keys: new Set([KEY_ID]), publicReads: false, expiredToken: null as string | null, segmentDelayMs: 0 };

beforeAll(async () => {
  writeFfmpegPackage(hubRoot);
  writeCatalog(hubRoot);
  hub = await serveHub(hubRoot);
  hub.intercept = (req, res) => {
    const auth = req.headers.authorization ?? null;
    const keyId = auth === null ? null : (/Credential=([^/]+)\//.exec(auth)?.[1] ?? '?');
    signedBy.push(keyId);
    if (accepts.expiredToken !== null && req.headers['x-amz-security-token'] === accepts.expiredToken) {
      res.writeHead(400, { 'content-type': 'application/xml' }).end('<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>');
      return true;
    }
    if (keyId === null ? !accepts.publicReads : !accepts.keys.has(keyId)) {
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
      return true;
    }
    if (accepts.segmentDelayMs === 0 || !req.url?.endsWith('.ts')) return false;
    // Slow segments keep a download running while the test changes the credentials under it.
    const file = path.join(hubRoot, decodeURIComponent(req.url).slice('/hub/'.length));
    setTimeout(() => {
      const data = fs.readFileSync(file);
      res.writeHead(200, { 'content-length': data.byteLength }).end(data);
    }, accepts.segmentDelayMs);
    return true;
  };
});
beforeEach(() => {
  Object.assign(accepts, { keys: new Set([KEY_ID]), publicReads: false, expiredToken: null, segmentDelayMs: 0 });
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

describe('updating the credentials of a library hub in place', () => {
  const NEW_KEY = 'ROTATED';
  const NEW_SECRET = 'rotated-secret-5678';
  const fresh = { accessKeyId: NEW_KEY, secretAccessKey: NEW_SECRET, region: 'us-east-1' };

  it('offers the update when the key is refused, checks new credentials before replacing anything, and keeps the old ones when refused', async () => {
    const { services, secrets, db } = open();
    const added = await services.catalog.addHub(hub.url, 'Private', { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1' });
    accepts.keys = new Set([NEW_KEY]);

    const refused = (await services.catalog.refresh(added.id)).hubs[0];
    expect(refused).toMatchObject({ offline: true, accessProblem: 'credentials-refused', error: expect.stringContaining('"Update credentials…" on the hub in the library') });
    expect(refused?.courseCount).toBe(1);

    const wrong = services.catalog.updateHubCredentials(added.id, { ...fresh, accessKeyId: 'NOBODY' });
    await expect(wrong).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining(`Did not change the credentials of "Private" (the hub keeps key ${KEY_ID}): The hub "Private" refused these credentials`) });
    expect(services.catalog.hubs()[0]).toMatchObject({ accessKeyId: KEY_ID });
    expect(JSON.parse((await secrets.get(`library-hub:${added.id}`)) ?? 'null')).toEqual({ secretAccessKey: SECRET });

    signedBy.length = 0;
    const updated = await services.catalog.updateHubCredentials(added.id, fresh);
    expect(updated).toMatchObject({ id: added.id, auth: 's3-credentials', accessKeyId: NEW_KEY, offline: false, error: null, accessProblem: null, courseCount: 1 });
    expect(new Set(signedBy)).toEqual(new Set([NEW_KEY]));
    expect(JSON.parse((await secrets.get(`library-hub:${added.id}`)) ?? 'null')).toEqual({ secretAccessKey: NEW_SECRET });
    expect(JSON.stringify(db.prepare('SELECT * FROM library_hubs').all())).not.toContain(NEW_SECRET);
    expect(JSON.stringify(updated)).not.toContain(NEW_SECRET);
  });

  it('replaces an expired session token, refusing one already expired without a request', async () => {
    const { services } = open();
    const added = await services.catalog.addHub(hub.url, 'Private', { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1', sessionToken: 'old-token' });
    accepts.expiredToken = 'old-token';
    const expired = (await services.catalog.refresh(added.id)).hubs[0];
    expect(expired).toMatchObject({ offline: true, accessProblem: 'credentials-expired', error: expect.stringMatching(/expired \(HTTP 400 ExpiredToken .*Update its credentials/) });
    expect(expired?.error).not.toContain('Remove the hub');

    const before = signedBy.length;
    const stale = services.catalog.updateHubCredentials(added.id, { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1', sessionToken: 'new-token', sessionExpiresAt: Date.now() - 1 });
    await expect(stale).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('session token has expired') });
    expect(signedBy.length).toBe(before);

    const expiresAt = Date.now() + 3_600_000;
    const renewed = await services.catalog.updateHubCredentials(added.id, { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1', sessionToken: 'new-token', sessionExpiresAt: expiresAt });
    expect(renewed).toMatchObject({ offline: false, error: null, accessProblem: null, sessionExpiresAt: expiresAt });
  });

  it('switches a download in progress to the new key, and another process on the same data folder follows', async () => {
    const { services, secrets, dataDir } = open();
    const added = await services.catalog.addHub(hub.url, 'Private', { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1' });
    // A second app (the CLI, say) that has already read and cached the old secret.
    const other = open(dataDir, secrets);
    await other.services.catalog.refresh(added.id);

    accepts.segmentDelayMs = 150;
    accepts.keys = new Set([KEY_ID, NEW_KEY]);
    const [item] = await services.library.start({ hubId: added.id, courseId: COURSE_ID }, null, false);
    await expect.poll(() => services.downloads.get(item!.id).state).toBe('downloading');
    await services.catalog.updateHubCredentials(added.id, fresh);
    // The instructor revokes the old key once the new one is handed out.
    accepts.keys = new Set([NEW_KEY]);
    signedBy.length = 0;
    await expect.poll(() => services.downloads.get(item!.id).state, { timeout: 20_000 }).toBe('completed');
    expect(signedBy.length).toBeGreaterThan(0);
    expect(new Set(signedBy)).toEqual(new Set([NEW_KEY]));

    signedBy.length = 0;
    expect((await other.services.catalog.refresh(added.id)).hubs[0]).toMatchObject({ offline: false, accessKeyId: NEW_KEY });
    expect(new Set(signedBy)).toEqual(new Set([NEW_KEY]));
  });

  it('retries the downloads that failed on a revoked key once the key is updated', async () => {
    const { services } = open();
    const added = await services.catalog.addHub(hub.url, 'Private', { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1' });
    // Slow segments: the key is revoked while the first ones are still on their way.
    accepts.segmentDelayMs = 100;
    const [item] = await services.library.start({ hubId: added.id, courseId: COURSE_ID }, null, false);
    // The rest are refused: the download fails, naming the refusal, and is not retried in a loop.
    accepts.keys = new Set([NEW_KEY]);
    await expect.poll(() => services.downloads.get(item!.id).state, { timeout: 20_000 }).toBe('failed');
    expect(services.downloads.get(item!.id).error).toContain('refused these credentials');

    await services.library.updateHubCredentials(added.id, fresh);
    await expect.poll(() => services.downloads.get(item!.id).state, { timeout: 20_000 }).toBe('completed');
  });

  it('makes a hub public again only when it reads without credentials, and forgets the secret', async () => {
    const { services, secrets } = open();
    const added = await services.catalog.addHub(hub.url, 'Private', { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1' });
    const still = services.catalog.updateHubCredentials(added.id, null);
    await expect(still).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining(`(the hub keeps key ${KEY_ID})`) });
    expect(secrets.entries.has(`library-hub:${added.id}`)).toBe(true);

    accepts.publicReads = true;
    signedBy.length = 0;
    const open_ = await services.catalog.updateHubCredentials(added.id, null);
    expect(open_).toMatchObject({ auth: 'public', accessKeyId: null, offline: false, accessProblem: null });
    expect(new Set(signedBy)).toEqual(new Set([null]));
    expect(secrets.entries.has(`library-hub:${added.id}`)).toBe(false);
  });

  it('offers credentials for a public hub that went private', async () => {
    const { services } = open();
    accepts.publicReads = true;
    const added = await services.catalog.addHub(hub.url, 'Open');
    accepts.publicReads = false;
    const view = (await services.catalog.refresh(added.id)).hubs[0];
    expect(view).toMatchObject({ offline: true, accessProblem: 'needs-credentials', error: expect.stringContaining('The hub may have become private. Update its credentials') });
    expect(await services.catalog.updateHubCredentials(added.id, { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1' })).toMatchObject({ auth: 's3-credentials', offline: false });
  });
});
