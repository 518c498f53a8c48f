import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Hub, PublishRun } from '../../../main/contract/domains/publishing-types';
import { runCli } from '../../../main/cli/lectern';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { DraftsService } from '../../../main/services/drafts/drafts-service';
import { makeVideo } from '../../helpers/media';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';

/**
 * `lectern hub|publish|uploads` in this process (runCli) with an in-memory SecretStore shared between
 * commands, against the Swift test server; and as a real process with the OS keychain when a D-Bus
 * session (Secret Service) is there.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const tmp = tempDir('lectern-publish-cli-');
const dataDir = path.join(tmp.dir, 'data ü');
const secrets = createMemorySecretStore();
let s3: S3TestServer;
let courseId: string;
let lectureId: string;

async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const apply = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      // Assigning undefined to process.env stores the string "undefined".
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(env);
  process.exitCode = undefined;
  try {
    const code = await runCli(['--data-dir', dataDir, ...argv], { secrets });
    return { code: code || (typeof process.exitCode === 'number' ? process.exitCode : 0), stdout, stderr };
  } finally {
    process.exitCode = undefined;
    apply(saved);
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  s3 = await connectS3TestServer('publish-cli');
  const db = openDatabase(dataDir);
  const drafts = new DraftsService(db);
  courseId = drafts.createCourse('Shell Scripting').id;
  lectureId = drafts.createLecture(drafts.createSection(courseId, 'Basics').id, 'Pipes').id;
  db.close();
});
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  await s3?.close();
  tmp.cleanup();
});

describe('lectern hub / publish / uploads (in-process)', () => {
  it('never takes a secret as an argument, and says where it reads one from', async () => {
    const asArg = await cli(['hub', 'add', '--name', 'x', '--secret', 'hunter2']);
    expect(asArg.code).not.toBe(0);
    expect(asArg.stderr).toMatch(/unknown option '--secret'/);
    const none = await cli(['hub', 'add', '--name', 'x', '--endpoint', s3.endpoint, '--bucket', s3.bucket, '--access-key-id', 'k'], { LECTERN_HUB_SECRET: undefined });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/LECTERN_HUB_SECRET.*--secret-stdin/);
  });

  it('the pre-publish check fails with the problem and a non-zero exit', async () => {
    const r = await cli(['publish', courseId, '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('“Pipes” has no video; import one and build it in the Studio.');
  });

  it('adds and tests a hub, publishes version 1 with progress on stderr, then version 2 with everything skipped', async () => {
    const clip = makeVideo(path.join(tmp.dir, 'pipes.mp4'), { durationSec: 4 });
    expect((await cli(['media', 'import', lectureId, clip])).code).toBe(0);
    expect((await cli(['media', 'build', lectureId, '--wait'])).code).toBe(0);

    const add = await cli(
      ['--json', 'hub', 'add', '--name', 'Swift', '--endpoint', s3.endpoint, '--bucket', s3.bucket, '--prefix', 'cli', '--path-style', '--access-key-id', TEST_CREDENTIALS.accessKeyId],
      { LECTERN_HUB_SECRET: TEST_CREDENTIALS.secretAccessKey },
    );
    expect(add.stderr).toBe('');
    const hub = JSON.parse(add.stdout) as Hub;
    expect(hub).toMatchObject({ name: 'Swift', keyPrefix: 'cli/', pathStyle: true });
    expect(add.stdout).not.toContain(TEST_CREDENTIALS.secretAccessKey);

    const test = await cli(['hub', 'test', 'Swift']);
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/^list {3}ok\nwrite {2}ok\nread {3}ok\ndelete ok\nOK: /);

    const first = await cli(['--json', 'publish', courseId]);
    expect(first.code).toBe(0);
    const run1 = JSON.parse(first.stdout) as PublishRun;
    expect(run1).toMatchObject({ state: 'done', version: 1, filesSkipped: 0 });
    expect(first.stderr).toMatch(/publish done/);

    const second = await cli(['publish', courseId, '--hub', hub.id, '--limit', '8']);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`Published “Shell Scripting” version 2 to Swift: 0 files uploaded (0.0 MB), ${run1.filesTotal} already on the hub.\n`);

    const list = await cli(['uploads', 'list']);
    expect(list.stdout.trim().split('\n').filter((l) => !l.startsWith(' '))).toHaveLength(2);
    expect(list.stdout).toMatch(/done +Shell Scripting v2 → Swift/);
    expect((await cli(['publish', courseId, '--limit', '0.01'])).stderr).toMatch(/at least 64 KB\/s/);
  });

  it('expired session credentials: a clear failure that says how to update the key, no retries', async () => {
    const update = await cli(['hub', 'update', 'Swift', '--session-expires', '2020-01-01T00:00:00Z'], { LECTERN_HUB_SESSION_TOKEN: 'stale-token' });
    expect(update.code).toBe(0);
    const r = await cli(['publish', courseId]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/session token for hub "Swift" has expired/);
    expect(r.stdout).toContain('Update the key: lectern hub update "Swift"');
    expect(`${r.stdout}${r.stderr}`).not.toContain('stale-token');
    const runId = /lectern uploads retry (\S+)/.exec(r.stdout)?.[1];
    expect(runId).toBeDefined();

    expect((await cli(['hub', 'update', 'Swift', '--no-session'])).code).toBe(0);
    const resumed = await cli(['uploads', 'resume', runId!]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^Published “Shell Scripting” version 3/);
  });

  it('--gc keeps the newest versions, --unpublish takes the course out of the catalog', async () => {
    expect((await cli(['publish', courseId, '--gc', '--keep', '1'])).stdout).toBe('Kept versions 3; deleted 0 files (0.0 MB); 2 newer than a day left in place.\n');
    expect((await cli(['publish', courseId, '--gc', '--keep', '0'])).stderr).toMatch(/Keep at least the current version/);
    expect((await cli(['publish', courseId, '--unpublish'])).stdout).toBe('Removed the course from the catalog of Swift.\n');
    expect((await cli(['publish', courseId, '--unpublish'])).stdout).toBe('The course was not in the catalog of Swift.\n');
  });
});

const haveDbus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const mustRun = Boolean(process.env.CI);
if (!haveDbus && !mustRun) console.log('publish-cli keychain: skipped — DBUS_SESSION_BUS_ADDRESS is not set, so there is no Secret Service for the CLI (CI runs this under dbus-run-session).');

describe.skipIf(!haveDbus && !mustRun)('lectern hub with the real keychain (a separate process)', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'main/cli/lectern.ts'), '--data-dir', path.join(tmp.dir, 'keychain'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 60_000,
    });

  it('adds a hub with the secret from stdin, tests it, lists it without the secret, and removes it', () => {
    const add = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'main/cli/lectern.ts'), '--data-dir', path.join(tmp.dir, 'keychain'), 'hub', 'add', '--name', 'Keychain hub', '--endpoint', s3.endpoint, '--bucket', s3.bucket, '--path-style', '--access-key-id', TEST_CREDENTIALS.accessKeyId, '--secret-stdin'],
      { cwd: root, encoding: 'utf8', input: `${TEST_CREDENTIALS.secretAccessKey}\n`, timeout: 60_000 },
    );
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const test = run(['hub', 'test', 'Keychain hub']);
    expect(test.stdout).toMatch(/OK: Lectern can list, write, read and delete/);
    const list = run(['--json', 'hub', 'list']);
    expect(list.stdout).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    expect(run(['hub', 'remove', 'Keychain hub']).status).toBe(0);
  });
});
