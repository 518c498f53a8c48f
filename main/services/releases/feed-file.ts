import yaml from 'js-yaml';
import semver from 'semver';
import type { UpdateChannel } from '../../contract/types';
import { userError } from '../text/user-error';

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
    throw userError('invalid-input', 'svc.releases.badYaml', { where, cause: err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err) });
  }
  const d = doc as Partial<FeedFile> | null;
  if (!d || typeof d !== 'object' || typeof d.version !== 'string' || !semver.valid(d.version)) {
    throw userError('invalid-input', 'svc.releases.noVersion', { where });
  }
  if (!Array.isArray(d.files) || d.files.length === 0 || !d.files.every((f) => f && typeof f.url === 'string' && typeof f.sha512 === 'string')) {
    throw userError('invalid-input', 'svc.releases.noFiles', { where });
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
    throw userError('invalid-input', 'svc.releases.badPercent', { percent: String(percent) });
  }
  return percent;
}

export const isOlder = (a: string, b: string) => semver.lt(a, b);
export const isPrerelease = (v: string) => (semver.prerelease(v)?.length ?? 0) > 0;
