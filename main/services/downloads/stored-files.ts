import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { CaptionsError, MAX_CAPTIONS_BYTES, checkCaptions } from '../captions/captions-vtt';
import type { Logger } from '../log/logger';
import type { DownloadStore, FileRow } from './download-store';
import type { LibraryPaths } from './library-paths';
import { formatBytes } from './plan';
import { decryptStoredFile, digestStoredFile, encryptedSize } from './segment-cipher';
import { userError } from '../text/user-error';

/** What a download's stored files are, checked against its rows: the disk side of the download manager. */
export class StoredFiles {
  constructor(
    private readonly store: DownloadStore,
    private readonly paths: LibraryPaths,
    private readonly log?: Logger,
  ) {}

  /** Files not yet done, plus done files whose stored size is wrong (cheap check; `damaged` is the deep one). */
  async pending(id: string): Promise<FileRow[]> {
    const files = this.store.files(id);
    const missing = new Set<number>();
    for (const f of files) {
      if (f.state !== 'done') continue;
      const expected = f.iv ? encryptedSize(f.size) : f.size;
      const stat = await fs.promises.stat(this.paths.file(id, f.idx)).catch(() => null);
      if (stat?.size !== expected) missing.add(f.idx);
    }
    if (missing.size > 0) this.store.markQueued(id, [...missing]);
    return files.filter((f) => f.state !== 'done' || missing.has(f.idx));
  }

  /** Re-reads and decrypts every done file; returns how many were checked and the indexes that do not match. */
  async damaged(id: string, key: Buffer): Promise<{ checked: number; bad: number[] }> {
    const bad: number[] = [];
    const files = this.store.files(id).filter((f) => f.state === 'done');
    for (const f of files) {
      const digest = await digestStoredFile(this.paths.file(id, f.idx), key, f.iv);
      if (!digest || digest.size !== f.size || digest.sha256 !== f.sha256) bad.push(f.idx);
    }
    return { checked: files.length, bad };
  }

  /**
   * A download's captions once that file is verified, decrypted and checked again as hub input (size and
   * sha256 against the manifest, then UTF-8 WebVTT with cues), or null. Captions are decrypted here rather
   * than by the player because a `<track>` cannot decrypt; the route hands the text only to the app's own
   * pages.
   */
  async captionsText(id: string, key: () => Promise<Buffer | null>): Promise<string | null> {
    const captions = this.store.captions(id);
    const row = captions ? this.store.file(id, captions.index) : null;
    if (!row || row.state !== 'done' || row.size > MAX_CAPTIONS_BYTES) return null;
    const k = await key();
    if (!k) return null;
    const plain = await decryptStoredFile(this.paths.file(id, row.idx), k, row.iv, encryptedSize(MAX_CAPTIONS_BYTES));
    if (!plain || plain.byteLength !== row.size || createHash('sha256').update(plain).digest('hex') !== row.sha256) {
      this.log?.log('warn', 'stored captions do not match the manifest', { id });
      return null;
    }
    try {
      return checkCaptions(plain, `The captions of download ${id}`).text;
    } catch (err) {
      if (!(err instanceof CaptionsError)) throw err;
      this.log?.log('warn', 'downloaded captions refused', { id, error: err.message });
      return null;
    }
  }

  /** What a download's folder takes on disk now (ciphertext is a little larger than the manifest says). */
  async bytesOnDisk(id: string): Promise<number> {
    const folder = this.paths.folder(id);
    const names = await fs.promises.readdir(folder).catch(() => []);
    const sizes = await Promise.all(names.map((n) => fs.promises.stat(`${folder}/${n}`).then((st) => st.size, () => 0)));
    return sizes.reduce((a, b) => a + b, 0);
  }

  /** Removes the `.part` files a finished download no longer needs. */
  async removeLeftovers(id: string): Promise<void> {
    const folder = this.paths.folder(id);
    for (const name of await fs.promises.readdir(folder)) {
      if (name.endsWith('.part')) await fs.promises.rm(`${folder}/${name}`, { force: true });
    }
  }
}

async function diskFree(dir: string): Promise<number> {
  const s = await fs.promises.statfs(dir);
  return s.bavail * s.bsize;
}

const DEFAULT_RESERVE_BYTES = 100 * 1024 * 1024;

/** Room on the library's disk, keeping `reserveBytes` (default 100 MiB) free beyond any download. */
export class DiskSpace {
  constructor(
    private readonly root: string,
    private readonly freeBytes: (dir: string) => Promise<number> = diskFree,
    private readonly reserveBytes = DEFAULT_RESERVE_BYTES,
  ) {}

  /** Free bytes on the library's disk, less the head-room kept free. */
  async spare(): Promise<number> {
    return Math.max(0, (await this.freeBytes(this.root)) - this.reserveBytes);
  }

  async check(title: string, bytes: number): Promise<void> {
    const free = await this.freeBytes(this.root);
    if (free < bytes + this.reserveBytes) {
      throw userError('unavailable', 'svc.downloads.noSpace', { title, needed: formatBytes(bytes), folder: this.root, spare: formatBytes(Math.max(0, free - this.reserveBytes)) });
    }
  }
}
