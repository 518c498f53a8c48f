import path from 'node:path';
import { DeleteBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../../helpers/s3-server';
import { runCliCaptured } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';

/**
 * A hub whose bucket does not exist yet: the connection test says so and how to fix it, `hub
 * create-bucket` creates it with the hub's key (hubs.createBucket), and `hub share` prints the address
 * students add. Against the real S3 test server (Swift).
 */
const tmp = tempDir('lectern-create-bucket-');
const dataDir = path.join(tmp.dir, 'data');
const secrets = createMemorySecretStore();
let s3: S3TestServer;
const bucket = `lectern-new-${Date.now().toString(36)}`;

beforeAll(async () => {
  s3 = await connectS3TestServer('create-bucket');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await s3?.client.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {});
  await s3?.close();
  tmp.cleanup();
});

const cli = (...argv: string[]) => runCliCaptured(['--data-dir', dataDir, ...argv], { secrets });

describe('lectern hub create-bucket and hub share', () => {
  it('offers to create a missing bucket, creates it, and the hub then passes its test', async () => {
    vi.stubEnv('LECTERN_HUB_SECRET', TEST_CREDENTIALS.secretAccessKey);
    const added = await cli('hub', 'add', '--name', 'New hub', '--endpoint', s3.endpoint, '--bucket', bucket, '--prefix', 'lectern', '--path-style', '--access-key-id', TEST_CREDENTIALS.accessKeyId);
    expect(added.code, added.stderr).toBe(0);

    const missing = await cli('hub', 'test', 'New hub');
    // `hub test` reports a failing hub through process.exitCode (the shell sees 1), not runCli's result.
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
    expect(missing.stdout).toContain(`Bucket "${bucket}" does not exist`);
    expect(missing.stdout).toContain('Create it with: lectern hub create-bucket');

    const created = await cli('hub', 'create-bucket', 'New hub');
    expect(created.stderr).toBe('');
    expect(created).toMatchObject({ code: 0, stdout: `Created bucket ${bucket} on New hub.\n` });

    const ok = await cli('hub', 'test', 'New hub');
    expect(ok.code, ok.stdout).toBe(0);
    expect(process.exitCode).toBeUndefined();
    expect(ok.stdout).toContain('OK: Lectern can list, write, read and delete on this hub.');

    // Again: the bucket is there and ours, so nothing changes and nothing fails.
    const again = await cli('--json', 'hub', 'create-bucket', 'New hub');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ bucket, created: false });
  });

  it('prints the address students type into the library', async () => {
    const share = await cli('hub', 'share', 'New hub');
    expect(share).toMatchObject({ code: 0, stdout: `${s3.endpoint}/${bucket}/lectern/\n` });
    const json = await cli('--json', 'hub', 'list');
    expect(JSON.parse(json.stdout)).toMatchObject([{ name: 'New hub', shareAddress: `${s3.endpoint}/${bucket}/lectern/` }]);
  });
});
