import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';

const EDGE_BYTES = 1024 * 1024;

/**
 * A cheap identity for a source file, checked before resuming an upload: sha256 over size, mtime (ms)
 * and the first and last MiB. Size and mtime change on every ordinary write; the edge bytes also catch a
 * re-export that restored the mtime, since video containers rewrite their headers (MP4 moov, MKV cues) at
 * the start or end. It costs 2 MiB of reading whatever the file size — a full hash of a 10 GB lecture at
 * every resume would cost more than the upload it saves. The residual risk (an in-place edit of the middle
 * that keeps size and mtime) is then caught by the per-part check in `reconcile`, which re-hashes any part
 * the server holds but the database does not, and by Content-MD5 on every part sent.
 */
export async function sourceFingerprint(file: string): Promise<{ fingerprint: string; size: number; mtimeMs: number }> {
  const fh = await fs.open(file, 'r');
  try {
    const st = await fh.stat();
    const h = createHash('sha256').update(`${st.size}:${Math.trunc(st.mtimeMs)}:`);
    const head = Buffer.alloc(Math.min(EDGE_BYTES, st.size));
    await fh.read(head, 0, head.length, 0);
    h.update(head);
    const tailStart = Math.max(head.length, st.size - EDGE_BYTES);
    const tail = Buffer.alloc(st.size - tailStart);
    await fh.read(tail, 0, tail.length, tailStart);
    h.update(tail);
    return { fingerprint: h.digest('hex'), size: st.size, mtimeMs: Math.trunc(st.mtimeMs) };
  } finally {
    await fh.close();
  }
}
