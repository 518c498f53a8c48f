import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { GarbageReport, PublishableCourse, PublishCheck, PublishRun } from '../../contract/domains/publishing-types';
import { LecternError } from '../../contract/errors';
import type { EventSink } from '../../contract/events';
import type { Database } from '../db/database';
import type { DraftsService } from '../drafts/drafts-service';
import { toHubError } from '../hub/hub-error';
import type { HubConnection, HubProfiles } from '../hub/hub-profiles';
import type { Logger } from '../log/logger';
import { Publisher, type PublisherOptions } from '../uploads/publisher';
import { UploadCancelledError, UploadEngine, type UploadEvent } from '../uploads/upload-engine';
import { checkCourse, toPublishCourse, type MediaOf } from './course-to-publish';
import { describeRunFailure } from './run-failure';
import { PublishStore, type RunChange, type RunRecord } from './publish-store';
import { formatText } from '../text/format-text';
import { userError } from '../text/user-error';
import type { ServiceText, TextKey } from '../../contract/service-text';

export interface PublishingServiceOptions {
  db: Database;
  hubs: HubProfiles;
  drafts: DraftsService;
  mediaOf: MediaOf;
  /** The course's processed cover image on disk, null when it has none. */
  coverOf?: (courseId: string) => string | null;
  /** Scratch space for the JSON documents of a publish: `<workDir>/<runId>/`. */
  workDir: string;
  log: Logger;
  emit: EventSink;
  /** Engine settings (tests shorten the retry policy). */
  engine?: PublisherOptions['engine'];
  /** At most one progress event per run this often (default 250 ms: four a second). */
  progressIntervalMs?: number;
  now?: () => number;
}

interface Live {
  runId: string;
  publisher: Publisher | null;
  cancelled: boolean;
  /** Progress events of the JSON documents at the end are not media progress. */
  documents: boolean;
  filesSkipped: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
  lastEmit: number;
  /** S3 key → size of the files in flight. */
  inFlight: Map<string, number>;
  /** A "stalled; retrying" line is shown in the run's error. */
  notice: boolean;
  /** Another machine holds the course's lease; cleared once ours is taken (the plan follows). */
  waitingFor: { host: string; since: string } | null;
}

const FINISHED = new Set<PublishRun['state']>(['done', 'failed', 'cancelled']);

/**
 * Publishing course drafts to hubs as recorded runs: the pre-publish check, then one run at a time through
 * the Publisher (content-addressed media, course.json, latest.json last, catalog). Runs survive restarts:
 * a run whose process is gone is shown as paused ("interrupted") and resumes by publishing again, which
 * skips what already reached the hub and continues unfinished multipart uploads. Unfinished multipart
 * uploads nobody owns are swept once per hub, before its first publish in this process.
 */
export class PublishingService {
  private readonly store: PublishStore;
  private readonly now: () => number;
  private readonly swept = new Set<string>();
  private readonly waiters = new Map<string, { resolve(run: PublishRun): void; reject(err: Error): void }[]>();
  private live: Live | null = null;
  private pumping: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly opts: PublishingServiceOptions) {
    this.store = new PublishStore(opts.db);
    this.now = opts.now ?? Date.now;
    this.recoverInterrupted();
  }

  courses(): PublishableCourse[] {
    const publications = this.store.publications();
    return this.opts.drafts
      .listCourses()
      .map((c) => ({
        courseId: c.id,
        title: c.title,
        lectureCount: c.lectureCount,
        updatedAt: c.updatedAt,
        unpublishedChanges: c.unpublishedChanges,
        publications: publications.get(c.id) ?? [],
      }));
  }

  check(courseId: string): PublishCheck {
    const course = this.opts.drafts.getCourse(courseId);
    const problems = checkCourse(course, this.opts.mediaOf);
    return { courseId, ok: problems.length === 0, problems, lectureCount: course.sections.reduce((n, s) => n + s.lectures.length, 0) };
  }

  runs(): PublishRun[] {
    return this.store.runs().map((r) => this.toPublic(r));
  }

  /** Queues a publish after the pre-publish check; with `wait`, resolves when it has finished. */
  async start(courseId: string, hubId: string, opts: { wait?: boolean | undefined; bandwidthLimit?: number | undefined } = {}): Promise<PublishRun> {
    const check = this.check(courseId);
    if (!check.ok) throw userError('conflict', 'svc.publishing.notReady', { cause: check.problems.map((p) => p.message).join(' ') });
    await this.opts.hubs.get(hubId);
    const active = this.store.runsIn(['queued', 'running', 'paused']).find((r) => r.courseId === courseId && r.hubId === hubId);
    if (active) throw userError('conflict', 'svc.publishing.alreadyRunning', { course: active.courseTitle, hub: active.hubName, state: active.state });
    const id = randomUUID();
    this.store.insertRun({ id, courseId, hubId, createdAt: this.now(), ownerPid: process.pid, bandwidthLimit: opts.bandwidthLimit ?? null });
    this.opts.log.log('info', 'publish queued', { runId: id, courseId, hubId });
    return this.queued(id, opts.wait);
  }

  pause(runId: string): PublishRun {
    const run = this.record(runId);
    if (run.state === 'queued') {
      this.assertNotOwnedElsewhere(run);
      return this.change(runId, { state: 'paused', error: null, reason: null, ownerPid: null });
    }
    if (run.state !== 'running') throw userError('conflict', 'svc.publishing.cannotPause', { state: run.state });
    const live = this.ownLive(run);
    live.publisher?.engine.pause();
    return this.change(runId, { state: 'paused' });
  }

  async resume(runId: string, opts: { wait?: boolean | undefined } = {}): Promise<PublishRun> {
    const run = this.record(runId);
    if (run.state !== 'paused') throw userError('conflict', 'svc.publishing.cannotResume', { state: run.state });
    if (this.live?.runId === runId) {
      this.live.publisher?.engine.resume();
      this.change(runId, { state: 'running' });
      return opts.wait ? this.finished(runId) : this.toPublic(this.record(runId));
    }
    this.assertNotOwnedElsewhere(run);
    this.store.update(runId, { state: 'queued', error: null, reason: null, ownerPid: process.pid, updatedAt: this.now() });
    return this.queued(runId, opts.wait);
  }

  async retry(runId: string, opts: { wait?: boolean | undefined } = {}): Promise<PublishRun> {
    const run = this.record(runId);
    if (run.state !== 'failed' && run.state !== 'cancelled') throw userError('conflict', 'svc.publishing.cannotRetry', { state: run.state });
    this.store.update(runId, { state: 'queued', error: null, reason: null, finishedAt: null, ownerPid: process.pid, updatedAt: this.now() });
    return this.queued(runId, opts.wait);
  }

  /** Stops a run; its unfinished multipart uploads are aborted on the hub and the hub keeps its current version. */
  async cancel(runId: string): Promise<PublishRun> {
    const run = this.record(runId);
    if (FINISHED.has(run.state)) throw userError('conflict', 'svc.publishing.alreadyFinished', { state: run.state });
    if (this.live?.runId === runId) {
      const done = this.finished(runId);
      this.live.cancelled = true;
      await this.live.publisher?.engine.cancel();
      await done;
    } else {
      this.assertNotOwnedElsewhere(run);
      this.change(runId, { state: 'cancelled', finishedAt: this.now() });
    }
    return this.toPublic(this.record(runId));
  }

  /** Takes the course out of the hub's catalog; its files stay until collected. */
  async unpublish(courseId: string, hubId: string): Promise<{ removed: boolean }> {
    const removed = await this.withPublisher(courseId, hubId, 'unpublish', (p) => p.unpublish(courseId));
    this.store.deletePublication(courseId, hubId);
    return { removed };
  }

  /** Deletes the course's old versions and the media only they use (see planGarbage). */
  collectGarbage(courseId: string, hubId: string, keepVersions: number | undefined): Promise<GarbageReport> {
    return this.withPublisher(courseId, hubId, 'clean up', (p) => p.collectGarbage(courseId, keepVersions !== undefined ? { keepVersions } : {}));
  }

  /** Refuses to remove a hub a run is using: its uploads would lose their target mid-way. */
  assertHubIdle(hubId: string): void {
    const busy = this.store.runsIn(['queued', 'running']).find((r) => r.hubId === hubId);
    if (busy) throw userError('conflict', 'svc.publishing.hubInUse', { hub: busy.hubName, course: busy.courseTitle });
  }

  /**
   * Holds the running upload where it is and records it as paused, so the next start resumes it. Not a
   * cancel: that would abort its multipart uploads on the hub and throw away what was sent.
   */
  close(): void {
    this.closed = true;
    const live = this.live;
    if (!live) return;
    live.publisher?.engine.pause();
    this.store.update(live.runId, { state: 'paused', ...stored('svc.publishing.interruptedClosed'), ownerPid: null, updatedAt: this.now() });
  }

  /** Runs left 'running' or 'queued' by a process that is gone become 'paused', to be resumed by the user. */
  private recoverInterrupted(): void {
    for (const run of this.store.runsIn(['queued', 'running', 'paused'])) {
      if (run.ownerPid !== null && run.ownerPid !== process.pid && isAlive(run.ownerPid)) continue;
      if (run.state === 'paused' && run.ownerPid === null) continue;
      this.store.update(run.id, { state: 'paused', ...stored('svc.publishing.interruptedStopped'), ownerPid: null, updatedAt: this.now() });
      this.opts.log.log('info', 'publish run was interrupted; kept as paused', { runId: run.id, was: run.state });
    }
  }

  private queued(runId: string, wait: boolean | undefined): Promise<PublishRun> | PublishRun {
    this.emitRun(runId);
    const done = wait ? this.finished(runId) : null;
    this.pump();
    return done ?? this.toPublic(this.record(runId));
  }

  private pump(): void {
    if (this.pumping || this.closed) return;
    this.pumping = (async () => {
      for (;;) {
        const next = this.store.nextQueued(process.pid);
        if (!next || this.closed) break;
        await this.execute(next.id);
      }
    })()
      .catch((err: unknown) => this.opts.log.log('error', 'publish queue stopped', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }))
      .finally(() => {
      this.pumping = null;
    });
  }

  private async execute(runId: string): Promise<void> {
    const live: Live = { runId, publisher: null, cancelled: false, documents: false, filesSkipped: 0, bytesPerSecond: 0, etaSeconds: null, lastEmit: 0, inFlight: new Map(), notice: false, waitingFor: null };
    this.live = live;
    const run = this.change(runId, { state: 'running', ownerPid: process.pid, error: null, reason: null, bytesDone: 0 });
    const workDir = path.join(this.opts.workDir, runId);
    let conn: HubConnection | null = null;
    try {
      const course = this.opts.drafts.getCourse(run.courseId);
      const problems = checkCourse(course, this.opts.mediaOf);
      if (problems.length) throw userError('conflict', 'svc.publishing.cannotPublish', { cause: problems.map((p) => p.message).join(' ') });
      conn = await this.opts.hubs.connect(run.hubId, { maxSockets: 16 });
      await this.sweepOnce(conn);
      const publisher = new Publisher({
        db: this.opts.db,
        target: { ...conn, hubName: conn.hub.name },
        keyPrefix: conn.keyPrefix,
        workDir,
        log: this.opts.log,
        onEvent: (e) => this.onUpload(live, e),
        engine: { ...this.opts.engine, ...(run.bandwidthLimit !== null ? { bandwidthLimit: run.bandwidthLimit } : {}) },
      });
      live.publisher = publisher;
      if (this.record(runId).state === 'paused') publisher.engine.pause();
      const result = await publisher.publish(toPublishCourse(course, this.opts.mediaOf, this.opts.coverOf?.(course.id) ?? null), {
        onPlan: (plan) => {
          if (live.cancelled || this.closed) throw new UploadCancelledError();
          live.waitingFor = null;
          live.filesSkipped = plan.filesSkipped;
          this.change(runId, { version: plan.version, filesTotal: plan.filesTotal, filesSkipped: plan.filesSkipped, filesDone: plan.filesSkipped, bytesTotal: plan.bytesTotal, bytesDone: 0 });
        },
        onDocuments: () => {
          live.documents = true;
        },
        onWaiting: (holder) => {
          this.opts.log.log('info', 'publish waiting for another machine', { runId, host: holder.host, since: holder.acquiredAt });
          live.waitingFor = { host: holder.host, since: holder.acquiredAt };
          if (!this.closed) this.emitRun(runId);
        },
      });
      const finishedAt = this.now();
      this.store.setPublication({ courseId: run.courseId, hubId: run.hubId, version: result.version, manifestKey: `${conn.keyPrefix}${result.manifestPath}`, publishedAt: finishedAt });
      live.bytesPerSecond = 0;
      live.etaSeconds = null;
      this.change(runId, { state: 'done', error: null, version: result.version, filesDone: result.uploaded + result.skipped, bytesDone: result.bytesUploaded, finishedAt, ownerPid: null });
      this.opts.log.log('info', 'publish finished', { runId, courseId: run.courseId, hubId: run.hubId, version: result.version, uploaded: result.uploaded, skipped: result.skipped });
    } catch (err) {
      live.bytesPerSecond = 0;
      live.etaSeconds = null;
      // Closing: the database is going away and the run was recorded as paused already. Gone: its course
      // or hub was deleted during the publish, and there is nothing left to record.
      if (this.closed || !this.store.run(runId)) return;
      if (live.cancelled || err instanceof UploadCancelledError) {
        this.change(runId, { state: 'cancelled', finishedAt: this.now(), ownerPid: null });
        this.opts.log.log('info', 'publish cancelled', { runId });
      } else {
        const failure = describeRunFailure(err, conn ? { hub: conn.hub.name, bucket: conn.bucket } : null);
        this.change(runId, { state: 'failed', error: failure.message, errorText: failure.text ?? null, reason: failure.reason, finishedAt: this.now(), ownerPid: null });
        this.opts.log.log('warn', 'publish failed', { runId, reason: failure.reason, error: failure.message });
      }
    } finally {
      conn?.client.destroy();
      fs.rmSync(workDir, { recursive: true, force: true });
      this.live = null;
      if (!this.closed) this.settle(runId);
    }
  }

  /** Runs `op` with a publisher for the hub, refusing while the course is being published there. */
  private async withPublisher<T>(courseId: string, hubId: string, what: string, op: (p: Publisher) => Promise<T>): Promise<T> {
    const busy = this.store.runsIn(['queued', 'running', 'paused']).find((r) => r.courseId === courseId && r.hubId === hubId);
    if (busy) throw userError('conflict', 'svc.publishing.busy', { course: busy.courseTitle, hub: busy.hubName, state: busy.state, what });
    const conn = await this.opts.hubs.connect(hubId);
    const workDir = path.join(this.opts.workDir, randomUUID());
    try {
      return await op(new Publisher({ db: this.opts.db, target: conn, keyPrefix: conn.keyPrefix, workDir, log: this.opts.log, ...(this.opts.engine ? { engine: this.opts.engine } : {}) }));
    } catch (err) {
      throw err instanceof LecternError ? err : toHubError(err, { hub: conn.hub.name, bucket: conn.bucket });
    } finally {
      conn.client.destroy();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }

  /** Stale multipart uploads cost storage forever; abort those no local record owns, once per hub per process. */
  private async sweepOnce(conn: HubConnection): Promise<void> {
    if (this.swept.has(conn.hub.id)) return;
    this.swept.add(conn.hub.id);
    try {
      const swept = await new UploadEngine({ db: this.opts.db, target: conn, log: this.opts.log }).sweepOrphans(conn.keyPrefix);
      this.opts.log.log('info', 'swept stale multipart uploads', { hubId: conn.hub.id, aborted: swept.length });
    } catch (err) {
      // Not worth failing a publish over; the next process tries again.
      this.opts.log.log('warn', 'could not sweep stale multipart uploads', { hubId: conn.hub.id, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private onUpload(live: Live, e: UploadEvent): void {
    // Said while the run goes on, so a stalled or slow hub is never silent; taken down once a retry worked.
    if (e.type === 'retry') {
      live.notice = true;
      // Keys as the run's current files show them: relative to the course folder on the hub.
      const marker = `courses/${this.record(live.runId).courseId}/`;
      this.change(live.runId, { error: e.notice.replace(new RegExp(`\\S*${marker}`), '') });
      return;
    }
    if (live.notice && ((e.type === 'file' && e.state === 'done') || (e.type === 'part' && e.state === 'acknowledged'))) {
      live.notice = false;
      this.change(live.runId, { error: null });
    }
    if (e.type === 'file') {
      if (e.state === 'started') live.inFlight.set(e.key, e.size);
      else live.inFlight.delete(e.key);
    }
    if (e.type !== 'progress' || live.documents) return;
    live.bytesPerSecond = e.bytesPerSecond;
    live.etaSeconds = e.etaSeconds;
    const t = performance.now();
    const finishedBatch = e.filesDone === e.filesTotal;
    if (!finishedBatch && t - live.lastEmit < (this.opts.progressIntervalMs ?? 250)) return;
    live.lastEmit = t;
    this.change(live.runId, { bytesDone: e.bytesDone, filesDone: live.filesSkipped + e.filesDone });
  }

  private change(runId: string, change: RunChange): PublishRun {
    this.store.update(runId, { ...change, updatedAt: this.now() });
    return this.emitRun(runId);
  }

  private emitRun(runId: string): PublishRun {
    const run = this.toPublic(this.record(runId));
    this.opts.emit('publish.run', run);
    return run;
  }

  private finished(runId: string): Promise<PublishRun> {
    return new Promise((resolve, reject) => {
      this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), { resolve, reject }]);
    });
  }

  /** Answers whoever waits for the run; the run is gone when its course or hub was deleted meanwhile. */
  private settle(runId: string): void {
    const stored = this.store.run(runId);
    const waiting = this.waiters.get(runId) ?? [];
    this.waiters.delete(runId);
    for (const w of waiting) {
      if (stored) w.resolve(this.toPublic(stored));
      else w.reject(userError('not-found', 'svc.publishing.runRemoved', { runId }));
    }
  }

  private ownLive(run: RunRecord): Live {
    if (this.live?.runId === run.id) return this.live;
    throw userError('conflict', 'svc.publishing.otherProcess', { pid: String(run.ownerPid ?? '?') });
  }

  private assertNotOwnedElsewhere(run: RunRecord): void {
    if (run.ownerPid !== null && run.ownerPid !== process.pid && isAlive(run.ownerPid)) {
      throw userError('conflict', 'svc.publishing.ownedElsewhere', { pid: String(run.ownerPid) });
    }
  }

  private record(runId: string): RunRecord {
    const run = this.store.run(runId);
    if (!run) throw userError('not-found', 'svc.publishing.noRun', { runId });
    return run;
  }

  private toPublic(r: RunRecord): PublishRun {
    const live = this.live?.runId === r.id ? this.live : null;
    const { ownerPid: _owner, ...rest } = r;
    const running = live !== null && r.state === 'running';
    const marker = `courses/${r.courseId}/`;
    return {
      ...rest,
      bytesPerSecond: running ? live.bytesPerSecond : 0,
      etaSeconds: running ? live.etaSeconds : null,
      waitingFor: running ? live.waitingFor : null,
      currentFiles: running && !live.documents ? [...live.inFlight].map(([key, size]) => ({ path: key.slice(key.indexOf(marker) + marker.length), size })) : [],
    };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A stored error worded as a message: its English for `error`, its id for `errorText`. */
function stored(key: TextKey): { error: string; errorText: ServiceText } {
  const text = { key };
  return { error: formatText(text), errorText: text };
}
