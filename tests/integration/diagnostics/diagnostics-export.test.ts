import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppServices, type AppServices } from '../../../main/services/app-services';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { createFileLogger } from '../../../main/services/log/logger';
import { tempDir } from '../../helpers/tmp';

// Planted values: plain strings no pattern would recognise, so only the keychain layer can remove them…
const HUB_SECRET = 'hub-secret-9f3kQ/zz+Plain';
const SESSION_TOKEN = 'sess-tok-77Hq2pLx';
const ACCESS_KEY_ID = 'planted-key-id-4411';
// …and values Lectern does not know, which the patterns must catch.
const URL_SIGNATURE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
const URL_CREDENTIAL = 'AKIAPLANTED000000001';
const URL_TOKEN = 'FwoGZXIvYXdzEPlantedSecurityToken';
const BEARER = 'eyJplanted.bearer.tokenvalue';
const SIGV4_SIG = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
const PLANTED = [HUB_SECRET, SESSION_TOKEN, ACCESS_KEY_ID, URL_SIGNATURE, URL_CREDENTIAL, URL_TOKEN, BEARER, SIGV4_SIG];

const tmp = tempDir('lectern-diag-');
const dataDir = path.join(tmp.dir, 'data');
const crashDir = path.join(tmp.dir, 'crashpad');
let services: AppServices;
let log: ReturnType<typeof createFileLogger>;

beforeAll(async () => {
  const secrets = createMemorySecretStore();
  log = createFileLogger(dataDir);
  services = openAppServices({ dataDir, version: '9.9.9-test', log, secrets, crashDumpsDir: crashDir, media: { runJobs: false } });
  await services.publishing.createHub({
    name: 'Planted hub',
    endpoint: 'https://s3.example.test',
    bucket: 'lectures',
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: HUB_SECRET,
    sessionToken: SESSION_TOKEN,
    sessionExpiresAt: Date.now() + 3_600_000,
  });
  const signed = `https://s3.example.test/lectures/a.ts?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${URL_CREDENTIAL}%2F20261206%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261206T000000Z&X-Amz-Security-Token=${URL_TOKEN}&X-Amz-Signature=${URL_SIGNATURE}`;
  for (let i = 0; i < 3000; i++) log.child('filler').log('debug', `filler ${i}`);
  log.child('downloads').log('warn', 'segment failed', { url: signed, attempt: 1 });
  log.child('publishing').log('error', `upload refused with key ${HUB_SECRET} and token ${SESSION_TOKEN}`);
  log.child('s3').log('debug', 'request', { headers: { authorization: `AWS4-HMAC-SHA256 Credential=${URL_CREDENTIAL}/x, SignedHeaders=host, Signature=${SIGV4_SIG}` } });
  log.child('catalog').log('debug', `Authorization: Bearer ${BEARER}`);
  log.child('publishing').log('info', 'hub settings', { secretAccessKey: HUB_SECRET, sessionToken: SESSION_TOKEN });
  // A minidump with the secret in UTF-8 and UTF-16LE (as Windows strings sit in memory).
  fs.mkdirSync(path.join(crashDir, 'completed'), { recursive: true });
  const dump = Buffer.concat([Buffer.from('MDMP\0\0'), Buffer.from(HUB_SECRET), Buffer.alloc(8), Buffer.from(SESSION_TOKEN, 'utf16le'), Buffer.from(`\0GET /a?X-Amz-Signature=${URL_SIGNATURE}\0`)]);
  fs.writeFileSync(path.join(crashDir, 'completed', 'crash-1.dmp'), dump);
  fs.writeFileSync(path.join(crashDir, 'settings.dat'), 'not a dump');
}, 60_000);

afterAll(async () => {
  await services?.close();
  log?.close();
  tmp.cleanup();
});

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('diagnostics export', () => {
  it('writes versions, ffmpeg report, queues, log tail and crash dumps with every planted secret removed', async () => {
    const out = path.join(tmp.dir, 'out');
    fs.mkdirSync(out);
    const result = await services.diagnostics.export(out);
    expect(result.path).not.toBeNull();
    const dir = result.path as string;
    expect(path.dirname(dir)).toBe(out);
    expect(result.files).toEqual(['crash-dumps/completed-crash-1.dmp', 'log.jsonl', 'queues.json', 'summary.json']);

    for (const file of allFiles(dir)) {
      const bytes = fs.readFileSync(file);
      for (const secret of PLANTED) {
        for (const form of [Buffer.from(secret), Buffer.from(secret, 'utf16le'), Buffer.from(encodeURIComponent(secret))]) {
          expect(bytes.includes(form), `${path.relative(dir, file)} holds ${secret}`).toBe(false);
        }
      }
    }

    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    expect(summary).toMatchObject({ app: { version: '9.9.9-test' }, schemaVersion: services.schemaVersion(), crashDumps: 1, problems: [] });
    expect(summary.disk).toMatchObject({ freeBytes: expect.any(Number) as number });
    expect(summary.ffmpeg).toMatchObject({ version: expect.stringContaining('ffmpeg') as string });
    expect((summary.runtime as Record<string, string>).node).toBe(process.versions.node);
    const queues = JSON.parse(fs.readFileSync(path.join(dir, 'queues.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(queues).sort()).toEqual(['downloads', 'mediaJobs', 'publishRuns', 'recordings']);

    const logLines = fs.readFileSync(path.join(dir, 'log.jsonl'), 'utf8').trimEnd().split('\n');
    expect(logLines).toHaveLength(2000);
    const tail = logLines.join('\n');
    // What is not secret stays readable: the URL's path, the parameter names, the message.
    expect(tail).toContain('segment failed');
    expect(tail).toContain('X-Amz-Signature=[REDACTED]');
    expect(tail).toContain('upload refused with key [REDACTED]');
    expect(tail).toContain('X-Amz-Algorithm=AWS4-HMAC-SHA256');

    const dump = fs.readFileSync(path.join(dir, 'crash-dumps', 'completed-crash-1.dmp'));
    expect(dump.length).toBe(fs.readFileSync(path.join(crashDir, 'completed', 'crash-1.dmp')).length);
    expect(dump.subarray(0, 4).toString()).toBe('MDMP');
  }, 60_000);

  it('refuses a folder that does not exist with a sentence naming it, and writes nothing', async () => {
    const missing = path.join(tmp.dir, 'nowhere');
    await expect(services.diagnostics.export(missing)).rejects.toThrow(`The folder ${missing} does not exist`);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('writes a second export next to the first instead of over it', async () => {
    const out = path.join(tmp.dir, 'twice');
    fs.mkdirSync(out);
    const a = await services.diagnostics.export(out);
    const b = await services.diagnostics.export(out);
    expect(a.path).not.toBe(b.path);
    expect(fs.readdirSync(out)).toHaveLength(2);
  }, 60_000);
});
