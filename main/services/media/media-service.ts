import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventSink } from '../../contract/events';
import type { LectureCaptions, LectureMedia, MediaJob, MediaJobKind } from '../../contract/types';
import type { Database } from '../db/database';
import type { Logger } from '../log/logger';
import { inspectFfmpeg, resolveFfmpegPaths, type FfmpegPaths, type FfmpegReport } from './ffmpeg-tools';
import { readCaptionsFile, writeFileAtomically } from './captions-file';
import { placeFile, sourceFileName, statSource } from './import-source';
import type { X264Settings } from './ladder-command';
import { DEFAULT_ENCODING } from './ladder-plan';
import { MASTER_PLAYLIST, MediaPaths, STORYBOARD_SPRITE, STORYBOARD_VTT } from './media-paths';
import { MediaStore, type StoredJob } from './media-store';
import { checkTail, probeFile } from './probe';
import { FfmpegCancelled } from './run-ffmpeg';
import { readLadderInfo, runJob } from './run-job';
import { validateProbe } from './validate-source';
import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import { userError } from '../text/user-error';

export interface MediaServiceOptions {
  dataDir: string;
  /** Binaries; default: $LECTERN_FFMPEG/$LECTERN_FFPROBE, then /usr/bin, then the bundled installers. */
  ffmpeg?: Partial<FfmpegPaths> | undefined;
  /** ffmpeg processes at once; default 1 on machines with ≤ 4 cores (one ladder already fills them), else 2. */
  maxConcurrent?: number | undefined;
  /** Longest source accepted; default 4 hours. */
  maxDurationSec?: number | undefined;
  /**
   * Start working through queued jobs as soon as the service opens (the app). The CLI opens services for
   * one command and passes false, so `lectern courses list` never starts an encode; `build(…, {wait})`
   * still runs jobs in that process.
   */
  runJobs?: boolean | undefined;
  x264?: X264Settings | undefined;
}

const BUILD_ORDER: readonly MediaJobKind[] = ['poster', 'storyboard', 'ladder', 'preview'];

interface Running {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Lecture media: import (probe, validate, copy into the library), previews and the HLS ladder as
 * persisted jobs run by at most `maxConcurrent` ffmpeg processes, with progress as 'media.job' events.
 */
export class MediaService {
  private readonly store: MediaStore;
  private readonly paths: MediaPaths;
  private readonly bins: FfmpegPaths;
  private readonly maxConcurrent: number;
  private readonly maxDurationSec: number;
  private readonly running = new Map<string, Running>();
  private readonly waiters = new Set<() => void>();
  private report: Promise<FfmpegReport> | null = null;
  private working: boolean;
  private closed = false;

  constructor(
    db: Database,
    private readonly emit: EventSink,
    private readonly log: Logger,
    private readonly opts: MediaServiceOptions,
  ) {
    this.store = new MediaStore(db);
    this.paths = new MediaPaths(opts.dataDir);
    this.bins = resolveFfmpegPaths(opts.ffmpeg ?? {});
    this.maxConcurrent = Math.max(1, opts.maxConcurrent ?? (os.cpus().length <= 4 ? 1 : 2));
    this.maxDurationSec = opts.maxDurationSec ?? 4 * 3600;
    this.working = opts.runJobs ?? true;
    this.recover();
    if (this.working) {
      this.reportTools();
      this.pump();
    }
  }

  /** At start-up, so a missing encoder shows in the log before the first job fails on it. */
  private reportTools(): void {
    void this.tools().then((t) => {
      // The log may already be closed with the app.
      if (this.closed) return;
      if (t.problem) this.log.log('warn', 'ffmpeg cannot build lecture media', { ffmpeg: t.ffmpeg, version: t.version, missing: t.missing, problem: t.problem });
      else this.log.log('info', 'ffmpeg ready', { ffmpeg: t.ffmpeg, ffprobe: t.ffprobe, version: t.version });
    });
  }

  /** Which ffmpeg runs, its version, and what it lacks (checked once). */
  tools(): Promise<FfmpegReport> {
    this.report ??= inspectFfmpeg(this.bins);
    return this.report;
  }

  /** `originalName` names the source where the file's own name says nothing (a recorded take). */
  async import(lectureId: string, filePath: string, opts: { originalName?: string } = {}): Promise<LectureMedia> {
    if (!this.store.lectureExists(lectureId)) throw userError('not-found', 'svc.media.noLecture', { lectureId });
    const file = path.resolve(filePath);
    const stat = await statSource(file);
    const probe = await probeFile(this.bins.ffprobe, file);
    validateProbe(file, probe, { maxDurationSec: this.maxDurationSec });
    await checkTail(this.bins.ffmpeg, file, probe.durationSec ?? 0);

    // A new source makes every output of the old one stale.
    await Promise.all(this.store.activeJobs(lectureId).map((j) => this.cancel(j.id)));
    const dir = this.paths.lectureDir(lectureId);
    const createdDir = !fs.existsSync(dir);
    await fs.promises.mkdir(dir, { recursive: true });
    const fileName = sourceFileName(file);
    const dest = this.paths.source(lectureId, fileName);
    const previous = this.store.source(lectureId);
    try {
      const how = await placeFile(file, dest);
      this.store.saveSource({ lectureId, fileName, originalName: opts.originalName ?? path.basename(file), sizeBytes: stat.size, probe, importedAt: Date.now() });
      this.log.log('info', 'imported source', { lectureId, how, sizeBytes: stat.size, durationSec: probe.durationSec });
    } catch (err) {
      if (createdDir) await fs.promises.rm(dir, { recursive: true, force: true });
      else if (!previous || previous.fileName !== fileName) await fs.promises.rm(dest, { force: true });
      throw err;
    }
    if (previous) await this.removeOutputs(lectureId, previous.fileName === fileName ? null : previous.fileName);
    // The lecture's duration changed with the import; open editors refetch the outline on this event.
    const courseId = this.store.courseOf(lectureId);
    if (courseId) this.emit('drafts.changed', { courseId });
    return this.get(lectureId);
  }

  /**
   * Attaches (or replaces) the lecture's WebVTT captions: checked (UTF-8, `WEBVTT`, at least one cue, at
   * most 2 MiB), then copied into the data folder without a byte-order mark. Captions are not derived
   * from the video, so they survive a re-import of the source.
   */
  async attachCaptions(lectureId: string, filePath: string, opts: { language?: string | undefined; label?: string | undefined } = {}): Promise<LectureMedia> {
    if (!this.store.lectureExists(lectureId)) throw userError('not-found', 'svc.media.noLecture', { lectureId });
    const file = path.resolve(filePath);
    const checked = await readCaptionsFile(file);
    await fs.promises.mkdir(this.paths.lectureDir(lectureId), { recursive: true });
    await writeFileAtomically(this.paths.captions(lectureId), checked.text);
    this.store.saveCaptions({
      lectureId,
      originalName: path.basename(file),
      sizeBytes: checked.sizeBytes,
      cueCount: checked.cueCount,
      language: opts.language ?? null,
      label: opts.label?.trim() || null,
      attachedAt: Date.now(),
    });
    this.log.log('info', 'attached captions', { lectureId, sizeBytes: checked.sizeBytes, cues: checked.cueCount });
    return this.get(lectureId);
  }

  /**
   * Changes what the player's captions menu shows (language, label) without touching the file; null
   * clears a field, undefined keeps it. A blank label is stored as none, as on attach.
   */
  setCaptionsInfo(lectureId: string, info: { language?: string | null | undefined; label?: string | null | undefined }): LectureMedia {
    if (!this.store.lectureExists(lectureId)) throw userError('not-found', 'svc.media.noLecture', { lectureId });
    const patch: { language?: string | null; label?: string | null } = {};
    if (info.language !== undefined) patch.language = info.language;
    if (info.label !== undefined) patch.label = info.label?.trim() || null;
    if (!this.captionsOf(lectureId) || !this.store.updateCaptionsInfo(lectureId, patch)) {
      throw userError('not-found', 'svc.media.noCaptions', { lectureId });
    }
    return this.get(lectureId);
  }

  /** Removes the lecture's captions; the next publish lists none for it. */
  async removeCaptions(lectureId: string): Promise<LectureMedia> {
    if (!this.store.lectureExists(lectureId)) throw userError('not-found', 'svc.media.noLecture', { lectureId });
    // Row first: a row without its file would be published as missing; a file without a row is ignored.
    this.store.deleteCaptions(lectureId);
    await fs.promises.rm(this.paths.captions(lectureId), { force: true });
    return this.get(lectureId);
  }

  private captionsOf(lectureId: string): LectureCaptions | null {
    const row = this.store.captions(lectureId);
    const file = this.paths.captions(lectureId);
    if (!row || !fs.existsSync(file)) return null;
    const { lectureId: _id, ...rest } = row;
    return { file, ...rest };
  }

  /** Outputs of a replaced source are stale: a poster or ladder of the old video must not be published. */
  private async removeOutputs(lectureId: string, oldSourceName: string | null): Promise<void> {
    const names = ['poster.jpg', 'storyboard', 'preview.mp4', 'hls'] as const;
    await Promise.all(names.map((n) => fs.promises.rm(this.paths.output(lectureId, n), { recursive: true, force: true })));
    if (oldSourceName) await fs.promises.rm(this.paths.source(lectureId, oldSourceName), { force: true });
  }

  get(lectureId: string): LectureMedia {
    const source = this.store.source(lectureId);
    const file = (p: string) => (fs.existsSync(p) ? p : null);
    const storyboardDir = this.paths.output(lectureId, 'storyboard');
    const hlsDir = this.paths.output(lectureId, 'hls');
    const found = fs.existsSync(path.join(hlsDir, MASTER_PLAYLIST)) ? readLadderInfo(hlsDir) : null;
    // A ladder encoded under another course setting is stale: publishing it would ignore the instructor's
    // choice. Ladders from before the setting count as 'balanced', so existing work is not thrown away.
    const ladder = found && (found.quality ?? DEFAULT_ENCODING) === this.store.encodingOf(lectureId) ? found : null;
    return {
      lectureId,
      source: source
        ? { file: this.paths.source(lectureId, source.fileName), originalName: source.originalName, sizeBytes: source.sizeBytes, importedAt: source.importedAt, probe: source.probe }
        : null,
      poster: file(this.paths.output(lectureId, 'poster.jpg')),
      storyboard: fs.existsSync(path.join(storyboardDir, STORYBOARD_VTT)) && fs.existsSync(path.join(storyboardDir, STORYBOARD_SPRITE))
        ? { sprite: path.join(storyboardDir, STORYBOARD_SPRITE), vtt: path.join(storyboardDir, STORYBOARD_VTT) }
        : null,
      preview: file(this.paths.output(lectureId, 'preview.mp4')),
      ladder: ladder ? { master: path.join(hlsDir, MASTER_PLAYLIST), renditions: ladder.renditions } : null,
      captions: this.captionsOf(lectureId),
      jobs: this.store.jobs(lectureId).map(publicJob),
    };
  }

  jobs(): MediaJob[] {
    return this.store.jobs().map(publicJob);
  }

  /**
   * Queues poster, storyboard, ladder and preview (the preview is cut from the ladder, so it goes last),
   * or only `kinds` (retrying one failed job). Work already queued or running for the lecture is not
   * queued twice. With `wait`, runs the queue in this process and resolves when the lecture's jobs have all finished.
   */
  async build(lectureId: string, opts: { wait?: boolean | undefined; kinds?: readonly MediaJobKind[] | undefined } = {}): Promise<MediaJob[]> {
    if (!this.store.source(lectureId)) {
      if (!this.store.lectureExists(lectureId)) throw userError('not-found', 'svc.media.noLecture', { lectureId });
      throw userError('invalid-input', 'svc.media.noVideo', { lectureId });
    }
    const active = new Set(this.store.activeJobs(lectureId).map((j) => j.kind));
    const now = Date.now();
    const wanted = opts.kinds ?? BUILD_ORDER;
    for (const kind of BUILD_ORDER) {
      if (active.has(kind) || !wanted.includes(kind)) continue;
      this.publish(this.store.addJob(lectureId, kind, now));
    }
    const ids = this.store.activeJobs(lectureId).map((j) => j.id);
    if (opts.wait) {
      this.working = true;
      this.pump();
      await this.until(() => ids.every((id) => isFinished(this.store.job(id))));
    } else {
      this.pump();
    }
    return this.store.jobs(lectureId).map(publicJob);
  }

  /**
   * After the course's encoding setting changed: every lecture whose ladder was encoded under another
   * setting (or is being encoded under it now) gets its ladder and preview queued again.
   */
  async reencodeCourse(courseId: string): Promise<void> {
    for (const lectureId of this.store.lecturesWithSource(courseId)) {
      const info = readLadderInfo(this.paths.output(lectureId, 'hls'));
      const active = this.store.activeJobs(lectureId).filter((j) => j.kind === 'ladder' || j.kind === 'preview');
      const current = info !== null && (info.quality ?? DEFAULT_ENCODING) === this.store.encodingOf(lectureId);
      // Nothing built and nothing building: the next build uses the new setting anyway.
      if ((current || info === null) && active.length === 0) continue;
      // A ladder job already running read the old setting when it started.
      await Promise.all(active.map((j) => this.cancel(j.id)));
      await this.build(lectureId, { kinds: ['ladder', 'preview'] });
    }
  }

  /** Cancels a queued or running job; a running one's ffmpeg is killed and its partial output removed before this resolves. */
  async cancel(jobId: string): Promise<MediaJob> {
    const job = this.store.job(jobId);
    if (!job) throw userError('not-found', 'svc.media.noJob', { jobId });
    if (job.status === 'queued' && this.store.cancelQueued(jobId, Date.now())) {
      this.publishId(jobId);
    } else if (job.status === 'running') {
      const run = this.running.get(jobId);
      if (!run) throw userError('conflict', 'svc.media.otherProcess', { jobId, pid: String(job.ownerPid ?? '?') });
      run.abort.abort();
      await run.done;
    }
    return publicJob(this.store.job(jobId) ?? job);
  }

  /** Resolves when nothing is queued or running in this process (tests, CLI). */
  idle(): Promise<void> {
    return this.until(() => this.running.size === 0 && !this.store.jobs().some((j) => j.status === 'queued'));
  }

  /**
   * Stops ffmpeg and puts this process's running jobs back in the queue, so the next start redoes them.
   * Synchronous because it runs just before the database closes.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [id, run] of this.running) {
      run.abort.abort();
      const job = this.store.job(id);
      if (job) {
        fs.rmSync(this.paths.jobTemp(job.lectureId, id), { recursive: true, force: true });
        this.store.requeue(id);
      }
    }
    this.running.clear();
    this.notify();
  }

  /** Jobs left 'running' by a process that no longer exists are re-queued from scratch, their ffmpeg and partial output removed. */
  private recover(): void {
    for (const job of this.store.jobs()) {
      if (job.status !== 'running') continue;
      if (job.ownerPid !== null && job.ownerPid !== process.pid && isAlive(job.ownerPid)) continue;
      if (job.ffmpegPid !== null && isFfmpeg(job.ffmpegPid)) {
        try {
          process.kill(job.ffmpegPid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      fs.rmSync(this.paths.jobTemp(job.lectureId, job.id), { recursive: true, force: true });
      this.store.requeue(job.id);
      this.log.log('info', 'requeued an interrupted media job', { jobId: job.id, kind: job.kind, lectureId: job.lectureId });
    }
  }

  private pump(): void {
    while (this.working && !this.closed && this.running.size < this.maxConcurrent) {
      const job = this.store.claimNext(process.pid, Date.now());
      if (!job) break;
      const abort = new AbortController();
      const done = this.execute(job, abort.signal);
      this.running.set(job.id, { abort, done });
      this.publish(job);
    }
  }

  private async execute(job: StoredJob, signal: AbortSignal): Promise<void> {
    let outcome: { status: 'done' | 'failed' | 'cancelled'; error: string | null; errorText?: ServiceText };
    try {
      const tools = await this.tools();
      if (tools.problem) throw new Error(tools.problem);
      const source = this.store.source(job.lectureId);
      if (!source) throw new Error(`lecture ${job.lectureId} has no imported video any more`);
      await runJob(job.kind, {
        paths: this.paths,
        ffmpeg: this.bins.ffmpeg,
        ffprobe: this.bins.ffprobe,
        x264: this.opts.x264,
        quality: this.store.encodingOf(job.lectureId),
        lectureId: job.lectureId,
        jobId: job.id,
        source: this.paths.source(job.lectureId, source.fileName),
        probe: source.probe,
        signal,
        onSpawn: (pid) => {
          if (!this.closed) this.store.setFfmpegPid(job.id, pid);
        },
        onProgress: (p) => {
          if (this.closed) return;
          this.store.setProgress(job.id, p.percent, p.etaSec);
          this.publishId(job.id);
        },
      });
      outcome = { status: 'done', error: null };
    } catch (err) {
      outcome = err instanceof FfmpegCancelled ? { status: 'cancelled', error: null } : failedJob(job.kind, job.lectureId, err);
    }
    // After close() the job was already re-queued for the next start; the database may be gone.
    if (this.closed) return;
    this.store.finish(job.id, outcome.status, outcome.error, Date.now(), outcome.errorText ?? null);
    if (outcome.error) this.log.log('warn', 'media job failed', { jobId: job.id, error: outcome.error });
    this.running.delete(job.id);
    this.publishId(job.id);
    this.pump();
    this.notify();
  }

  private publish(job: StoredJob): void {
    this.emit('media.job', publicJob(job));
    this.notify();
  }

  private publishId(id: string): void {
    const job = this.store.job(id);
    if (job) this.publish(job);
  }

  private until(ready: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.closed || ready()) {
          this.waiters.delete(check);
          resolve();
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}

function publicJob(j: StoredJob): MediaJob {
  const { ownerPid: _owner, ffmpegPid: _ffmpeg, ...rest } = j;
  return rest;
}

function isFinished(j: StoredJob | null): boolean {
  return j === null || j.status === 'done' || j.status === 'failed' || j.status === 'cancelled';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A recorded ffmpeg pid may have been reused by an unrelated process since; only kill it if it is still ffmpeg. */
function isFfmpeg(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]?.includes('ffmpeg') ?? false;
  } catch {
    return false;
  }
}

/** A failed job's stored error: the English sentence (logs, the CLI) and its message id, the cause for Details. */
function failedJob(kind: MediaJobKind, lectureId: string, err: unknown): { status: 'failed'; error: string; errorText: ServiceText } {
  const errorText: ServiceText = { key: 'svc.media.jobFailed', values: { kind, lectureId, cause: err instanceof Error ? err.message : String(err) } };
  return { status: 'failed', error: formatText(errorText), errorText };
}
