import fs from 'node:fs';
import type { LectureMedia, RecordingTake } from '../../contract/types';
import type { FfmpegPaths } from '../media/ffmpeg-tools';
import type { MediaService } from '../media/media-service';
import type { Logger } from '../log/logger';
import { probeFile } from '../media/probe';
import { FfmpegCancelled } from '../media/run-ffmpeg';
import { trimTake } from './finalise-take';
import { currentOwner, isCurrentProcess, isOwnerAlive } from './process-owner';
import { TRIMMED_FILE, type TakePaths } from './take-paths';
import type { StoredTake, TakeStore } from './take-store';
import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import { userError } from '../text/user-error';

export interface TakeEditorDeps {
  store: TakeStore;
  paths: TakePaths;
  bins: FfmpegPaths;
  media: MediaService;
  log: Logger;
  /** Emits the take's current view and returns it. */
  publish(takeId: string): RecordingTake;
  /** Aborted when the services close. */
  signal: AbortSignal;
}

/** Finished takes: which one is the lecture's video, their in/out points, names and soft deletion. */
export class TakeEditor {
  private readonly trims = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(private readonly d: TakeEditorDeps) {}

  /**
   * Imports the take's video (its trimmed cut when it has one) as the lecture's source and queues the
   * media pipeline on it, exactly as attaching a file does; the take is then the lecture's only one in use.
   */
  async use(take: StoredTake): Promise<LectureMedia> {
    const ready = this.requireReady(take, 'used');
    if (ready.trim?.state === 'working') throw userError('conflict', 'svc.recordings.trimming', { name: take.name });
    if (ready.trim?.state === 'failed') throw userError('conflict', 'svc.recordings.trimFailed', { name: take.name });
    const trimmed = ready.trim?.state === 'ready';
    const file = trimmed ? this.d.paths.file(take.id, TRIMMED_FILE) : this.d.paths.file(take.id, ready.finalName);
    const ext = trimmed ? '.mp4' : ready.finalName.slice(ready.finalName.lastIndexOf('.'));
    const imported = await this.d.media.import(take.lectureId, file, { originalName: `${take.name}${trimmed ? ' (trimmed)' : ''}${ext}` });
    const importedAt = imported.source?.importedAt;
    if (importedAt === undefined) throw new Error(`importing take ${take.id} left lecture ${take.lectureId} without a source`);
    const before = this.d.store.list({ lectureId: take.lectureId, includeDeleted: true }).filter((t) => t.inUse !== null);
    this.d.store.markInUse(take.id, take.lectureId, importedAt);
    for (const t of before) if (t.id !== take.id) this.d.publish(t.id);
    this.d.publish(take.id);
    await this.d.media.build(take.lectureId);
    this.d.log.log('info', 'take is the lecture video', { takeId: take.id, lectureId: take.lectureId, trimmed });
    return this.d.media.get(take.lectureId);
  }

  /** Sets in/out points; the cut is encoded in the background ('working' → 'ready' or 'failed'). */
  trim(take: StoredTake, startSec: number, endSec: number): RecordingTake {
    this.requireReady(take, 'trimmed');
    const durationSec = take.durationMs / 1000;
    // Contract checks already ensure end − start ≥ 1 s; the end must also lie within the take (a frame of slack).
    if (endSec > durationSec + 0.05) {
      throw userError('invalid-input', 'svc.recordings.outPastEnd', { end: endSec.toFixed(1), name: take.name, duration: durationSec.toFixed(1) }, {
        issues: [{ path: 'endSec', message: `At most ${durationSec.toFixed(1)} s`, text: { key: 'svc.recordings.atMost', values: { duration: durationSec.toFixed(1) } } }],
      });
    }
    this.cancelTrim(take.id);
    this.d.store.setTrim(take.id, { startSec, endSec: Math.min(endSec, durationSec), state: 'working', owner: currentOwner(), error: null });
    this.runTrim(take.id);
    return this.d.publish(take.id);
  }

  /** Drops the in/out points; a take in use goes back to its whole video. */
  async clearTrim(take: StoredTake): Promise<RecordingTake> {
    this.requireReady(take, 'changed');
    await this.cancelTrimAndWait(take.id);
    this.d.store.setTrim(take.id, null);
    await fs.promises.rm(this.d.paths.file(take.id, TRIMMED_FILE), { force: true });
    const fresh = this.d.store.get(take.id);
    if (fresh && this.isInUse(fresh)) await this.use(fresh);
    return this.d.publish(take.id);
  }

  rename(take: StoredTake, name: string): RecordingTake {
    this.d.store.rename(take.id, name);
    return this.d.publish(take.id);
  }

  /** Soft delete (undo with restore); the files stay until the take is discarded for good. */
  delete(take: StoredTake): RecordingTake {
    if (take.deletedAt !== null) return this.d.publish(take.id);
    if (['recording', 'paused', 'finalizing'].includes(take.state)) {
      throw userError('conflict', 'svc.recordings.stopInstead', { name: take.name, state: take.state });
    }
    if (this.isInUse(take)) {
      throw userError('conflict', 'svc.recordings.inUse', { name: take.name });
    }
    this.cancelTrim(take.id);
    this.d.store.setDeleted(take.id, Date.now());
    return this.d.publish(take.id);
  }

  restore(take: StoredTake): RecordingTake {
    this.d.store.setDeleted(take.id, null);
    return this.d.publish(take.id);
  }

  /** Trims a killed process left 'working' start again from scratch. */
  resumeTrims(): void {
    for (const t of this.d.store.inStates(['ready'])) {
      if (t.trim?.state !== 'working' || t.deletedAt !== null || this.trims.has(t.id)) continue;
      // Another live process is making this cut.
      if (t.trim.owner && !isCurrentProcess(t.trim.owner) && isOwnerAlive(t.trim.owner)) continue;
      this.d.store.setTrim(t.id, { ...t.trim, owner: currentOwner() });
      this.runTrim(t.id);
    }
  }

  busy(): boolean {
    return this.trims.size > 0;
  }

  async idle(): Promise<void> {
    while (this.trims.size) await Promise.allSettled([...this.trims.values()].map((t) => t.done));
  }

  private runTrim(takeId: string): void {
    const abort = new AbortController();
    const onClose = () => abort.abort();
    this.d.signal.addEventListener('abort', onClose, { once: true });
    const done = this.makeTrim(takeId, abort.signal).finally(() => {
      this.d.signal.removeEventListener('abort', onClose);
      if (this.trims.get(takeId)?.abort === abort) this.trims.delete(takeId);
    });
    this.trims.set(takeId, { abort, done });
  }

  private async makeTrim(takeId: string, signal: AbortSignal): Promise<void> {
    const take = this.d.store.get(takeId);
    if (!take?.trim || !take.finalName) return;
    const { startSec, endSec } = take.trim;
    try {
      const input = this.d.paths.file(takeId, take.finalName);
      await trimTake(this.d.bins, {
        input,
        output: this.d.paths.file(takeId, TRIMMED_FILE),
        startSec,
        endSec,
        hasAudio: (await probeFile(this.d.bins.ffprobe, input)).audio !== null,
        signal,
      });
    } catch (err) {
      if (err instanceof FfmpegCancelled || signal.aborted) return;
      const reason = err instanceof Error ? err.message : String(err);
      this.d.log.log('warn', 'trim failed', { takeId, reason });
      if (this.sameTrim(takeId, startSec, endSec)) {
        this.d.store.setTrim(takeId, { startSec, endSec, state: 'failed', owner: null, ...trimFailed(take.name, reason) });
        this.d.publish(takeId);
      }
      return;
    }
    if (signal.aborted || !this.sameTrim(takeId, startSec, endSec)) return;
    this.d.store.setTrim(takeId, { startSec, endSec, state: 'ready', owner: null, error: null });
    this.d.publish(takeId);
    const fresh = this.d.store.get(takeId);
    // The take is already the lecture's video: its trimmed cut replaces it.
    if (fresh && this.isInUse(fresh)) {
      await this.use(fresh).catch((err: unknown) => this.d.log.log('warn', 'trimmed take not used', { takeId, reason: err instanceof Error ? err.message : String(err) }));
    }
  }

  private sameTrim(takeId: string, startSec: number, endSec: number): boolean {
    const t = this.d.store.get(takeId)?.trim;
    return t?.startSec === startSec && t.endSec === endSec && t.state === 'working';
  }

  private cancelTrim(takeId: string): void {
    this.trims.get(takeId)?.abort.abort();
    this.trims.delete(takeId);
  }

  private async cancelTrimAndWait(takeId: string): Promise<void> {
    const running = this.trims.get(takeId);
    this.cancelTrim(takeId);
    await running?.done;
  }

  private isInUse(take: StoredTake): boolean {
    return take.inUse !== null && take.inUse === this.d.store.sourceImportedAt(take.lectureId);
  }

  private requireReady(take: StoredTake, verb: string): StoredTake & { finalName: NonNullable<StoredTake['finalName']> } {
    if (take.deletedAt !== null) throw userError('conflict', 'svc.recordings.deleted', { name: take.name, verb });
    if (take.state !== 'ready' || take.finalName === null) {
      throw userError('conflict', 'svc.recordings.notReady', { name: take.name, state: take.state, verb });
    }
    return { ...take, finalName: take.finalName };
  }
}

/** A failed trim's stored error: the English sentence and its message id (the cause for Details). */
function trimFailed(name: string, cause: string): { error: string; errorText: ServiceText } {
  const errorText: ServiceText = { key: 'svc.recordings.trimFailedCause', values: { name, cause } };
  return { error: formatText(errorText), errorText };
}
