import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { HubAccessError } from '../../../main/services/hub/hub-error';
import { hubSecretAccount, hubSessionAccount, HubProfiles } from '../../../main/services/hub/hub-profiles';
import { tempDir } from '../../helpers/tmp';

const input = {
  name: 'Course hub',
  endpoint: 'https://s3.eu-west-1.amazonaws.com',
  region: 'eu-west-1',
  bucket: 'my-courses',
  keyPrefix: '/lectern/courses/',
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'very-secret',
};

let tmp: ReturnType<typeof tempDir>;
let db: Database;
let secrets: ReturnType<typeof createMemorySecretStore>;
let now = 1_700_000_000_000;
let hubs: HubProfiles;

beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(tmp.dir, migrations);
  secrets = createMemorySecretStore();
  hubs = new HubProfiles({ db, secrets, now: () => now });
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

describe('HubProfiles', () => {
  it('stores settings in SQLite and the secret only in the SecretStore; summaries never carry secrets', async () => {
    const hub = await hubs.create({ ...input, sessionToken: 'session-secret', sessionExpiresAt: now + 3600_000 });
    expect(hub).toMatchObject({ name: 'Course hub', keyPrefix: 'lectern/courses/', pathStyle: false, hasSessionToken: true, sessionExpiresAt: now + 3600_000 });
    expect(secrets.entries.get(hubSecretAccount(hub.id))).toBe('very-secret');
    expect(secrets.entries.get(hubSessionAccount(hub.id))).toContain('session-secret');
    const visible = JSON.stringify([hub, await hubs.list(), await hubs.get(hub.id), db.prepare('SELECT * FROM hubs').all()]);
    expect(visible).not.toContain('very-secret');
    expect(visible).not.toContain('session-secret');
  });

  it('refuses invalid settings with field-level issues', async () => {
    const err = (await hubs.create({ ...input, bucket: 'No_Such', endpoint: 'ftp://x', keyPrefix: 'a/../b' }).catch((e: unknown) => e)) as LecternError;
    expect(err).toBeInstanceOf(LecternError);
    expect(err.code).toBe('invalid-input');
    expect(err.issues?.map((i) => i.path).sort()).toEqual(['bucket', 'endpoint', 'keyPrefix']);
  });

  it('keeps the secret on updates that do not change it, and removes a session token on request', async () => {
    const hub = await hubs.create({ ...input, sessionToken: 't', sessionExpiresAt: now + 1000_000 });
    now += 5;
    const updated = await hubs.update(hub.id, { name: 'Renamed', pathStyle: true, sessionToken: null });
    expect(updated).toMatchObject({ name: 'Renamed', pathStyle: true, bucket: 'my-courses', hasSessionToken: false, updatedAt: now });
    expect(secrets.entries.get(hubSecretAccount(hub.id))).toBe('very-secret');
    await hubs.update(hub.id, { secretAccessKey: 'rotated' });
    expect(secrets.entries.get(hubSecretAccount(hub.id))).toBe('rotated');
  });

  it('an update that leaves out region, prefix and path style keeps them (no defaults applied to a patch)', async () => {
    const hub = await hubs.create({ ...input, pathStyle: true });
    const renamed = await hubs.update(hub.id, { name: 'Renamed' });
    expect(renamed).toMatchObject({ name: 'Renamed', region: 'eu-west-1', keyPrefix: 'lectern/courses/', pathStyle: true });
  });

  it('refuses unknown fields, so a typo is not silently ignored', async () => {
    await expect(hubs.create({ ...input, secret: 'x' } as typeof input)).rejects.toThrow(/secret/);
  });

  it('deletes the secrets with the hub', async () => {
    const hub = await hubs.create({ ...input, sessionToken: 't' });
    await hubs.delete(hub.id);
    expect(secrets.entries.size).toBe(0);
    await expect(hubs.get(hub.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses to connect with an expired (or about to expire) session token: a distinct credentials-expired state', async () => {
    const hub = await hubs.create({ ...input, sessionToken: 't', sessionExpiresAt: now + 30_000 });
    const err = (await hubs.connect(hub.id).catch((e: unknown) => e)) as HubAccessError;
    expect(err).toBeInstanceOf(HubAccessError);
    expect(err.reason).toBe('credentials-expired');
    expect(err.message).toMatch(/session token for hub "Course hub" has expired/);
    const report = await hubs.testConnection(hub.id);
    expect(report).toMatchObject({ ok: false, reason: 'credentials-expired', write: 'skipped: credentials-expired' });
  });

  it('connects with long-term keys and names the scope by endpoint and bucket', async () => {
    const hub = await hubs.create(input);
    const conn = await hubs.connect(hub.id);
    expect(conn).toMatchObject({ bucket: 'my-courses', keyPrefix: 'lectern/courses/', scope: 'https://s3.eu-west-1.amazonaws.com|my-courses' });
    expect(await conn.client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await conn.client.config.maxAttempts()).toBe(1);
    conn.client.destroy();
  });

  it('reports a secret missing from the keychain as something to re-enter', async () => {
    const hub = await hubs.create(input);
    await secrets.delete(hubSecretAccount(hub.id));
    await expect(hubs.connect(hub.id)).rejects.toThrow(/secret key of hub "Course hub" is missing from the system keychain/);
  });
});
