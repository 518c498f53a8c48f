import yaml from 'js-yaml';
import semver from 'semver';
import { LecternError } from '../../contract/errors';
import type { UpdateChannel } from '../../contract/types';

/** electron-builder's channel file (`latest.yml`, `beta-linux.yml`, `latest-mac.yml`…), the fields a release needs. */
export interface FeedFile {
  version: string;
  files: { url: string; sha512: string; size?: number }[];
  path?: string;
  sha512?: string;
  stagingPercentage?: number;
  [field: string]: unknown;
}

/** `latest` / `beta`: the channel's name in electron-updater's file names. */
export const channelFilePrefix = (c: UpdateChannel) => (c === 'stable' ? 'latest' : 'beta');

/** `latest.yml`, `latest-mac.yml`, `latest-linux.yml`, `latest-linux-arm64.yml`… for the channel. */
export function isChannelFeed(name: string, channel: UpdateChannel): boolean {
  const prefix = channelFilePrefix(channel);
  return name === `${prefix}.yml` || (name.startsWith(`${prefix}-`) && name.endsWith('.yml'));
}

/** The same platform's feed on the other channel: `latest-linux.yml` → `beta-linux.yml`. */
export function renameFeed(name: string, from: UpdateChannel, to: UpdateChannel): string {
  return channelFilePrefix(to) + name.slice(channelFilePrefix(from).length);
}

export function parseFeed(text: string, where: string): FeedFile {
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (err) {
    throw new LecternError('invalid-input', `${where} is not valid YAML (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). Rebuild the release with electron-builder.`);
  }
  const d = doc as Partial<FeedFile> | null;
  if (!d || typeof d !== 'object' || typeof d.version !== 'string' || !semver.valid(d.version)) {
    throw new LecternError('invalid-input', `${where} has no valid "version". Rebuild the release with electron-builder.`);
  }
  if (!Array.isArray(d.files) || d.files.length === 0 || !d.files.every((f) => f && typeof f.url === 'string' && typeof f.sha512 === 'string')) {
    throw new LecternError('invalid-input', `${where} lists no files with a url and sha512. Rebuild the release with electron-builder.`);
  }
  return d as FeedFile;
}

export function withStaging(feed: FeedFile, percent: number | undefined): FeedFile {
  const next: FeedFile = { ...feed };
  delete next.stagingPercentage;
  if (percent !== undefined) next.stagingPercentage = percent;
  return next;
}

export function dumpFeed(feed: FeedFile): string {
  return yaml.dump(feed, { lineWidth: -1, noRefs: true });
}

/** A stable feed's files, blockmaps included, as keys relative to the feed's folder. */
export function referencedFiles(feed: FeedFile): string[] {
  const urls = new Set(feed.files.map((f) => f.url));
  if (typeof feed.path === 'string') urls.add(feed.path);
  return [...urls];
}

export function checkPercent(percent: number): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new LecternError('invalid-input', `A staged rollout is a whole percentage from 0 to 100 (got ${percent}); 0 stops the rollout, 100 offers it to everyone.`);
  }
  return percent;
}

export const isOlder = (a: string, b: string) => semver.lt(a, b);
export const isPrerelease = (v: string) => (semver.prerelease(v)?.length ?? 0) > 0;
