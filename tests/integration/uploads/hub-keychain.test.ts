import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychainSecretStore } from '../../../main/services/credentials/keychain-secret-store';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { hubSecretAccount, hubSessionAccount, HubProfiles } from '../../../main/services/hub/hub-profiles';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';

/**
 * Hub secrets in the real OS keychain (Secret Service through keytar). Needs a D-Bus session with an
 * unlocked keyring; CI runs the suite inside dbus-run-session, so there it must run.
 */
const haveDbus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const mustRun = Boolean(process.env.CI);
if (!haveDbus && !mustRun) console.log('hub-keychain: skipped — DBUS_SESSION_BUS_ADDRESS is not set, so there is no Secret Service to talk to (CI runs this under dbus-run-session).');

describe.skipIf(!haveDbus && !mustRun)('hub profiles with the real keychain', () => {
  const tmp = tempDir('lectern-hub-kc-');
  // A service name of its own, so the test never touches a developer's real Lectern secrets.
  const secrets = createKeychainSecretStore(`lectern-test-${randomUUID().slice(0, 8)}`);
  let s3: S3TestServer;
  let db: Database;

  beforeAll(async () => {
    s3 = await connectS3TestServer('keychain');
    db = openDatabase(path.join(tmp.dir, 'data'), migrations);
  });
  afterAll(async () => {
    db?.close();
    await s3?.close();
    tmp.cleanup();
  });

  it('keeps the secret and session token in the keychain only, connects with them, and removes them with the hub', async () => {
    const hubs = new HubProfiles({ db, secrets });
    const hub = await hubs.create({
      name: 'Keychain hub',
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      pathStyle: true,
      accessKeyId: TEST_CREDENTIALS.accessKeyId,
      secretAccessKey: TEST_CREDENTIALS.secretAccessKey,
    });
    expect(await secrets.get(hubSecretAccount(hub.id))).toBe(TEST_CREDENTIALS.secretAccessKey);
    expect(JSON.stringify(await hubs.list())).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    const dbText = JSON.stringify(db.prepare('SELECT * FROM hubs').all());
    expect(dbText).not.toContain(TEST_CREDENTIALS.secretAccessKey);

    expect((await hubs.testConnection(hub.id)).ok).toBe(true);

    await hubs.update(hub.id, { sessionToken: 'temporary-token', sessionExpiresAt: Date.now() + 3600_000 });
    expect(await secrets.get(hubSessionAccount(hub.id))).toContain('temporary-token');
    expect((await hubs.get(hub.id)).hasSessionToken).toBe(true);

    await hubs.delete(hub.id);
    expect(await secrets.get(hubSecretAccount(hub.id))).toBeNull();
    expect(await secrets.get(hubSessionAccount(hub.id))).toBeNull();
  });
});
