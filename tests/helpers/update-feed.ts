import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { RequestOptions } from 'node:https';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { dumpFeed, type FeedFile } from '../../main/services/releases/feed-file';

/** electron-updater's own HTTP layer over node:http (the app uses Electron's net module instead). */
export class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, responseHandler: null, callback: (error) => (error ? reject(error) : resolve(destination)) }, 0);
    });
  }

  createRequest(options: RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    return http.request(options as http.RequestOptions, callback);
  }
}

/**
 * A staging id whose rollout position (electron-updater reads bytes 12–15 of the UUID as a fraction of
 * 2^32) is `fraction`: 0.05 is inside a 10 % rollout, 0.95 outside a 90 % one.
 */
export function stagingIdAt(fraction: number): string {
  const tail = Math.floor(fraction * 0xffffffff).toString(16).padStart(8, '0');
  return `00000000-0000-4000-8000-0000${tail}`;
}

/**
 * The real electron-updater (AppImageUpdater) for an installed `version`, reading a generic feed at
 * `feedUrl`, as shared/README describes: feed parsing, staging, download and sha512 run in plain Node.
 */
export function makeAppImageUpdater(dir: string, feedUrl: string, version: string, stagingId?: string): AppImageUpdater {
  fs.mkdirSync(path.join(dir, 'user'), { recursive: true });
  const configPath = path.join(dir, 'app-update.yml');
  fs.writeFileSync(configPath, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: lectern-updater-${path.basename(dir)}\n`);
  if (stagingId) fs.writeFileSync(path.join(dir, 'user', '.updaterId'), stagingId);
  const current = path.join(dir, `Lectern-${version}.AppImage`);
  fs.writeFileSync(current, 'old build');
  process.env.APPIMAGE = current;
  const adapter: AppAdapter = {
    version,
    name: 'Lectern',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: path.join(dir, 'user'),
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new AppImageUpdater(null, adapter);
  Object.assign(updater, { httpExecutor: new NodeHttpExecutor() });
  updater.logger = null;
  // The fake "current" AppImage has no block map to diff against.
  updater.disableDifferentialDownload = true;
  return updater;
}

/**
 * Serves a bucket over plain HTTP (GET/HEAD, Range) the way a public-read hub or its CDN would, reading
 * each object from the S3 test store with signed requests. 404 for a missing key.
 */
export async function serveBucket(client: S3Client, bucket: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    client.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(req.headers.range ? { Range: req.headers.range } : {}) })).then(
      async (obj) => {
        const body = Buffer.from(await obj.Body!.transformToByteArray());
        res.writeHead(obj.ContentRange ? 206 : 200, { 'content-length': body.length, 'content-type': obj.ContentType ?? 'application/octet-stream', ...(obj.ContentRange ? { 'content-range': obj.ContentRange } : {}) });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (err: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
        res.writeHead(err.name === 'NoSuchKey' ? 404 : (err.$metadata?.httpStatusCode ?? 500)).end(String(err.name));
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

export interface FixtureRelease {
  dir: string;
  version: string;
  artifact: string;
  bytes: Buffer;
}

/** What electron-builder leaves in dist/ for a Linux release: the AppImage, its blockmap and latest-linux.yml (or beta-linux.yml). */
export function writeFixtureRelease(dir: string, version: string, opts: { size?: number; feedName?: string; notes?: string } = {}): FixtureRelease {
  fs.mkdirSync(dir, { recursive: true });
  const bytes = randomBytes(opts.size ?? 2 * 1024 * 1024);
  const artifact = `Lectern-${version}.AppImage`;
  fs.writeFileSync(path.join(dir, artifact), bytes);
  fs.writeFileSync(path.join(dir, `${artifact}.blockmap`), randomBytes(1024));
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const feed: FeedFile = {
    version,
    files: [{ url: artifact, sha512, size: bytes.length }],
    path: artifact,
    sha512,
    releaseDate: '2026-12-01T10:00:00.000Z',
    releaseNotes: opts.notes ?? `<p>Lectern ${version}</p><ul><li>Faster ladders</li></ul>`,
  };
  fs.writeFileSync(path.join(dir, opts.feedName ?? 'latest-linux.yml'), dumpFeed(feed));
  return { dir, version, artifact, bytes };
}
