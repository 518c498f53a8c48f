import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { UpdateChannel } from '../../contract/types';
import { isChannelFeed, isPrerelease, parseFeed, renameFeed, type FeedFile } from './feed-file';
import { userError } from '../text/user-error';

export interface ReleaseFeed {
  /** The file name the feed gets on the hub (`beta-linux.yml` may come from a local `latest-linux.yml`). */
  name: string;
  feed: FeedFile;
}

export interface ReleaseArtifact {
  /** Relative to the feed folder, as the feed names it. */
  name: string;
  path: string;
  size: number;
}

export interface ReleaseFiles {
  version: string;
  feeds: ReleaseFeed[];
  /** Installers/archives and their `.blockmap`s. */
  artifacts: ReleaseArtifact[];
}

/**
 * Reads what electron-builder left in `distDir` for one channel and checks it is publishable: each feed
 * parses, every file it names exists with the sha512 and size it states (a stale yml next to a rebuilt
 * installer would make every client refuse the download), and a prerelease never goes to stable.
 * electron-builder writes `beta*.yml` only for `-beta` versions; a plain version sent to beta uses the
 * `latest*.yml` under the beta name.
 */
export async function collectReleaseFiles(distDir: string, channel: UpdateChannel): Promise<ReleaseFiles> {
  let names: string[];
  try {
    names = await fsp.readdir(distDir);
  } catch {
    throw userError('not-found', 'svc.releases.noFolder', { dir: distDir });
  }
  let sources = names.filter((n) => isChannelFeed(n, channel)).map((n) => ({ file: n, name: n }));
  if (sources.length === 0 && channel === 'beta') sources = names.filter((n) => isChannelFeed(n, 'stable')).map((n) => ({ file: n, name: renameFeed(n, 'stable', 'beta') }));
  if (sources.length === 0) throw userError('not-found', 'svc.releases.noFeed', { dir: distDir, feed: channel === 'stable' ? 'latest' : 'beta' });

  const feeds: ReleaseFeed[] = [];
  for (const s of sources) feeds.push({ name: s.name, feed: parseFeed(await fsp.readFile(path.join(distDir, s.file), 'utf8'), path.join(distDir, s.file)) });
  const versions = new Set(feeds.map((f) => f.feed.version));
  if (versions.size !== 1) throw userError('conflict', 'svc.releases.mixedVersions', { dir: distDir, versions: [...versions].join(', ') });
  const version = feeds[0]!.feed.version;
  if (channel === 'stable' && isPrerelease(version)) throw userError('invalid-input', 'svc.releases.prerelease', { version });

  const artifacts = new Map<string, ReleaseArtifact>();
  for (const { feed } of feeds) {
    for (const f of feed.files) {
      if (artifacts.has(f.url)) continue;
      const file = confined(distDir, f.url);
      const stat = await fsp.stat(file).catch(() => null);
      if (!stat?.isFile()) throw userError('not-found', 'svc.releases.fileMissing', { file: f.url, dir: distDir });
      if (f.size !== undefined && f.size !== stat.size) throw userError('conflict', 'svc.releases.sizeMismatch', { file: f.url, size: String(stat.size), expected: String(f.size) });
      if ((await sha512(file)) !== f.sha512) throw userError('conflict', 'svc.releases.shaMismatch', { file: f.url });
      artifacts.set(f.url, { name: f.url, path: file, size: stat.size });
      // Differential downloads read the blockmap when there is one; publishing it is optional.
      const blockmap = `${file}.blockmap`;
      const bstat = await fsp.stat(blockmap).catch(() => null);
      if (bstat?.isFile()) artifacts.set(`${f.url}.blockmap`, { name: `${f.url}.blockmap`, path: blockmap, size: bstat.size });
    }
  }
  return { version, feeds, artifacts: [...artifacts.values()] };
}

function confined(dir: string, name: string): string {
  const file = path.resolve(dir, name);
  if (path.relative(dir, file).startsWith('..') || path.isAbsolute(name)) throw userError('invalid-input', 'svc.releases.outside', { file: name, dir });
  return file;
}

export function sha512(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha512');
    fs.createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('base64')));
  });
}
