import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { LecternError } from '../../contract/errors';
import type { EventSink } from '../../contract/events';
import type { CameraCorner, LectureMedia, RecordingDiskSpace, RecordingTake, TakeState } from '../../contract/types';
import type { Database } from '../db/database';
import type { Logger } from '../log/logger';
import { resolveFfmpegPaths, type FfmpegPaths } from '../media/ffmpeg-tools';
import type { MediaService } from '../media/media-service';
import { FfmpegCancelled } from '../media/run-ffmpeg';
import { diskSpace, roomValues, PAUSE_MIN_MINUTES, START_MIN_MINUTES, statfsFreeSpace, type FreeSpaceProbe } from './disk-guard';
import { remuxTake, takePictures } from './finalise-take';
import { currentOwner, isCurrentProcess, isOwnerAlive } from './process-owner';
import { TakeEditor } from './take-editor';
import { TakeJournal } from './take-journal';
import { takeFileName, TakePaths } from './take-paths';
import { TakeStore, type StoredTake } from './take-store';
import { viewTake } from './take-view';
import type { ServiceText, TextKey, TextValues } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import { userError } from '../text/user-error';

export interface RecordingsOptions {
  dataDir: string;
  /** Same resolution as MediaService: explicit, then $LECTERN_FFMPEG/$LECTERN_FFPROBE, system, bundled. */
  ffmpeg?: Partial<FfmpegPaths> | undefined;
  /** Bytes free for the data folder; statfs by default, injected by tests. */
  freeSpace?: FreeSpaceProbe | undefined;
  /** Redo trims a killed process left half made (the app); the CLI passes false. */
  runJobs?: boolean | undefined;
}

export interface StartTake {
  lectureId: string;
  mimeType: string;
  tracks: { screen: boolean; camera: boolean; microphone: boolean };
  layout?: { corner: CameraCorner; size: number } | undefined;
}

const LIVE: readonly TakeState[] = ['recording', 'paused'];

/**
 * The recording studio's main-process half: takes journaled slice by slice (`TakeJournal`), takes left
 * behind by a dead recorder found on open and offered for recovery, finalising (remux, thumbnail,
 * storyboard) and handing a finished take to the media pipeline. Editing finished takes (use, trim,
 * rename, delete) is `TakeEditor`'s.
 */
export class RecordingsService {
  private readonly store: TakeStore;
  private readonly paths: TakePaths;
  private readonly journal: TakeJournal;
  private readonly editor: TakeEditor;
  private readonly bins: FfmpegPaths;
  private readonly freeSpace: FreeSpaceProbe;
  private readonly closing = new AbortController();
  private readonly finalising = new Map<string, Promise<void>>();
  /** Takes this instance records: another opening in the same process (the CLI in tests) must not end them on close. */
  private readonly recording = new Set<string>();

  constructor(
    db: Database,
    private readonly emit: EventSink,
    private readonly log: Logger,
    media: MediaService,
    private readonly opts: RecordingsOptions,
  ) {
    this.store = new TakeStore(db);
    this.paths = new TakePaths(opts.dataDir);
    this.journal = new TakeJournal(this.store, this.paths);
    this.bins = resolveFfmpegPaths(opts.ffmpeg ?? {});
    this.freeSpace = opts.freeSpace ?? statfsFreeSpace;
    this.editor = new TakeEditor({ store: this.store, paths: this.paths, bins: this.bins, media, log, publish: (id) => this.publish(id), signal: this.closing.signal });
    this.markUnfinished();
    if (opts.runJobs ?? true) this.editor.resumeTrims();
  }

  async diskSpace(): Promise<RecordingDiskSpace> {
    await fs.promises.mkdir(this.opts.dataDir, { recursive: true });
    return diskSpace(await this.freeSpace(this.opts.dataDir));
  }

  async start(input: StartTake): Promise<RecordingTake> {
    if (!this.store.lectureExists(input.lectureId)) throw userError('not-found', 'svc.recordings.noLecture', { lectureId: input.lectureId });
    const space = await this.diskSpace();
    if (space.minutesLeft < START_MIN_MINUTES) {
      throw userError('unavailable', 'svc.recordings.noSpace', { ...roomValues(space), folder: this.opts.dataDir, needed: String(START_MIN_MINUTES) });
    }
    const id = randomUUID();
    const fileName = takeFileName(input.mimeType);
    const take = {
      id,
      lectureId: input.lectureId,
      name: `Take ${this.store.countForLecture(input.lectureId) + 1}`,
      mimeType: input.mimeType,
      tracks: input.tracks,
      layout: input.layout ?? null,
      fileName,
      createdAt: Date.now(),
    };
    // The row first: a crash before the file exists leaves an empty take the recovery prompt can discard.
    this.store.insert(take, currentOwner());
    this.recording.add(id);
    try {
      await this.journal.create(id, fileName);
    } catch (err) {
      this.store.remove(id);
      await fs.promises.rm(this.paths.dir(id), { recursive: true, force: true });
      throw userError('unavailable', 'svc.recordings.cannotCreate', { folder: this.paths.root(), cause: err instanceof Error ? err.message : String(err) });
    }
    this.log.log('info', 'take started', { takeId: id, lectureId: input.lectureId, mimeType: input.mimeType });
    return this.publish(id);
  }

  /**
   * Journals one slice. When the disk gets too full to keep recording, the slice in hand is still kept,
   * the take is paused and the error tells the renderer to pause too; a retried slice is then ignored.
   */
  async appendChunk(takeId: string, seq: number, base64: string, elapsedMs: number): Promise<{ bytes: number; chunks: number }> {
    const take = this.requireOwnLive(takeId);
    const data = Buffer.from(base64, 'base64');
    let result;
    try {
      result = await this.journal.append(takeId, seq, data, elapsedMs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      throw await this.pauseForSpace(take, await this.diskSpace());
    }
    if (!result.appended) return { bytes: result.bytes, chunks: result.chunks };
    this.publish(takeId);
    const space = await this.diskSpace();
    if (space.minutesLeft < PAUSE_MIN_MINUTES && this.store.get(takeId)?.state === 'recording') throw await this.pauseForSpace(take, space);
    return { bytes: result.bytes, chunks: result.chunks };
  }

  pause(takeId: string): RecordingTake {
    this.requireOwnLive(takeId);
    this.store.transition(takeId, ['recording'], 'paused');
    return this.publish(takeId);
  }

  async resume(takeId: string): Promise<RecordingTake> {
    this.requireOwnLive(takeId);
    const space = await this.diskSpace();
    if (space.minutesLeft < PAUSE_MIN_MINUTES) {
      throw userError('unavailable', 'svc.recordings.stillFull', { ...roomValues(space), folder: this.opts.dataDir });
    }
    this.store.transition(takeId, ['paused'], 'recording');
    return this.publish(takeId);
  }

  /** Finalises the take and makes it the lecture's video; a take that cannot be used stays ready with the reason in `error`. */
  async stop(takeId: string, elapsedMs: number): Promise<RecordingTake> {
    const take = this.requireOwnLive(takeId);
    await this.journal.close(takeId);
    const latest = this.store.get(takeId) ?? take;
    this.store.setState(takeId, 'finalizing', { durationMs: Math.max(latest.durationMs, elapsedMs) });
    return this.finishAndUse(takeId);
  }

  /** Finalises what an unfinished (or failed) take wrote, then treats it like a stopped take. */
  async recover(takeId: string): Promise<RecordingTake> {
    this.markUnfinished();
    const take = this.require(takeId);
    if (take.state !== 'unfinished' && take.state !== 'failed') {
      throw userError('conflict', 'svc.recordings.notUnfinished', { name: take.name, state: take.state });
    }
    if (!fs.existsSync(this.paths.file(takeId, take.fileName))) {
      throw userError('not-found', 'svc.recordings.fileGone', { name: take.name, folder: this.paths.dir(takeId) });
    }
    if (!this.store.transition(takeId, [take.state], 'finalizing')) throw userError('conflict', 'svc.recordings.recovering', { name: take.name });
    this.store.setOwner(takeId, currentOwner());
    this.log.log('info', 'recovering take', { takeId, bytes: take.bytes, chunks: take.chunks });
    return this.finishAndUse(takeId);
  }

  /** Throws away a take being recorded, left unfinished or failed: its files and its row. */
  async discard(takeId: string): Promise<{ takeId: string }> {
    this.markUnfinished();
    const take = this.require(takeId);
    if (LIVE.includes(take.state) && !isCurrentProcess(take.owner)) {
      throw userError('conflict', 'svc.recordings.otherProcessStop', { name: take.name, pid: String(take.owner.pid ?? '?') });
    }
    if (!LIVE.includes(take.state) && take.state !== 'unfinished' && take.state !== 'failed') {
      throw userError('conflict', 'svc.recordings.deleteInstead', { name: take.name, state: take.state });
    }
    await this.journal.close(takeId);
    this.store.remove(takeId);
    this.recording.delete(takeId);
    await fs.promises.rm(this.paths.dir(takeId), { recursive: true, force: true });
    this.log.log('info', 'take discarded', { takeId, bytes: take.bytes });
    this.emit('recordings.take', { ...viewTake(take, this.store, this.paths), deletedAt: Date.now() });
    return { takeId };
  }

  get(takeId: string): RecordingTake {
    return viewTake(this.require(takeId), this.store, this.paths);
  }

  /** A lecture's takes (every take without one), newest first, deleted ones excluded. */
  list(lectureId?: string): RecordingTake[] {
    this.markUnfinished();
    return this.store.list({ lectureId }).map((t) => viewTake(t, this.store, this.paths));
  }

  unfinished(): RecordingTake[] {
    this.markUnfinished();
    return this.store.inStates(['unfinished']).filter((t) => t.deletedAt === null).map((t) => viewTake(t, this.store, this.paths));
  }

  rename(takeId: string, name: string): RecordingTake {
    return this.editor.rename(this.require(takeId), name);
  }
  delete(takeId: string): RecordingTake {
    return this.editor.delete(this.require(takeId));
  }
  restore(takeId: string): RecordingTake {
    return this.editor.restore(this.require(takeId));
  }
  use(takeId: string): Promise<LectureMedia> {
    return this.editor.use(this.require(takeId));
  }
  trim(takeId: string, startSec: number, endSec: number): RecordingTake {
    return this.editor.trim(this.require(takeId), startSec, endSec);
  }
  clearTrim(takeId: string): Promise<RecordingTake> {
    return this.editor.clearTrim(this.require(takeId));
  }
  /** Resolves when no trim runs in this process (tests, CLI). */
  idle(): Promise<void> {
    return this.editor.idle();
  }

  /** Why quitting or restarting now would cut a take short; null when nothing is being recorded or made. */
  recordingBusy(): 'recording' | 'finalising' | 'trimming' | null {
    const mine = this.store.inStates(['recording', 'paused', 'finalizing']).filter((t) => isCurrentProcess(t.owner));
    if (mine.some((t) => LIVE.includes(t.state))) return 'recording';
    if (mine.length || this.finalising.size) return 'finalising';
    if (this.editor.busy()) return 'trimming';
    return null;
  }

  /**
   * Stops ffmpeg and closes the take files. A take still recording becomes unfinished, so the next start
   * asks what to do with it; a take cut short while finalising or trimming is picked up the same way.
   */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    const mine = new Set([...this.recording, ...this.finalising.keys()]);
    await Promise.allSettled([this.editor.idle(), ...this.finalising.values()]);
    await this.journal.closeAll();
    for (const t of this.store.inStates([...LIVE, 'finalizing'])) {
      if (isCurrentProcess(t.owner) && mine.has(t.id)) this.store.setState(t.id, 'unfinished');
    }
  }

  /** Takes whose recorder (or finaliser) is gone become 'unfinished'; they are never deleted without the instructor. */
  private markUnfinished(): void {
    for (const t of this.store.inStates(['recording', 'paused', 'finalizing'])) {
      if (isOwnerAlive(t.owner)) continue;
      this.store.setState(t.id, 'unfinished');
      this.log.log('warn', 'found an unfinished take', { takeId: t.id, lectureId: t.lectureId, state: t.state, ownerPid: t.owner.pid, bytes: t.bytes });
      this.publish(t.id);
    }
  }

  private async finishAndUse(takeId: string): Promise<RecordingTake> {
    this.publish(takeId);
    const done = this.finalise(takeId);
    this.finalising.set(takeId, done);
    try {
      await done;
    } finally {
      this.finalising.delete(takeId);
    }
    const take = this.store.get(takeId);
    if (take?.state === 'ready' && !this.closing.signal.aborted) {
      try {
        await this.editor.use(take);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        this.store.setState(takeId, 'ready', said('svc.recordings.notUsed', { cause: reason }));
        this.log.log('warn', 'finished take not used', { takeId, reason });
      }
    }
    return this.publish(takeId);
  }

  private async finalise(takeId: string): Promise<void> {
    const take = this.require(takeId);
    const dir = this.paths.dir(takeId);
    const fail = (key: TextKey, values: TextValues) => this.store.setState(takeId, 'failed', { ...said(key, values), finishedAt: Date.now() });
    try {
      const { had, kept } = await this.journal.truncateToJournal(takeId);
      if (had !== kept) this.log.log('info', 'cut unjournaled bytes off a take', { takeId, had, kept });
      if (kept === 0) return fail('svc.recordings.nothingRecorded', { name: take.name });
      const signal = this.closing.signal;
      const { finalName, probe } = await remuxTake(this.bins, dir, take.fileName, signal);
      const problems = await takePictures(this.bins, dir, finalName, probe, signal);
      if (problems.length) this.log.log('warn', 'take thumbnail or storyboard failed', { takeId, problems });
      if (this.closing.signal.aborted) return;
      const durationMs = Math.round((probe.durationSec ?? take.durationMs / 1000) * 1000);
      this.store.setState(takeId, 'ready', { finalName, durationMs, finishedAt: Date.now(), error: null });
      // The finished file holds every journaled byte; the raw stream is no longer needed.
      await fs.promises.rm(this.paths.file(takeId, take.fileName), { force: true });
      this.log.log('info', 'take finalised', { takeId, finalName, durationMs, bytes: kept });
    } catch (err) {
      if (err instanceof FfmpegCancelled || this.closing.signal.aborted) return;
      const reason = err instanceof Error ? err.message : String(err);
      this.log.log('warn', 'take could not be finalised', { takeId, reason });
      fail('svc.recordings.finishFailed', { name: take.name, cause: reason, folder: dir });
    }
  }

  private async pauseForSpace(take: StoredTake, space: RecordingDiskSpace): Promise<LecternError> {
    this.store.transition(take.id, ['recording'], 'paused');
    this.publish(take.id);
    this.log.log('warn', 'take paused: disk almost full', { takeId: take.id, freeBytes: space.freeBytes });
    return userError('unavailable', 'svc.recordings.pausedFull', { ...roomValues(space), name: take.name, folder: this.opts.dataDir });
  }

  private require(takeId: string): StoredTake {
    const take = this.store.get(takeId);
    if (!take) throw userError('not-found', 'svc.recordings.noTake', { takeId });
    return take;
  }

  /** A take this process is recording; another process's take, or one left behind, cannot be fed slices here. */
  private requireOwnLive(takeId: string): StoredTake {
    const take = this.require(takeId);
    if (!LIVE.includes(take.state)) {
      throw userError('conflict', 'svc.recordings.notRecording', { name: take.name, state: take.state });
    }
    if (!isCurrentProcess(take.owner)) {
      throw userError('conflict', 'svc.recordings.otherProcess', { name: take.name, pid: String(take.owner.pid ?? '?') });
    }
    return take;
  }

  private publish(takeId: string): RecordingTake {
    const take = this.require(takeId);
    const view = viewTake(take, this.store, this.paths);
    this.emit('recordings.take', view);
    return view;
  }
}

/** A stored take error worded as a message: its English for `error`, its id for `errorText`. */
function said(key: TextKey, values: TextValues): { error: string; errorText: ServiceText } {
  const errorText = { key, values };
  return { error: formatText(errorText), errorText };
}
