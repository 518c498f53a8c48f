import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCourseManifest } from '../../../main/services/downloads/manifest';
import { writeBigFile } from '../../helpers/big-file';
import { startConditionalProxy, type ConditionalProxy } from '../../helpers/conditional-proxy';
import { connectS3TestServer, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';
import { readHubCatalog } from '../../helpers/read-hub-catalog';
import type { ChildOptions } from './publish-child';

/**
 * Many instructors publishing to one hub, each a separate process, against the Swift store (which has no
 * conditional writes, so leases do the work). LECTERN_SHARED_HUB_ROUNDS repeats the 20-publisher round
 * (the full check is 10; the default keeps this file near a minute on a 2-core machine).
 */

const ROUNDS = Math.max(1, Number(process.env.LECTERN_SHARED_HUB_ROUNDS ?? 1));
const PUBLISHERS = 20;
const child = path.join(import.meta.dirname, 'publish-child.ts');
const root = path.resolve(import.meta.dirname, '../../..');
const tmp = tempDir('lectern-shared-hub-');
let s3: S3TestServer;
let conditional: ConditionalProxy;

beforeAll(async () => {
  s3 = await connectS3TestServer('shared');
  conditional = await startConditionalProxy(s3.endpoint, s3.client);
});
afterAll(async () => {
  await conditional?.close();
  await s3?.close();
  tmp.cleanup();
});

interface Run {
  proc: ChildProcess;
  lines: string[];
  done: Promise<{ lines: string[]; stderr: string; how: NodeJS.Signals | number | null }>;
  /** Resolves when a line starting with `prefix` is printed. */
  when(prefix: string): Promise<void>;
}

function start(o: Omit<ChildOptions, 'endpoint' | 'bucket' | 'dataDir'> & { name: string; endpoint?: string }): Run {
  const dataDir = path.join(tmp.dir, 'data', o.name);
  fs.mkdirSync(dataDir, { recursive: true });
  const options: ChildOptions = { ...o, dataDir, endpoint: o.endpoint ?? s3.endpoint, bucket: s3.bucket };
  const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(options)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: () => void }[] = [];
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  readline.createInterface({ input: proc.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const w of waiters.filter((x) => l.startsWith(x.prefix))) w.resolve();
  });
  const done = new Promise<{ lines: string[]; stderr: string; how: NodeJS.Signals | number | null }>((resolve) => proc.once('close', (code, signal) => resolve({ lines, stderr, how: signal ?? code })));
  return {
    proc,
    lines,
    done,
    when: (prefix) => (lines.some((l) => l.startsWith(prefix)) ? Promise.resolve() : new Promise((resolve) => waiters.push({ prefix, resolve }))),
  };
}

/** A tiny HLS-shaped package; `bytes` per segment decides how long a rate-limited upload takes. */
function writePackage(name: string, segments = 2, bytes = 4000): string {
  const dir = path.join(tmp.dir, 'pkg', name);
  fs.mkdirSync(path.join(dir, '720p'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2000000\n720p/index.m3u8\n');
  const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:6'];
  for (let i = 0; i < segments; i++) {
    writeBigFile(path.join(dir, '720p', `seg_${i}.ts`), bytes, `${name}-${i}`);
    lines.push('#EXTINF:6.0,', `seg_${i}.ts`);
  }
  fs.writeFileSync(path.join(dir, '720p', 'index.m3u8'), `${lines.join('\n')}\n#EXT-X-ENDLIST\n`);
  return dir;
}

async function getText(key: string): Promise<string> {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return (await res.Body?.transformToString()) ?? '';
}

async function getJson<T>(key: string): Promise<T> {
  return JSON.parse(await getText(key)) as T;
}

async function keysUnder(prefix: string): Promise<string[]> {
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key ?? '');
}

/** ROUNDS times: PUBLISHERS processes publish one course each to a fresh prefix at once; all must be listed. */
async function publishRounds(label: string, endpoint: string): Promise<void> {
  const pkg = writePackage(`shared-${label}`);
  for (let round = 0; round < ROUNDS; round++) {
    const prefix = `${label}-${round}/`;
    const started = Date.now();
    const runs = Array.from({ length: PUBLISHERS }, (_, i) =>
      start({ name: `${label}-r${round}-p${i}`, endpoint, prefix, host: `studio-${i}`, courseId: `course-${String(i).padStart(2, '0')}`, title: `Course ${i}`, packageDir: pkg, lease: { catalogWaitMs: 300_000 } }),
    );
    const results = await Promise.all(runs.map((r) => r.done));
    for (const [i, r] of results.entries()) expect(endLine(r.lines), `publisher ${i}: ${r.stderr}`).toBe('end ok 1');
    const catalog = await readHubCatalog(getText, prefix);
    expect(catalog.courses.map((c) => c.id)).toEqual(Array.from({ length: PUBLISHERS }, (_, i) => `course-${String(i).padStart(2, '0')}`));
    expect(await keysUnder(`${prefix}leases/`)).toEqual([]);
    console.log(`shared hub (${label}) round ${round + 1}/${ROUNDS}: ${PUBLISHERS} publishers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

const endLine = (lines: string[]) => lines.find((l) => l.startsWith('end ')) ?? '(no end line)';

describe('a hub shared by many publisher processes (Swift: no conditional writes)', () => {
  it(`${PUBLISHERS} processes publishing different courses at once: the catalog lists all of them (${ROUNDS} round${ROUNDS > 1 ? 's' : ''})`, async () => {
    await publishRounds('swift', s3.endpoint);
    expect(await keysUnder('swift-0/catalog-pending/')).toEqual([]);
  }, 180_000 * ROUNDS);

  it('two processes publishing the same course: one publishes, one waiting briefly fails with who holds it, a patient one publishes next', async () => {
    const prefix = 'same/';
    // Rate-limited (320 KB at 32 KB/s), so the first holds the course well beyond the others' start-up.
    const slow = start({ name: 'same-a', prefix, host: 'studio-a', courseId: 'same', title: 'Same Course', packageDir: writePackage('same-a', 5, 64_000), bandwidthLimit: 32 * 1024 });
    await slow.when('leased');
    const impatient = start({ name: 'same-b', prefix, host: 'studio-b', courseId: 'same', title: 'Same Course', packageDir: writePackage('same-b'), lease: { waitMs: 1500 } });
    const patient = start({ name: 'same-c', prefix, host: 'studio-c', courseId: 'same', title: 'Same Course', packageDir: writePackage('same-c'), lease: { waitMs: 60_000 } });
    const [a, b, c] = await Promise.all([slow.done, impatient.done, patient.done]);
    expect(endLine(a.lines), a.stderr).toBe('end ok 1');
    expect(endLine(b.lines), b.stderr).toMatch(/^end error «Same Course» is being published from studio-a since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; try again when it finishes\.$/);
    expect(b.lines).toContain('waiting studio-a');
    expect(c.lines).toContain('waiting studio-a');
    expect(b.lines).not.toContain('leased');
    expect(endLine(c.lines), c.stderr).toBe('end ok 2');
    // The hub is consistent: the pointer, its manifest and the catalog agree on version 2 (studio-c's package).
    const latest = await getJson<{ version: number; manifest: string }>(`${prefix}courses/same/latest.json`);
    expect(latest.version).toBe(2);
    const res = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${prefix}${latest.manifest}` }));
    const manifest = parseCourseManifest((await res.Body?.transformToString()) ?? '', 'course.json');
    expect(manifest.version).toBe(2);
    const catalog = await readHubCatalog(getText, prefix);
    expect(catalog.courses).toEqual([expect.objectContaining({ id: 'same', version: 2 })]);
  }, 120_000);

  it('a publisher SIGKILLed while holding the course lease: the next publish takes it over once it expired', async () => {
    const prefix = 'killed/';
    const lease = { ttlMs: 8000, skewMs: 0, waitMs: 30_000 };
    const victim = start({ name: 'kill-a', prefix, host: 'studio-killed', courseId: 'kc', title: 'Killed Course', packageDir: writePackage('kill-a', 5, 64_000), bandwidthLimit: 32 * 1024, lease });
    await victim.when('leased');
    victim.proc.kill('SIGKILL');
    const killedAt = Date.now();
    expect((await victim.done).how).toBe('SIGKILL');
    const next = start({ name: 'kill-b', prefix, host: 'studio-next', courseId: 'kc', title: 'Killed Course', packageDir: writePackage('kill-b'), lease });
    const b = await next.done;
    expect(b.lines).toContain('waiting studio-killed');
    expect(endLine(b.lines), b.stderr).toBe('end ok 1');
    // Not before the dead lease expired: renewed every TTL/3, it outlives the kill by at least 2/3 of a TTL.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual((2 / 3) * lease.ttlMs);
    const catalog = await readHubCatalog(getText, prefix);
    expect(catalog.courses).toEqual([expect.objectContaining({ id: 'kc', version: 1 })]);
  }, 120_000);
});

describe('a hub with conditional writes (a proxy in front of Swift evaluates If-Match / If-None-Match)', () => {
  it(`${PUBLISHERS} processes publishing different courses at once: the catalog lists all of them, by ETag compare-and-swap (${ROUNDS} round${ROUNDS > 1 ? 's' : ''})`, async () => {
    await publishRounds('conditional', conditional.url);
    // The catalog went through If-Match / If-None-Match, never through the catalog lease or pending changes.
    expect(conditional.counts.conditional).toBeGreaterThanOrEqual(PUBLISHERS * 2);
    expect(await keysUnder('conditional-0/catalog-pending/')).toEqual([]);
    console.log(`conditional writes: ${conditional.counts.conditional} sent, ${conditional.counts.refused} refused with 412`);
  }, 180_000 * ROUNDS);
});
