import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SECRET_ENV } from '../../../main/cli/commands/secret-input';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { createFileLogger } from '../../../main/services/log/logger';
import { runCliCaptured } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-diag-cli-');
afterAll(() => tmp.cleanup());
afterEach(() => {
  delete process.env[SECRET_ENV];
});

const SECRET = 'cli-planted-secret-Zq81';
const KEY_ID = 'cli-planted-key-id-7';

describe('lectern diagnostics', () => {
  const dataDir = path.join(tmp.dir, 'data');
  const secrets = createMemorySecretStore();
  const cli = (...argv: string[]) => runCliCaptured(['--data-dir', dataDir, ...argv], { secrets });

  it('writes the folder into --out and prints where, with a hub secret from the keychain and the log redacted', async () => {
    process.env[SECRET_ENV] = SECRET;
    const added = await cli('hub', 'add', '--name', 'Hub', '--endpoint', 'https://s3.example.test', '--bucket', 'lectures', '--access-key-id', KEY_ID);
    expect(added.code, added.stderr).toBe(0);
    const log = createFileLogger(dataDir);
    log.log('error', `leaked ${SECRET} by mistake`);
    log.close();

    const out = path.join(tmp.dir, 'out dir ü');
    fs.mkdirSync(out);
    const run = await cli('diagnostics', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const saved = /^Saved to (.+)$/m.exec(run.stdout)?.[1];
    expect(saved && path.dirname(saved)).toBe(out);
    const folder = saved as string;
    expect(fs.readdirSync(folder).sort()).toEqual(['log.jsonl', 'queues.json', 'summary.json']);
    const everything = fs.readdirSync(folder).map((f) => fs.readFileSync(path.join(folder, f), 'utf8')).join('\n');
    expect(everything).toContain('leaked [REDACTED] by mistake');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(KEY_ID);
  }, 60_000);

  it('prints the result as JSON with --json', async () => {
    const out = path.join(tmp.dir, 'json');
    fs.mkdirSync(out);
    const run = await cli('--json', 'diagnostics', '--out', out);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ path: expect.stringContaining(out) as string, files: ['log.jsonl', 'queues.json', 'summary.json'], problems: [] });
  }, 60_000);

  it('fails with a sentence naming a folder that does not exist', async () => {
    const missing = path.join(tmp.dir, 'missing');
    const run = await cli('diagnostics', '--out', missing);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The folder ${missing} does not exist`);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
