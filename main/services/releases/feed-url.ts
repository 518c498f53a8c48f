import type { Hub } from '../../contract/domains/publishing-types';
import { RELEASES_FOLDER } from './release-publisher';

/**
 * The public address of a hub's release folder, baked into app-update.yml at packaging time: path-style
 * `endpoint/bucket/prefix/releases/` for self-hosted stores, virtual-hosted `bucket.host/…` otherwise.
 * A CDN in front of the bucket is given explicitly (`--feed-url`).
 */
export function releaseFeedUrl(hub: Pick<Hub, 'endpoint' | 'bucket' | 'keyPrefix' | 'pathStyle'>): string {
  const endpoint = new URL(hub.endpoint);
  const base = hub.pathStyle ? `${endpoint.origin}/${hub.bucket}/` : `${endpoint.protocol}//${hub.bucket}.${endpoint.host}/`;
  return base + hub.keyPrefix + RELEASES_FOLDER;
}
