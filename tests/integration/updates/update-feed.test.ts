import fs from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../main/contract/types';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { publishRelease, RELEASES_FOLDER, setReleaseStaging, type ReleaseTarget } from '../../../main/services/releases/release-publisher';
import { AppSettings } from '../../../main/services/settings/app-settings';
import { UpdateService } from '../../../main/services/updates/update-service';
import { connectS3TestServer, type S3TestServer } from '../../helpers/s3-server';
import { tempDir } from '../../helpers/tmp';
import { makeAppImageUpdater, serveBucket, stagingIdAt, writeFixtureRelease } from '../../helpers/update-feed';

/**
 * The whole update path against a real S3 store: `publishRelease` puts fixture releases on the hub,
 * a loopback server reads them back as a public hub would, and electron-updater's real AppImageUpdater,
 * driven by UpdateService, checks, downloads and verifies them.
 */
describe('updates from a release feed on the S3 test store', () => {
  const tmp = tempDir('lectern-update-feed-');
  let s3: S3TestServer;
  let gateway: { url: string; close(): Promise<void> };
  let db: Database;
  let n = 0;

  beforeAll(async () => {
    s3 = await connectS3TestServer('updates');
    gateway = await serveBucket(s3.client, s3.bucket);
    db = openDatabase(path.join(tmp.dir, 'publisher'));
  }, 120_000);
  afterAll(async () => {
    await gateway?.close();
    db?.close();
    await s3?.close();
    tmp.cleanup();
  });

  const target = (keyPrefix: string): ReleaseTarget => ({ client: s3.client, bucket: s3.bucket, keyPrefix, scope: `${s3.endpoint}|${s3.bucket}` });
  const feedUrl = (keyPrefix: string) => `${gateway.url}${keyPrefix}${RELEASES_FOLDER}`;

  async function publish(keyPrefix: string, version: string, channel: 'stable' | 'beta', opts: { staging?: number; size?: number } = {}) {
    const dist = path.join(tmp.dir, `dist-${n++}`);
    const fixture = writeFixtureRelease(dist, version, { ...(opts.size ? { size: opts.size } : {}), ...(version.includes('-beta') ? { feedName: 'beta-linux.yml' } : {}) });
    await publishRelease({ db, target: target(keyPrefix), distDir: dist, channel, ...(opts.staging !== undefined ? { stagingPercent: opts.staging } : {}) });
    return fixture;
  }

  function client(keyPrefix: string, version: string, opts: { stagingFraction?: number; feed?: string; channel?: 'stable' | 'beta' } = {}) {
    const dir = path.join(tmp.dir, `client-${n++}`);
    const updater = makeAppImageUpdater(dir, opts.feed ?? feedUrl(keyPrefix), version, opts.stagingFraction === undefined ? undefined : stagingIdAt(opts.stagingFraction));
    const cdb = openDatabase(path.join(dir, 'data'));
    const settings = new AppSettings(cdb);
    if (opts.channel) settings.set('updates.channel', opts.channel);
    const events: UpdateStatus[] = [];
    const service = new UpdateService({ updater, emit: (_name, s) => events.push(s as UpdateStatus), log: createMemoryLogger(), settings, currentVersion: version });
    return { service, updater, events, dir, close: () => (service.close(), cdb.close()) };
  }

  it('offers an update, downloads it with progress and verifies its sha512', async () => {
    const size = 24 * 1024 * 1024;
    const fixture = await publish('ok/', '1.2.0', 'stable', { size });
    const c = client('ok/', '1.1.0');
    const checked = await c.service.check();
    expect(checked.state).toEqual({ phase: 'available', version: '1.2.0', notes: 'Lectern 1.2.0\n\n• Faster ladders', size });
    expect(checked.lastCheck).toEqual(expect.any(Number));
    const t0 = performance.now();
    const done = await c.service.download();
    const seconds = (performance.now() - t0) / 1000;
    expect(done.state).toEqual({ phase: 'ready', version: '1.2.0' });
    expect(c.events.some((e) => e.state.phase === 'downloading')).toBe(true);
    const cached = path.join(c.dir, 'cache', `lectern-updater-${path.basename(c.dir)}`, 'pending', fixture.artifact);
    expect(fs.readFileSync(cached).equals(fixture.bytes)).toBe(true);
    console.log(`update download from the S3 test store: ${size} bytes in ${seconds.toFixed(2)} s (${(size / 1048576 / seconds).toFixed(1)} MiB/s)`);
    c.close();
  }, 120_000);

  it('refuses an artifact whose bytes were changed on the hub', async () => {
    const fixture = await publish('tampered/', '1.2.0', 'stable');
    const evil = Buffer.from(fixture.bytes);
    evil[evil.length - 1]! ^= 1;
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `tampered/${RELEASES_FOLDER}${fixture.artifact}`, Body: evil }));
    const c = client('tampered/', '1.1.0');
    await c.service.check();
    const after = await c.service.download();
    expect(after.state.phase).toBe('error');
    expect(after.state.phase === 'error' && after.state.message).toMatch(/did not match its published checksum.*Press Download to try again/);
    c.close();
  }, 60_000);

  it('never offers 1.2.0 to a 1.3.0 client, on stable or after switching to beta, and keeps allowDowngrade off', async () => {
    await publish('down/', '1.2.0', 'stable');
    await publish('down/', '1.2.0', 'beta');
    const c = client('down/', '1.3.0');
    expect((await c.service.check()).state).toEqual({ phase: 'up-to-date', version: '1.2.0' });
    const beta = await c.service.setSettings({ channel: 'beta' });
    expect(c.updater.channel).toBe('beta');
    expect(c.updater.allowDowngrade).toBe(false);
    expect(beta.state).toEqual({ phase: 'up-to-date', version: '1.2.0' });
    const stable = await c.service.setSettings({ channel: 'stable' });
    expect(c.updater.allowDowngrade).toBe(false);
    expect(stable.state).toEqual({ phase: 'up-to-date', version: '1.2.0' });
    c.close();
  }, 60_000);

  it('leaving beta keeps the installed beta until stable passes it', async () => {
    await publish('leave/', '1.3.0-beta.2', 'beta');
    await publish('leave/', '1.2.0', 'stable');
    const c = client('leave/', '1.3.0-beta.2', { channel: 'beta' });
    expect((await c.service.check()).state.phase).toBe('up-to-date');
    expect((await c.service.setSettings({ channel: 'stable' })).state).toEqual({ phase: 'up-to-date', version: '1.2.0' });
    await publish('leave/', '1.3.0', 'stable');
    expect((await c.service.check()).state).toMatchObject({ phase: 'available', version: '1.3.0' });
    c.close();
  }, 60_000);

  it('honours the staged rollout for fixed staging ids, and 0 stops it', async () => {
    await publish('staged/', '1.2.0', 'stable', { staging: 10 });
    const inside = client('staged/', '1.1.0', { stagingFraction: 0.05 });
    const outside = client('staged/', '1.1.0', { stagingFraction: 0.95 });
    expect((await inside.service.check()).state.phase).toBe('available');
    expect((await outside.service.check()).state.phase).toBe('up-to-date');

    await setReleaseStaging({ db, target: target('staged/'), channel: 'stable', percent: 0 });
    const stopped = client('staged/', '1.1.0', { stagingFraction: 0.05 });
    expect((await stopped.service.check()).state.phase).toBe('up-to-date');

    await setReleaseStaging({ db, target: target('staged/'), channel: 'stable', percent: 100 });
    const everyone = client('staged/', '1.1.0', { stagingFraction: 0.95 });
    expect((await everyone.service.check()).state).toMatchObject({ phase: 'available', version: '1.2.0' });
    for (const c of [inside, outside, stopped, everyone]) c.close();
  }, 60_000);

  it('an unreachable feed is a calm offline state, with the time of the check', async () => {
    const c = client('none/', '1.1.0', { feed: 'http://127.0.0.1:9/releases/' });
    const s = await c.service.check();
    expect(s.state).toEqual({ phase: 'offline', message: expect.stringMatching(/could not reach the update server.*check again later/), messageText: { key: 'svc.updates.offline' } });
    expect(s.lastCheck).toEqual(expect.any(Number));
    c.close();
  }, 60_000);

  it('a missing feed (404) says there are no releases on that channel yet', async () => {
    const c = client('empty/', '1.1.0', { channel: 'beta' });
    const s = await c.service.check();
    expect(s.state).toEqual({ phase: 'error', message: 'The update server has no beta releases yet. Choose another channel, or check again later.', messageText: { key: 'svc.updates.noReleases', values: { feed: 'beta' } } });
    c.close();
  }, 30_000);

  it('a feed that is not valid YAML leaves a clear error and the app working', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `bad/${RELEASES_FOLDER}latest-linux.yml`, Body: 'version: [1.2.0\nfiles: {{{' }));
    const c = client('bad/', '1.1.0');
    const s = await c.service.check();
    expect(s.state).toEqual({ phase: 'error', message: expect.stringMatching(/^The update server sent a release description Lectern cannot read/), messageText: { key: 'svc.updates.unreadable' } });
    // The next check still runs (nothing is stuck in "checking").
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `bad/${RELEASES_FOLDER}latest-linux.yml`, Body: 'just: text' }));
    expect((await c.service.check()).state.phase).toBe('error');
    c.close();
  }, 30_000);
});
