import fs from 'node:fs';
import type { TakePaths } from './take-paths';
import type { TakeStore } from './take-store';
import { userError } from '../text/user-error';

export interface AppendResult {
  bytes: number;
  chunks: number;
  /** False when the slice was a retry of one already journaled. */
  appended: boolean;
}

/**
 * The write-ahead part of recording: each slice is written at the journaled length and flushed with
 * fdatasync before the row counts it, so the row never claims bytes the disk does not hold. A crash
 * between the two leaves extra bytes after `bytes`; the next slice overwrites them (it is written at
 * the journaled offset, not appended) and recovery cuts them off with `truncateToJournal`.
 */
export class TakeJournal {
  private readonly handles = new Map<string, fs.promises.FileHandle>();
  /** Appends to one take run one after another, in arrival order. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: TakeStore,
    private readonly paths: TakePaths,
  ) {}

  /** Creates the take's folder and its empty file; refuses to reuse an existing file. */
  async create(takeId: string, fileName: string): Promise<void> {
    await fs.promises.mkdir(this.paths.dir(takeId), { recursive: true });
    this.handles.set(takeId, await fs.promises.open(this.paths.file(takeId, fileName), 'wx'));
  }

  append(takeId: string, seq: number, data: Buffer, elapsedMs: number): Promise<AppendResult> {
    const run = async (): Promise<AppendResult> => {
      const take = this.store.get(takeId);
      if (!take) throw userError('not-found', 'svc.recordings.noTake', { takeId });
      if (seq < take.chunks) return { bytes: take.bytes, chunks: take.chunks, appended: false };
      if (take.state !== 'recording' && take.state !== 'paused') {
        throw userError('conflict', 'svc.recordings.noMoreSlices', { name: take.name, state: take.state });
      }
      if (seq > take.chunks) {
        throw userError('conflict', 'svc.recordings.gap', { seq: String(seq), name: take.name, missing: String(take.chunks) });
      }
      const handle = await this.handleFor(takeId, take.fileName);
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await handle.write(data, written, data.length - written, take.bytes + written);
        written += bytesWritten;
      }
      await handle.datasync();
      const bytes = take.bytes + data.length;
      const chunks = take.chunks + 1;
      this.store.journal(takeId, bytes, chunks, Math.max(take.durationMs, elapsedMs));
      return { bytes, chunks, appended: true };
    };
    const result = (this.tails.get(takeId) ?? Promise.resolve()).then(run, run);
    this.tails.set(takeId, result.catch(() => {}));
    return result;
  }

  /** Waits for the take's pending slices, then closes its file. */
  async close(takeId: string): Promise<void> {
    await this.tails.get(takeId);
    this.tails.delete(takeId);
    const handle = this.handles.get(takeId);
    this.handles.delete(takeId);
    await handle?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...new Set([...this.handles.keys(), ...this.tails.keys()])].map((id) => this.close(id)));
  }

  /** Cuts off bytes written after the last journaled slice (a crash between the write and the row). */
  async truncateToJournal(takeId: string): Promise<{ had: number; kept: number }> {
    const take = this.store.get(takeId);
    if (!take) throw userError('not-found', 'svc.recordings.noTake', { takeId });
    const file = this.paths.file(takeId, take.fileName);
    const had = (await fs.promises.stat(file)).size;
    if (had > take.bytes) await fs.promises.truncate(file, take.bytes);
    return { had, kept: Math.min(had, take.bytes) };
  }

  private async handleFor(takeId: string, fileName: string): Promise<fs.promises.FileHandle> {
    const open = this.handles.get(takeId);
    if (open) return open;
    // A take resumed after this process reopened its services: the file exists, keep its bytes.
    const handle = await fs.promises.open(this.paths.file(takeId, fileName), 'r+');
    this.handles.set(takeId, handle);
    return handle;
  }
}
