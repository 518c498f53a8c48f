import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { Database } from 'better-sqlite3';
import type { UpdateChannel } from '../../contract/types';
import type { Logger } from '../log/logger';
import { UploadEngine, type UploadEngineOptions, type UploadEvent, type UploadSource } from '../uploads/upload-engine';
import { checkPercent, dumpFeed, isChannelFeed, isOlder, parseFeed, renameFeed, withStaging, type FeedFile } from './feed-file';
import { collectReleaseFiles } from './release-files';
import { userError } from '../text/user-error';

/** Where releases live on a hub, below its key prefix: the folder the app's update URL points at. */
export const RELEASES_FOLDER = 'releases/';

export interface ReleaseTarget {
  client: S3Client;
  bucket: string;
  /** The hub's key prefix ('' or ending in '/'). */
  keyPrefix: string;
  /** Names the store in upload records (resumable multipart state in SQLite). */
  scope: string;
}

export interface ReleaseOptions {
  /** Lectern's database (migration 0003): where the upload engine keeps resumable uploads. */
  db: Database;
  target: ReleaseTarget;
  log?: Logger;
  onEvent?: (e: UploadEvent) => void;
  engine?: Partial<Omit<UploadEngineOptions, 'db' | 'target' | 'log' | 'onEvent'>>;
}

export interface PublishReleaseResult {
  version: string;
  channel: UpdateChannel;
  /** Feed files written, in the order written (always after every artifact). */
  feeds: string[];
  artifacts: number;
  bytes: number;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Clients must see a new feed at once; artifacts never change under their versioned names.
const FEED_CACHE = 'no-cache';

/**
 * Publishes one release to a hub with Lectern's own resumable upload engine: the artifacts and blockmaps
 * first, the channel's `latest*.yml`/`beta*.yml` last, so a client never reads a feed whose files are not
 * all there. A stable release also becomes the beta feed when beta is older, so beta users move on to it.
 */
export async function publishRelease(opts: ReleaseOptions & { distDir: string; channel: UpdateChannel; stagingPercent?: number }): Promise<PublishReleaseResult> {
  const staging = opts.stagingPercent === undefined ? undefined : checkPercent(opts.stagingPercent);
  const release = await collectReleaseFiles(opts.distDir, opts.channel);
  const engine = makeEngine(opts);
  const base = opts.target.keyPrefix + RELEASES_FOLDER;
  const summary = await engine.uploadFiles(release.artifacts.map((a) => ({ path: a.path, key: base + a.name, contentType: 'application/octet-stream', cacheControl: IMMUTABLE })));
  opts.log?.log('info', 'release artifacts uploaded', { version: release.version, files: summary.files, bytes: summary.bytes });

  const feeds = new Map<string, FeedFile>(release.feeds.map((f) => [f.name, withStaging(f.feed, staging)]));
  if (opts.channel === 'stable') {
    for (const [name, feed] of [...feeds]) {
      const betaName = renameFeed(name, 'stable', 'beta');
      const beta = await readFeed(engine, opts.target, base + betaName);
      if (!beta || isOlder(beta.version, feed.version)) feeds.set(betaName, feed);
    }
  }
  await uploadFeeds(opts, engine, base, feeds);
  return { version: release.version, channel: opts.channel, feeds: [...feeds.keys()], artifacts: release.artifacts.length, bytes: summary.bytes };
}

/**
 * Changes the staged-rollout percentage of the release published on a channel, re-uploading only its
 * feed files (a stable release copied to beta follows it). 0 stops the rollout; clients that already
 * installed it keep it, clients that have not are no longer offered it.
 */
export async function setReleaseStaging(opts: ReleaseOptions & { channel: UpdateChannel; percent: number }): Promise<{ version: string; feeds: string[] }> {
  const percent = checkPercent(opts.percent);
  const base = opts.target.keyPrefix + RELEASES_FOLDER;
  const engine = makeEngine(opts);
  const names = await listFeeds(engine, opts.target, base);
  const own = names.filter((n) => isChannelFeed(n, opts.channel));
  if (own.length === 0) throw userError('not-found', 'svc.releases.noneYet', { channel: opts.channel, base });
  const feeds = new Map<string, FeedFile>();
  for (const name of own) feeds.set(name, withStaging((await readFeed(engine, opts.target, base + name))!, percent));
  const version = feeds.values().next().value!.version;
  if (opts.channel === 'stable') {
    for (const name of names.filter((n) => isChannelFeed(n, 'beta'))) {
      const beta = await readFeed(engine, opts.target, base + name);
      if (beta?.version === version) feeds.set(name, withStaging(beta, percent));
    }
  }
  await uploadFeeds(opts, engine, base, feeds);
  opts.log?.log('info', 'release staging changed', { channel: opts.channel, version, percent });
  return { version, feeds: [...feeds.keys()] };
}

function makeEngine(opts: ReleaseOptions): UploadEngine {
  return new UploadEngine({
    db: opts.db,
    target: { client: opts.target.client, bucket: opts.target.bucket, scope: opts.target.scope },
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    ...opts.engine,
  });
}

async function uploadFeeds(opts: ReleaseOptions, engine: UploadEngine, base: string, feeds: Map<string, FeedFile>): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'lectern-feed-'));
  try {
    const sources: UploadSource[] = [];
    for (const [name, feed] of feeds) {
      const file = path.join(dir, name);
      await fsp.writeFile(file, dumpFeed(feed));
      sources.push({ path: file, key: base + name, contentType: 'text/yaml; charset=utf-8', cacheControl: FEED_CACHE });
    }
    await engine.uploadFiles(sources);
    opts.log?.log('info', 'release feeds uploaded', { feeds: [...feeds.keys()] });
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

// Feed reads and listings go through the engine: the uploads' retries and progress deadlines
// (`guardS3Request`), so a hub that stops answering fails within 30 s, not at the 60 s socket backstop.
async function listFeeds(engine: UploadEngine, target: ReleaseTarget, base: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await engine.send(
      `Listing ${base}`,
      (signal) => target.client.send(new ListObjectsV2Command({ Bucket: target.bucket, Prefix: base, Delimiter: '/', ContinuationToken: token }), { abortSignal: signal }),
      `the listing of ${base}`,
    );
    for (const o of page.Contents ?? []) if (o.Key?.endsWith('.yml')) names.push(o.Key.slice(base.length));
    token = page.NextContinuationToken;
  } while (token);
  return names;
}

async function readFeed(engine: UploadEngine, target: ReleaseTarget, key: string): Promise<FeedFile | null> {
  let text: string;
  try {
    text = await engine.send(
      `Reading ${key}`,
      async (signal) => {
        const res = await target.client.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }), { abortSignal: signal });
        return (await res.Body?.transformToString('utf8')) ?? '';
      },
      key,
    );
  } catch (err) {
    if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
    throw err;
  }
  return parseFeed(text, key);
}
