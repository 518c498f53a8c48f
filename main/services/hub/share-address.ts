import { normalizeHubBase } from '../hls/hub-uri';

export interface HubLocation {
  endpoint: string;
  bucket: string;
  keyPrefix: string;
  pathStyle: boolean;
}

/**
 * The address a student types into the library's "Add hub" form for this hub: the public URL of the
 * hub's folder, where catalog.json lives. Path-style stores (MinIO, Swift) serve it at
 * endpoint/bucket/prefix/, virtual-hosted ones (AWS, most clouds) at bucket.endpoint-host/prefix/. It is
 * passed through the same normalisation the library applies, so what is shown is exactly what is stored
 * when a student adds it.
 */
export function shareAddress(hub: HubLocation): string {
  const endpoint = new URL(hub.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const path = hub.pathStyle ? `${basePath}/${hub.bucket}/${hub.keyPrefix}` : `${basePath}/${hub.keyPrefix}`;
  const host = hub.pathStyle ? endpoint.host : `${hub.bucket}.${endpoint.host}`;
  return normalizeHubBase(`${endpoint.protocol}//${host}${path}`).href;
}
