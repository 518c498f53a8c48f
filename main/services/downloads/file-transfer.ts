import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { AsyncCbcEncryptor } from './async-cbc-encryptor';
import { hubFetch, TransientError } from './hub-fetch';
import { guardTransfer, type StallPolicy } from './stall-guard';

/** Not worth retrying: the hub's file contradicts the manifest, or the disk is full. */
export class FatalDownloadError extends Error {}

/** The part of a FileHandle the transfer writes through (tests substitute a failing one). */
export interface WritableFile {
  /** Writes all of `chunks`, in order. */
  write(chunks: Buffer[]): Promise<unknown>;
  close(): Promise<void>;
}

export interface FileTransfer {
  url: URL;
  base: URL;
  key: Buffer;
  /** What the manifest promises; `iv` null means store in the clear (fMP4 init sections). */
  file: { hubPath: string; size: number; sha256: string; iv: Buffer | null };
  /** Written first, renamed to `finalPath` only once size and sha256 check out. */
  partPath: string;
  finalPath: string;
  /** Named in the disk-full message. */
  diskLabel: string;
  signal: AbortSignal;
  fetchImpl: typeof fetch;
  openForWrite?: (file: string) => Promise<WritableFile>;
  /** Progress deadlines (docs/SECURITY.md); the defaults suit real hubs. */
  stall?: StallPolicy;
}

const WRITE_BATCH_BYTES = 256 * 1024;

/**
 * Fetches one file from the hub into place: hashes the plaintext as it arrives, refuses it at the first
 * byte beyond the manifest's size, encrypts it (HLS AES-128) and writes it to `partPath`, then renames
 * it to `finalPath` only when size and sha256 match the manifest. One read-hash-encrypt-write loop with
 * batched writes and AES off the event loop, rather than a chain of Node streams: on a busy 2-core
 * machine both mattered (bench:download). Throws `TransientError` for what a retry may fix and
 * `FatalDownloadError` for what it will not.
 */
export async function transferFile(t: FileTransfer): Promise<void> {
  const guard = guardTransfer(t.file.hubPath, t.url.host, t.signal, t.stall);
  try {
    await transferGuarded(t, guard);
  } catch (err) {
    throw guard.stall() ?? err;
  } finally {
    guard.done();
  }
}

async function transferGuarded(t: FileTransfer, guard: ReturnType<typeof guardTransfer>): Promise<void> {
  const { file } = t;
  const signal = guard.signal;
  const res = await hubFetch(t.url, t.base, signal, t.fetchImpl);
  guard.headersReceived();
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > file.size) {
    await res.body?.cancel();
    throw new FatalDownloadError(`${file.hubPath} is ${declared} bytes on the hub but ${file.size} in the course manifest.`);
  }
  if (res.body === null) throw new TransientError(`The hub sent no body for ${file.hubPath}.`);
  const hash = createHash('sha256');
  const cipher = file.iv ? await AsyncCbcEncryptor.create(t.key, file.iv) : null;
  let received = 0;
  const reader = res.body.getReader();
  let sink: WritableFile | null = null;
  try {
    sink = await (t.openForWrite ?? openForWrite)(t.partPath);
    let batch: Buffer[] = [];
    let batched = 0;
    const flush = async (last: boolean) => {
      if (sink === null) return;
      const plain = batch;
      batch = [];
      batched = 0;
      if (!cipher) return plain.length > 0 ? sink.write(plain) : undefined;
      const out = plain.length > 0 ? [await cipher.update(plain.length === 1 ? (plain[0] as Buffer) : Buffer.concat(plain))] : [];
      if (last) out.push(await cipher.final());
      return sink.write(out);
    };
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      guard.bytesReceived(value.byteLength);
      if (received > file.size) throw new FatalDownloadError(`${file.hubPath} is larger on the hub than the ${file.size} bytes the course manifest lists.`);
      hash.update(value);
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      batch.push(chunk);
      batched += chunk.byteLength;
      if (batched >= WRITE_BATCH_BYTES) await flush(false);
    }
    await flush(true);
    await sink.close();
    sink = null;
  } catch (err) {
    await reader.cancel().catch(() => {});
    await sink?.close().catch(() => {});
    await fs.promises.rm(t.partPath, { force: true });
    if (isDiskFull(err)) throw new FatalDownloadError(`The disk holding ${t.diskLabel} is full. Free up space, then resume the download.`);
    if (err instanceof FatalDownloadError || t.signal.aborted) throw err;
    if (guard.stall()) throw guard.stall();
    throw new TransientError(`The transfer of ${file.hubPath} broke off: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (received !== file.size || hash.digest('hex') !== file.sha256) {
    await fs.promises.rm(t.partPath, { force: true });
    // A short body is usually a dropped connection; a wrong checksum could be a proxy hiccup. Retry both.
    throw new TransientError(`${file.hubPath} arrived with ${received} of ${file.size} bytes or a sha256 that does not match the course manifest.`);
  }
  await fs.promises.rename(t.partPath, t.finalPath);
}

async function openForWrite(file: string): Promise<WritableFile> {
  const handle = await fs.promises.open(file, 'w');
  return {
    // writev may write less than asked (a nearly full disk); keep going until all is written or it throws.
    async write(chunks) {
      let rest = chunks.filter((c) => c.byteLength > 0);
      while (rest.length > 0) {
        let written = (await handle.writev(rest)).bytesWritten;
        if (written === 0) throw Object.assign(new Error('The disk accepted no more bytes.'), { code: 'ENOSPC' });
        const remaining: Buffer[] = [];
        for (const chunk of rest) {
          if (written >= chunk.byteLength) written -= chunk.byteLength;
          else {
            remaining.push(written > 0 ? chunk.subarray(written) : chunk);
            written = 0;
          }
        }
        rest = remaining;
      }
    },
    close: () => handle.close(),
  };
}

function isDiskFull(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 'ENOSPC';
}
