import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { LecternError } from '../../contract/errors';
import { classifyFailure } from '../../contract/failures';
import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import { normalizeHubBase } from '../hls/hub-uri';
import type { OfflineMediaSource } from '../offline-media/offline-media-handler';
import { ChangeNotifier } from './change-notifier';
import { downloadKeyAccount, type AddDownloadRequest, type DownloadManagerOptions, type VerifyReport } from './download-options';
import { DownloadSlots } from './download-slots';
import { DownloadStore, type DownloadState, type DownloadSummary, type FileRow, type StoredCaptions } from './download-store';
import { LibraryPaths } from './library-paths';
import { buildLocalPlaylists } from './local-playlists';
import { planDownload, type DownloadPlan } from './plan';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { withFileRetries } from './file-retries';
import { transferFile } from './file-transfer';
import { KEY_BYTES, encryptedSize } from './segment-cipher';
import { DiskSpace, StoredFiles } from './stored-files';
import { userError } from '../text/user-error';
import { failureOrText } from '../text/failure-or-text';

export type { DownloadState, DownloadSummary, StoredCaptions } from './download-store';
export type { DownloadPlan, QualityChoice, QualityOption } from './plan';
export type { WritableFile } from './file-transfer';
export { downloadKeyAccount, type AddDownloadRequest, type DownloadEvent, type DownloadManagerOptions, type VerifyReport } from './download-options';

const PROGRESS_INTERVAL_MS = 250;
/** How long a player's request for a file still in flight waits before it is told to retry. */
const DEFAULT_FILE_WAIT_MS = 8_000;
/** Files moved to the front when the player asks for one: the requested one and what plays next. */
const PLAY_AHEAD_FILES = 4;

/** Why a running download was stopped to make room for one the student raised above it. */
const PREEMPTED = new Error('preempted by a download with a higher priority');

/** A download this process is running: waiting for a slot, or fetching. */
interface ActiveDownload {
  ctl: AbortController;
  done: Promise<void>;
  /** Files still to fetch, in the order the workers take them; null until the download has a slot. */
  queue: FileRow[] | null;
  /** Paused or closing: a preempted run must not queue itself again. */
  stopped: boolean;
}

/**
 * Downloads lectures' HLS packages from a hub for offline viewing. A download is planned (manifest and
 * playlists read and checked), then its files are fetched N at a time, each verified against the
 * manifest's size and sha256 and stored AES-128 encrypted under a name the app chooses. Per-file state in
 * SQLite makes pause, resume and a restart after a killed process continue where they stopped.
 */
export class DownloadManager {
  private readonly store: DownloadStore;
  private readonly paths: LibraryPaths;
  private readonly active = new Map<string, ActiveDownload>();
  private readonly progressAt = new Map<string, number>();
  private readonly slots: DownloadSlots;
  private readonly changes = new ChangeNotifier();
  private readonly stored: StoredFiles;
  private readonly space: DiskSpace;
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: DownloadManagerOptions) {
    this.store = new DownloadStore(opts.db);
    this.paths = new LibraryPaths(opts.libraryDir);
    this.concurrency = opts.concurrency ?? 6;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.fetchImpl = opts.fetch ?? fetch;
    this.slots = new DownloadSlots(() => this.opts.maxActiveDownloads ?? 1, (id) => this.store.queueRank(id));
    this.stored = new StoredFiles(this.store, this.paths, opts.log);
    this.space = new DiskSpace(this.paths.root, opts.freeBytes, opts.reserveBytes);
    fs.mkdirSync(this.paths.root, { recursive: true });
  }

  list(): DownloadSummary[] {
    return this.store.list();
  }

  get(id: string): DownloadSummary {
    const s = this.store.summary(id);
    if (!s) throw userError('not-found', 'svc.downloads.notFound', { id });
    return s;
  }

  /**
   * Plans a download and records it as queued (nothing is fetched yet besides the manifest and the
   * playlists): checks the hub's documents, picks the quality, checks the disk has room for all of it,
   * and creates the lecture's key. Call `start` to fetch.
   */
  async add(req: AddDownloadRequest, signal: AbortSignal = new AbortController().signal): Promise<DownloadSummary> {
    const { base, plan } = await this.planFor(req, signal);
    const existing = this.store.findByLecture(base.href, plan.courseId, plan.lectureId, plan.courseVersion);
    if (existing) throw userError('conflict', 'svc.downloads.alreadyThere', { title: plan.title });
    await this.space.check(plan.title, plan.files.reduce((n, f) => n + (f.encrypted ? encryptedSize(f.size) : f.size), 0));

    const id = randomBytes(16).toString('hex');
    const ivs = new Map(plan.files.filter((f) => f.encrypted).map((f) => [f.index, randomBytes(16)]));
    const playlists = buildLocalPlaylists(plan.variants, plan.audio, plan.renditions, ivs);
    // The key goes in first: a row without its key could never be played, a key without a row is inert.
    await this.opts.secrets.set(downloadKeyAccount(id), randomBytes(KEY_BYTES).toString('hex'));
    try {
      this.store.insert(id, base.href, plan, ivs, playlists);
    } catch (err) {
      await this.opts.secrets.delete(downloadKeyAccount(id));
      if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw userError('conflict', 'svc.downloads.alreadyThere', { title: plan.title });
      }
      throw err;
    }
    this.opts.log?.log('info', 'download planned', { id, lectureId: plan.lectureId, quality: plan.quality, bytes: plan.totalBytes, files: plan.files.length });
    return this.get(id);
  }

  /**
   * Reads the hub's documents for a lecture and says what downloading it would fetch, without recording
   * anything: the confirmation step shows this before `add`.
   */
  async plan(req: AddDownloadRequest, signal: AbortSignal = new AbortController().signal): Promise<DownloadPlan> {
    return (await this.planFor(req, signal)).plan;
  }

  /** Free bytes on the library's disk, less the head-room kept free. */
  spareBytes(): Promise<number> {
    return this.space.spare();
  }

  private async planFor(req: AddDownloadRequest, signal: AbortSignal): Promise<{ base: URL; plan: DownloadPlan }> {
    try {
      const base = normalizeHubBase(req.hubBaseUrl);
      return { base, plan: await planDownload({ base, manifestPath: req.manifestPath, lectureId: req.lectureId, quality: req.quality }, signal, this.fetchImpl, undefined, this.opts.stall) };
    } catch (err) {
      if (signal.aborted) throw err;
      const what = req.title === undefined ? { named: 'no', title: '', lectureId: req.lectureId } : { named: 'yes', title: req.title, lectureId: req.lectureId };
      throw failureOrText('unavailable', 'svc.downloads.couldNotDownload', { ...what, cause: messageOf(err) }, err);
    }
  }

  /** What a download's folder takes on disk now (ciphertext is a little larger than the manifest says). */
  bytesOnDisk(id: string): Promise<number> {
    return this.stored.bytesOnDisk(id);
  }

  /**
   * Fetches what is still missing; resolves when the download completes, fails or is paused. A download
   * stopped to let a higher-priority one go first waits for a slot again, and this still resolves only
   * when it is done.
   */
  start(id: string): Promise<void> {
    const running = this.active.get(id);
    if (running) return running.done;
    const summary = this.get(id);
    if (summary.state === 'completed') return Promise.resolve();
    const entry: ActiveDownload = { ctl: new AbortController(), queue: null, stopped: false, done: Promise.resolve() };
    this.active.set(id, entry);
    entry.done = (async () => {
      let outcome: RunOutcome;
      try {
        outcome = await this.run(id, entry);
      } finally {
        if (this.active.get(id) === entry) this.active.delete(id);
        this.changes.notify(id);
      }
      if (outcome === 'preempted' && !entry.stopped) await this.start(id);
    })();
    return entry.done;
  }

  /**
   * "Download next": puts the download ahead of every other one and starts it if it was not running.
   * When every slot is busy with downloads of lower priority, the lowest of them steps back into the
   * queue (keeping what it fetched) so this one starts now.
   */
  prioritize(id: string): DownloadSummary {
    const summary = this.get(id);
    if (summary.state === 'completed') return summary;
    const priority = this.store.raisePriority(id);
    if (!this.active.has(id)) {
      this.start(id).catch((err: unknown) => this.opts.log?.log('error', 'download stopped', { id, error: messageOf(err) }));
    }
    if (this.slots.isWaiting(id)) {
      // The holder that would be last in the queue steps back.
      const victim = this.slots.lowestBelow(priority);
      if (victim) {
        this.opts.log?.log('info', 'download preempted', { id: victim, by: id });
        this.active.get(victim)?.ctl.abort(PREEMPTED);
      }
    }
    this.opts.log?.log('info', 'download prioritized', { id, priority });
    return this.get(id);
  }

  /** Stops fetching; files already verified stay, the ones in flight are fetched again on resume. */
  async pause(id: string): Promise<void> {
    const running = this.active.get(id);
    if (!running) return;
    running.stopped = true;
    running.ctl.abort(new Error('paused'));
    await running.done;
  }

  /** At app start: continue downloads that were running or queued when the app last stopped, in queue order. */
  resumeInterrupted(): Promise<void>[] {
    return this.store.idsInState('downloading', 'queued').map((id) => this.start(id));
  }

  /** Deletes the files, the rows and the key. */
  async remove(id: string): Promise<void> {
    this.get(id);
    await this.pause(id);
    await fs.promises.rm(this.paths.folder(id), { recursive: true, force: true });
    this.store.delete(id);
    await this.opts.secrets.delete(downloadKeyAccount(id));
    this.progressAt.delete(id);
    this.opts.log?.log('info', 'download removed', { id });
  }

  /**
   * Re-reads every stored file, decrypts it and compares it with the manifest's size and sha256.
   * Bad or missing files are queued again and the download is paused, ready for `start` to refetch them.
   */
  async verify(id: string): Promise<VerifyReport> {
    this.get(id);
    await this.pause(id);
    const { checked, bad } = await this.stored.damaged(id, await this.key(id));
    if (bad.length > 0) {
      this.store.markQueued(id, bad);
      this.setState(id, 'paused', { key: 'svc.downloads.damaged', values: { count: String(bad.length) } });
      this.opts.log?.log('warn', 'download verify found damaged files', { id, bad: bad.length });
    }
    return { checked, refetch: bad.length };
  }

  /** The captions track of a download (language and label as the hub gave them), or null. */
  captions(id: string): StoredCaptions | null {
    return this.store.captions(id);
  }

  /**
   * What the offline media route serves: only rows the app wrote, and only files verified against the
   * manifest. A download still running plays as it arrives: a request for a file not yet fetched moves
   * it (and what follows it) to the front of the queue and waits for it a few seconds.
   */
  mediaSource(): OfflineMediaSource {
    const known = (id: string) => this.store.state(id) !== null;
    return {
      captions: (id) => this.stored.captionsText(id, () => this.key(id).catch(() => null)),
      playlist: (id, name) => (known(id) ? this.store.playlist(id, name) : null),
      filePath: (id, index, signal) => this.awaitFile(id, index, signal),
      key: async (id) => (known(id) ? this.key(id).catch(() => null) : null),
      fetching: (id) => this.active.has(id),
    };
  }

  /**
   * The stored path of a verified file, waiting up to `fileWaitMs` for one the running download has not
   * fetched yet; null when there is no such file, the download is not running, or the wait ran out.
   */
  async awaitFile(id: string, index: number, signal?: AbortSignal): Promise<string | null> {
    const deadline = Date.now() + (this.opts.fileWaitMs ?? DEFAULT_FILE_WAIT_MS);
    for (;;) {
      const row = this.store.file(id, index);
      if (!row) return null;
      if (row.state === 'done') return this.paths.file(id, index);
      const running = this.active.get(id);
      const left = deadline - Date.now();
      if (!running || left <= 0 || signal?.aborted) return null;
      if (running.queue) playNext(running.queue, index);
      await this.changes.next(id, left, signal);
    }
  }

  /** Stops every running download (app shutdown); they resume with `resumeInterrupted`. */
  async close(): Promise<void> {
    const running = [...this.active.entries()];
    for (const [, r] of running) {
      r.stopped = true;
      r.ctl.abort(new Error('closing'));
    }
    await Promise.all(running.map(([, r]) => r.done));
    // Leave them as 'downloading' so the next start picks them up again.
    for (const [id] of running) this.store.setState(id, 'downloading');
  }

  private async run(id: string, entry: ActiveDownload): Promise<RunOutcome> {
    const { signal } = entry.ctl;
    const summary = this.get(id);
    const base = new URL(summary.hubBase);
    try {
      await this.slots.take(id, signal, () => this.setState(id, 'queued'));
    } catch {
      this.setState(id, 'paused');
      return 'stopped';
    }
    try {
      const key = await this.key(id);
      await fs.promises.mkdir(this.paths.folder(id), { recursive: true });
      const pending = await this.stored.pending(id);
      await this.space.check(summary.title, pending.reduce((n, f) => n + encryptedSize(f.size), 0));
      this.setState(id, 'downloading');
      const queue = [...pending];
      entry.queue = queue;
      const workers = Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
        for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
          if (signal.aborted) return;
          await this.fetchFile(id, base, key, f, signal);
        }
      });
      const results = await Promise.allSettled(workers);
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
      if (signal.aborted) throw signal.reason;
      await this.stored.removeLeftovers(id);
      this.setState(id, 'completed');
      this.emitProgress(id, true);
      this.opts.log?.log('info', 'download completed', { id });
      return 'stopped';
    } catch (err) {
      if (signal.aborted) {
        const preempted = signal.reason === PREEMPTED;
        this.setState(id, preempted ? 'queued' : 'paused');
        return preempted ? 'preempted' : 'stopped';
      }
      this.setState(id, 'failed', stoppedText(err, summary.title));
      this.opts.log?.log('error', 'download failed', { id, error: messageOf(err) });
      return 'stopped';
    } finally {
      this.slots.release(id);
    }
  }

  private async fetchFile(id: string, base: URL, key: Buffer, f: FileRow, signal: AbortSignal): Promise<void> {
    const url = new URL(f.hub_path.split('/').map(encodeURIComponent).join('/'), base);
    const attempts = await withFileRetries(
      // Said while it still downloads, so a slow or stalled hub is never silent; cleared by the next state.
      { policy: this.retry, signal, log: this.opts.log, context: { id, file: f.idx }, onRetry: (notice, text) => this.setState(id, 'downloading', notice, text) },
      () =>
        transferFile({
          url,
          base,
          key,
          file: { hubPath: f.hub_path, size: f.size, sha256: f.sha256, iv: f.iv },
          partPath: this.paths.partial(id, f.idx),
          finalPath: this.paths.file(id, f.idx),
          diskLabel: this.paths.root,
          signal,
          fetchImpl: this.fetchImpl,
          openForWrite: this.opts.openForWrite,
          stall: this.opts.stall,
        }),
    );
    this.store.markDone(id, f.idx, f.size);
    // The retry worked: take down the "stalled; retrying" notice rather than leave it until the end.
    if (attempts > 1 && this.store.summary(id)?.error) this.setState(id, 'downloading');
    this.changes.notify(id);
    this.emitProgress(id, false);
  }

  private async key(id: string): Promise<Buffer> {
    const hex = await this.opts.secrets.get(downloadKeyAccount(id));
    if (hex === null || !/^[a-f0-9]{32}$/.test(hex)) throw userError('not-found', 'svc.downloads.keyMissing', { id });
    return Buffer.from(hex, 'hex');
  }

  /** `error`: English text, or a message (its English goes in `error`, the message in `errorText`). */
  private setState(id: string, state: DownloadState, error: string | ServiceText | null = null, text?: ServiceText): void {
    const errorText = error !== null && typeof error === 'object' ? error : text;
    const english = error !== null && typeof error === 'object' ? formatText(error) : error;
    this.store.setState(id, state, english, errorText ?? null);
    this.opts.onEvent?.({ type: 'state', id, state, error: english, ...(english !== null && errorText ? { errorText } : {}) });
  }

  private emitProgress(id: string, force: boolean): void {
    if (!this.opts.onEvent) return;
    const now = Date.now();
    if (!force && now - (this.progressAt.get(id) ?? 0) < PROGRESS_INTERVAL_MS) return;
    this.progressAt.set(id, now);
    const s = this.store.summary(id);
    if (s) this.opts.onEvent({ type: 'progress', id, doneBytes: s.doneBytes, totalBytes: s.totalBytes, filesDone: s.filesDone, filesTotal: s.filesTotal });
  }
}

type RunOutcome = 'stopped' | 'preempted';

/** Moves file `index` and the few after it to the front of a download's queue, keeping their order. */
function playNext(queue: FileRow[], index: number): void {
  const ahead = queue.filter((f) => f.idx >= index && f.idx < index + PLAY_AHEAD_FILES);
  if (ahead.length === 0 || queue.slice(0, ahead.length).every((f, i) => f === ahead[i])) return;
  const rest = queue.filter((f) => !ahead.includes(f));
  queue.splice(0, queue.length, ...ahead, ...rest);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Why a download failed, to store: Lectern's own error as it was worded; a classified failure (network,
 * credentials) as English text the UI classifies again; anything else as "Downloading … stopped".
 */
function stoppedText(err: unknown, title: string): string | ServiceText {
  if (err instanceof LecternError) return err.text ?? err.message;
  const text: ServiceText = { key: 'svc.downloads.stopped', values: { title, cause: messageOf(err) } };
  return classifyFailure(err) ? formatText(text) : text;
}
