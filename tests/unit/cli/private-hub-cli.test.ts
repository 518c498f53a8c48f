import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { writeCatalog } from '../../helpers/catalog-hub';
import { COURSE_ID, serveHub, writeFfmpegPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';
import { runCliCaptured } from '../../helpers/cli';

/** `lectern catalog --hub <url> --access-key-id …` against a loopback hub that answers only signed requests. */
const tmp = tempDir('lectern-cli-private-');
const hubRoot = path.join(tmp.dir, 'hub');
const dataDir = path.join(tmp.dir, 'data');
const secrets = createMemorySecretStore();
const SECRET = 'cli-secret-value';
let hub: Hub;
/** The key ids the hub accepts (the instructor rotates them in the last test). */
const accepted = new Set(['READER']);

beforeAll(async () => {
  writeFfmpegPackage(hubRoot);
  writeCatalog(hubRoot);
  hub = await serveHub(hubRoot);
  hub.intercept = (req, res) => {
    const keyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
    if (keyId !== undefined && accepted.has(keyId)) return false;
    res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
    return true;
  };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await hub.close();
  await new Promise((resolve) => setTimeout(resolve, 300));
  tmp.cleanup();
});

const cli = (...argv: string[]) => runCliCaptured(['--data-dir', dataDir, ...argv], { secrets });

describe('lectern catalog --hub <url> --access-key-id', () => {
  it('wants the secret from the environment or stdin, never an argument, and explains a private hub', async () => {
    vi.stubEnv('LECTERN_HUB_SECRET', '');
    const noSecret = await cli('catalog', '--hub', hub.url, '--access-key-id', 'READER');
    expect(noSecret).toMatchObject({ code: 1, stderr: expect.stringContaining('No secret access key: set $LECTERN_HUB_SECRET or pipe it with --secret-stdin') });
    const anonymous = await cli('catalog', '--hub', hub.url);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain('The hub may be private');
  });

  it('adds the hub with the key, lists its courses, and never prints the secret', async () => {
    vi.stubEnv('LECTERN_HUB_SECRET', SECRET);
    const added = await cli('catalog', '--hub', hub.url, '--access-key-id', 'READER', '--region', 'eu-central-1');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(new RegExp(`^hub .* <${hub.url}>  \\[read with key READER\\]  as of `));
    expect(added.stdout).toContain(COURSE_ID);
    const json = await cli('--json', 'catalog');
    expect(JSON.parse(json.stdout)).toMatchObject({ hubs: [{ auth: 's3-credentials', accessKeyId: 'READER', offline: false }] });
    expect(json.stdout + added.stdout).not.toContain(SECRET);
    expect([...secrets.entries.keys()]).toEqual([expect.stringMatching(/^library-hub:[0-9a-f-]{36}$/)]);

    const otherKey = await cli('catalog', '--hub', hub.url, '--access-key-id', 'SOMEONE');
    expect(otherKey).toMatchObject({ code: 1, stderr: expect.stringContaining('is already in your library (with key READER); to change its credentials add --update-credentials') });
  });

  it('--update-credentials replaces a revoked key in place, keeping the old one when the new one is refused', async () => {
    accepted.clear();
    accepted.add('ROTATED');
    const revoked = await cli('catalog');
    expect(revoked.stdout).toContain('refused these credentials');
    expect(revoked.stdout).toContain(`lectern catalog --hub ${hub.url} --access-key-id <id> --update-credentials`);

    const missing = await cli('catalog', '--hub', hub.url, '--update-credentials');
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('--update-credentials needs --access-key-id <id>') });
    const notAdded = await cli('catalog', '--hub', 'http://127.0.0.1:1/elsewhere/', '--access-key-id', 'ROTATED', '--update-credentials');
    expect(notAdded).toMatchObject({ code: 1, stderr: expect.stringContaining('is not in your library yet') });

    const wrong = await cli('catalog', '--hub', hub.url, '--access-key-id', 'NOBODY', '--update-credentials');
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('Did not change the credentials of') });
    expect(wrong.stderr).toContain('(the hub keeps key READER)');

    vi.stubEnv('LECTERN_HUB_SECRET', 'rotated-secret');
    const updated = await cli('catalog', '--hub', hub.url, '--access-key-id', 'ROTATED', '--update-credentials');
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stderr).toMatch(/now read with key ROTATED\n$/);
    expect(updated.stdout).toMatch(/\[read with key ROTATED\] {2}as of /);
    expect(updated.stdout).toContain(COURSE_ID);
    expect(updated.stdout + updated.stderr).not.toContain('rotated-secret');
    const [account] = [...secrets.entries.keys()];
    expect(JSON.parse((await secrets.get(account!)) ?? 'null')).toEqual({ secretAccessKey: 'rotated-secret' });

    const stillPrivate = await cli('catalog', '--hub', hub.url, '--public', '--update-credentials');
    expect(stillPrivate).toMatchObject({ code: 1, stderr: expect.stringContaining('The hub is private: it cannot be read without credentials') });
    expect((await cli('catalog', '--hub', hub.url, '--public')).stderr).toContain('--public goes with --update-credentials');
  });
});
