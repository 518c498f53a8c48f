import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { parseFeed } from '../../../main/services/releases/feed-file';
import { createS3Client } from '../../../main/services/s3/s3-client';
import { publishRelease, setReleaseStaging, type ReleaseTarget } from '../../../main/services/releases/release-publisher';
import type { UploadEvent } from '../../../main/services/uploads/upload-engine';
import { startFaultProxy } from '../../helpers/fault-proxy';
import { connectS3TestServer, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';
import { writeFixtureRelease } from '../../helpers/update-feed';

/** The publishing half of `npm run release`, with fixture artifacts, against the S3 test store. */
describe('publishing a release to an S3 hub', () => {
  const tmp = tempDir('lectern-release-');
  let s3: S3TestServer;
  let db: Database;
  let n = 0;

  beforeAll(async () => {
    s3 = await connectS3TestServer('release');
    db = openDatabase(path.join(tmp.dir, 'data'));
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await s3?.close();
    tmp.cleanup();
  });

  const target = (keyPrefix: string): ReleaseTarget => ({ client: s3.client, bucket: s3.bucket, keyPrefix, scope: `${s3.endpoint}|${s3.bucket}` });
  const dist = () => path.join(tmp.dir, `dist-${n++}`);
  async function keys(prefix: string): Promise<string[]> {
    const res = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
    return (res.Contents ?? []).map((o) => o.Key!.slice(prefix.length)).sort();
  }
  async function feed(key: string) {
    const res = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return parseFeed(await res.Body!.transformToString(), key);
  }

  it('uploads artifacts and blockmaps first and the feed last, multipart for a large installer', async () => {
    const d = dist();
    const size = 40 * 1024 * 1024;
    writeFixtureRelease(d, '2.0.0', { size });
    const events: UploadEvent[] = [];
    const t0 = performance.now();
    const result = await publishRelease({ db, target: target('hub/'), distDir: d, channel: 'stable', onEvent: (e) => events.push(e) });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`release publish to the S3 test store: ${result.bytes} bytes (${result.artifacts} files + ${result.feeds.length} feeds) in ${seconds.toFixed(2)} s`);

    expect(result).toMatchObject({ version: '2.0.0', channel: 'stable', artifacts: 2, feeds: ['latest-linux.yml', 'beta-linux.yml'] });
    expect(await keys('hub/releases/')).toEqual(['Lectern-2.0.0.AppImage', 'Lectern-2.0.0.AppImage.blockmap', 'beta-linux.yml', 'latest-linux.yml']);
    const done = events.filter((e): e is Extract<UploadEvent, { type: 'file' }> => e.type === 'file' && e.state === 'done').map((e) => e.key);
    expect(done.slice(-2).every((k) => k.endsWith('.yml'))).toBe(true);
    expect(done.slice(0, -2).some((k) => k.endsWith('.yml'))).toBe(false);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'hub/releases/Lectern-2.0.0.AppImage' }));
    expect(head.ContentLength).toBe(size);
    expect(head.ETag).toMatch(/-\d+"$/); // multipart: the resumable path
    expect((await feed('hub/releases/latest-linux.yml')).version).toBe('2.0.0');
    // No beta existed, so beta users get the stable release too.
    expect((await feed('hub/releases/beta-linux.yml')).version).toBe('2.0.0');
  }, 120_000);

  it('a stable release leaves a newer beta feed alone', async () => {
    const b = dist();
    writeFixtureRelease(b, '3.0.0-beta.1', { feedName: 'beta-linux.yml' });
    await publishRelease({ db, target: target('both/'), distDir: b, channel: 'beta' });
    const s = dist();
    writeFixtureRelease(s, '2.1.0');
    const result = await publishRelease({ db, target: target('both/'), distDir: s, channel: 'stable' });
    expect(result.feeds).toEqual(['latest-linux.yml']);
    expect((await feed('both/releases/beta-linux.yml')).version).toBe('3.0.0-beta.1');
  }, 60_000);

  it('--staging rewrites only the feed, and can start a release staged', async () => {
    const d = dist();
    writeFixtureRelease(d, '2.2.0');
    await publishRelease({ db, target: target('stage/'), distDir: d, channel: 'stable', stagingPercent: 20 });
    expect((await feed('stage/releases/latest-linux.yml')).stagingPercentage).toBe(20);

    const events: UploadEvent[] = [];
    const changed = await setReleaseStaging({ db, target: target('stage/'), channel: 'stable', percent: 50, onEvent: (e) => events.push(e) });
    expect(changed).toEqual({ version: '2.2.0', feeds: ['latest-linux.yml', 'beta-linux.yml'] });
    const sent = events.filter((e) => e.type === 'file' && e.state === 'done').map((e) => (e as { key: string }).key);
    expect(sent.sort()).toEqual(['stage/releases/beta-linux.yml', 'stage/releases/latest-linux.yml']);
    expect((await feed('stage/releases/latest-linux.yml')).stagingPercentage).toBe(50);
    expect((await feed('stage/releases/beta-linux.yml')).stagingPercentage).toBe(50);
  }, 60_000);

  it('a hub that stops answering feed reads fails within the progress deadline, after retries, naming the feed', async () => {
    const d = dist();
    writeFixtureRelease(d, '2.3.0');
    await publishRelease({ db, target: target('stuck/'), distDir: d, channel: 'stable' });
    const proxy = await startFaultProxy(s3.endpoint, (req) => (req.method === 'GET' && !/list-type|prefix=/.test(req.url ?? '') ? 'stall' : 'pass'));
    const client = createS3Client({ ...s3.connection, endpoint: proxy.url });
    try {
      const start = Date.now();
      const engine = { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, stall: { headersMs: 800, idleMs: 800, minBytesPerSec: 1024, slowWindowMs: 2000 } };
      const run = setReleaseStaging({ db, target: { ...target('stuck/'), client }, channel: 'stable', percent: 10, engine });
      await expect(run).rejects.toThrow(/stuck\/releases\/(latest|beta)-linux\.yml.*stalled before the answer/);
      // Two attempts of 0.8 s plus backoff, far below the SDK's 60 s socket backstop.
      expect(Date.now() - start).toBeLessThan(10_000);
      expect((await feed('stuck/releases/latest-linux.yml')).stagingPercentage).toBeUndefined();
    } finally {
      client.destroy();
      await proxy.close();
    }
  }, 60_000);

  it('refuses what would break clients, before uploading anything', async () => {
    const stale = dist();
    const fixture = writeFixtureRelease(stale, '2.3.0');
    fs.appendFileSync(path.join(stale, fixture.artifact), 'rebuilt');
    await expect(publishRelease({ db, target: target('bad/'), distDir: stale, channel: 'stable' })).rejects.toThrow(/is \d+ bytes but the feed says|does not match the sha512/);

    const pre = dist();
    writeFixtureRelease(pre, '2.4.0-beta.1');
    await expect(publishRelease({ db, target: target('bad/'), distDir: pre, channel: 'stable' })).rejects.toThrow('2.4.0-beta.1 is a prerelease; publish it with --channel beta.');

    const missing = dist();
    writeFixtureRelease(missing, '2.5.0');
    fs.rmSync(path.join(missing, 'Lectern-2.5.0.AppImage'));
    await expect(publishRelease({ db, target: target('bad/'), distDir: missing, channel: 'stable' })).rejects.toThrow(/names Lectern-2.5.0.AppImage, which is not in/);

    const escape = dist();
    writeFixtureRelease(escape, '2.6.0');
    const yml = path.join(escape, 'latest-linux.yml');
    fs.writeFileSync(yml, fs.readFileSync(yml, 'utf8').replaceAll('Lectern-2.6.0.AppImage', '../../etc/passwd'));
    await expect(publishRelease({ db, target: target('bad/'), distDir: escape, channel: 'stable' })).rejects.toThrow(/outside/);

    await expect(publishRelease({ db, target: target('bad/'), distDir: path.join(tmp.dir, 'nope'), channel: 'stable' })).rejects.toThrow(/There is no release folder/);
    await expect(publishRelease({ db, target: target('bad/'), distDir: dist(), channel: 'stable', stagingPercent: 150 })).rejects.toThrow(/whole percentage from 0 to 100/);
    await expect(setReleaseStaging({ db, target: target('bad/'), channel: 'beta', percent: 10 })).rejects.toThrow(/No beta release is published/);
    expect(await keys('bad/')).toEqual([]);
  }, 60_000);
});
