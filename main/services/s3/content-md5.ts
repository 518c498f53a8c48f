import { createHash } from 'node:crypto';

/** Base64 MD5 for the Content-MD5 header: the server rejects the body (BadDigest) if it arrived altered. */
export function contentMd5(body: Uint8Array): string {
  return createHash('md5').update(body).digest('base64');
}

/** The ETag S3 gives a single-part object or a part (unencrypted or SSE-S3): the quoted hex MD5. */
export function md5Etag(body: Uint8Array): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

/** S3's ETag for a completed multipart object: MD5 of the parts' binary MD5s, then `-<part count>`. */
export function multipartEtag(partEtags: readonly string[]): string {
  const h = createHash('md5');
  for (const e of partEtags) h.update(Buffer.from(e.replaceAll('"', ''), 'hex'));
  return `"${h.digest('hex')}-${partEtags.length}"`;
}
