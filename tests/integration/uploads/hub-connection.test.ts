import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { HubAccessError } from '../../../main/services/hub/hub-error';
import { HubProfiles } from '../../../main/services/hub/hub-profiles';
import type { HubInput } from '../../../main/services/hub/hub-input';
import { UploadEngine } from '../../../main/services/uploads/upload-engine';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';
import { writeBigFile } from '../../helpers/big-file';

/** Hub problems against the real server: each is reported with its cause, none is retried. */

const tmp = tempDir('lectern-hub-');
let s3: S3TestServer;
let db: Database;
let hubs: HubProfiles;
let proxy: FaultProxy;

beforeAll(async () => {
  s3 = await connectS3TestServer('hub');
  // Counts requests; a test may make it refuse writes.
  proxy = await startFaultProxy(s3.endpoint);
  db = openDatabase(path.join(tmp.dir, 'data'), migrations);
  hubs = new HubProfiles({ db, secrets: createMemorySecretStore(), timeouts: { idleMs: 5000 } });
});
afterAll(async () => {
  db?.close();
  await proxy?.close();
  await s3?.close();
  tmp.cleanup();
});

const base = (over: Partial<HubInput> = {}): HubInput => ({
  name: 'Test hub',
  endpoint: proxy.url,
  region: 'us-east-1',
  bucket: s3.bucket,
  keyPrefix: 'lectern/',
  pathStyle: true,
  accessKeyId: TEST_CREDENTIALS.accessKeyId,
  secretAccessKey: TEST_CREDENTIALS.secretAccessKey,
  ...over,
});

describe('hub connection test against Swift', () => {
  it('reports list, write, read and delete as ok with the right key', async () => {
    const hub = await hubs.create(base());
    expect(await hubs.testConnection(hub.id)).toEqual({ ok: true, list: 'ok', write: 'ok', read: 'ok', delete: 'ok', problem: null, reason: null });
  });

  it('names a wrong secret as refused credentials', async () => {
    const hub = await hubs.create(base({ secretAccessKey: 'not-the-secret' }));
    const r = await hubs.testConnection(hub.id);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('credentials-invalid');
    expect(r.list).toMatch(/^credentials-invalid: SignatureDoesNotMatch: HTTP 403/);
    expect(r.problem).toMatch(/hub "Test hub" refused the access key or secret .*Check the access key id and secret/);
  });

  it('names an unknown access key', async () => {
    const hub = await hubs.create(base({ accessKeyId: 'nobody:here' }));
    const r = await hubs.testConnection(hub.id);
    expect(r.reason).toBe('credentials-invalid');
    // AWS answers InvalidAccessKeyId; Swift's tempauth cannot tell and answers SignatureDoesNotMatch.
    expect(r.list).toMatch(/^credentials-invalid: (InvalidAccessKeyId|SignatureDoesNotMatch)/);
  });

  it('names a missing bucket', async () => {
    const hub = await hubs.create(base({ bucket: 'no-such-bucket-lectern' }));
    const r = await hubs.testConnection(hub.id);
    expect(r.reason).toBe('bucket-missing');
    expect(r.problem).toMatch(/Bucket "no-such-bucket-lectern" does not exist on hub "Test hub"/);
  });

  it('reports an expired session token as its own state without sending a request', async () => {
    const hub = await hubs.create(base({ sessionToken: 'FwoGZXIvYXdzEXAMPLE', sessionExpiresAt: Date.now() - 1000 }));
    const before = proxy.log.length;
    const r = await hubs.testConnection(hub.id);
    expect(r).toMatchObject({ ok: false, reason: 'credentials-expired', list: 'skipped: credentials-expired' });
    expect(r.problem).toMatch(/The session token for hub "Test hub" has expired .*Paste fresh temporary credentials/);
    expect(proxy.log.length).toBe(before);
    await expect(hubs.connect(hub.id)).rejects.toMatchObject({ reason: 'credentials-expired', code: 'forbidden' });
  });

  // Swift's test server has one (admin) user, so a key without write permission is emulated: the proxy
  // answers PUTs with the 403 AccessDenied document S3 sends for a missing s3:PutObject.
  it('says exactly which permission is missing when writes are denied', async () => {
    proxy.decide = (req) => (req.method === 'PUT' ? { status: 403, code: 'AccessDenied' } : 'pass');
    try {
      const hub = await hubs.create(base());
      const r = await hubs.testConnection(hub.id);
      expect(r).toMatchObject({ ok: false, list: 'ok', read: 'skipped: nothing was written', delete: 'skipped: nothing was written', reason: 'access-denied' });
      expect(r.write).toMatch(/^access-denied: AccessDenied: HTTP 403/);
      expect(r.problem).toMatch(/not allowed to do this in bucket/);
    } finally {
      proxy.decide = () => 'pass';
    }
  });

  it('fails an upload with bad credentials at once, without a retry storm', async () => {
    const hub = await hubs.create(base({ secretAccessKey: 'wrong' }));
    const conn = await hubs.connect(hub.id);
    const file = path.join(tmp.dir, 'seg.ts');
    writeBigFile(file, 50_000);
    const before = proxy.log.length;
    const engine = new UploadEngine({ db, target: { client: conn.client, bucket: conn.bucket, scope: conn.scope } });
    const err = await engine.uploadFiles([{ path: file, key: 'lectern/seg.ts' }]).catch((e: unknown) => e);
    expect((err as { name?: string }).name).toBe('SignatureDoesNotMatch');
    expect(proxy.log.length - before).toBe(1);
    // What the lead's IPC layer would show: the S3 error mapped to a hub error naming the cause.
    const { toHubError } = await import('../../../main/services/hub/hub-error');
    const mapped = toHubError(err, { hub: hub.name, bucket: hub.bucket });
    expect(mapped).toBeInstanceOf(HubAccessError);
    expect((mapped as HubAccessError).reason).toBe('credentials-invalid');
    conn.client.destroy();
  });
});
