import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { LecternError } from '../../contract/errors';
import type { SecretStore } from '../credentials/secret-store';
import { normalizeHubBase } from '../hls/hub-uri';
import type { Logger } from '../log/logger';
import type { OfflineMediaSource } from '../offline-media/offline-media-handler';
import { DownloadStore, queueOrder, type DownloadState, type DownloadSummary, type FileRow, type QueueRank, type StoredCaptions } from './download-store';
import { TransientError } from './hub-fetch';
import { LibraryPaths } from './library-paths';
import { buildLocalPlaylists } from './local-playlists';
import { retryNotice, type StallPolicy } from './stall-guard';
import { formatBytes, planDownload, type DownloadPlan, type QualityChoice } from './plan';
import { DEFAULT_RETRY, backoffDelay, sleep, type RetryPolicy } from './retry';
import { transferFile, type WritableFile } from './file-transfer';
import { KEY_BYTES, decryptStoredFile, digestStoredFile, encryptedSize } from './segment-cipher';
import { CaptionsError, MAX_CAPTIONS_BYTES, checkCaptions } from '../captions/captions-vtt';

export type { DownloadState, DownloadSummary, StoredCaptions } from './download-store';
export type { DownloadPlan, QualityChoice, QualityOption } from './plan';
export type { WritableFile } from './file-transfer';

export type DownloadEvent =
  | { type: 'state'; id: string; state: DownloadState; error: string | null }
  | { type: 'progress'; id: string; doneBytes: number; totalBytes: number; filesDone: number; filesTotal: number };

export interface DownloadManagerOptions {
  /** Opened with migration 0004 (downloads). */
  db: Database;
  /** Where downloaded lectures are stored: `<library>/<downloadId>/<n>.seg`. */
  libraryDir: string;
  /** Holds each download's AES key (account `download-key:<id>`). */
  secrets: SecretStore;
  log?: Logger;
  onEvent?: (event: DownloadEvent) => void;
  /** Files in flight per download. */
  concurrency?: number;
  /** Downloads fetching at the same time; the others wait as 'queued', by priority, then oldest first. */
  maxActiveDownloads?: number;
  retry?: RetryPolicy;
  /** Progress deadlines for every hub read (documents, playlists, segments, captions). */
  stall?: StallPolicy;
  /** Head-room kept free on the disk beyond the download itself. */
  reserveBytes?: number;
  fetch?: typeof fetch;
  /** Free bytes on the disk holding `dir`; tests replace it. */
  freeBytes?: (dir: string) => Promise<number>;
  /** Tests replace it to simulate a disk that fills up. */
  openForWrite?: (file: string) => Promise<WritableFile>;
  /** How long the player's request for a file still being fetched waits before it gets a 503 and retries. */
  fileWaitMs?: number;
}

export interface AddDownloadRequest {
  hubBaseUrl: string;
  /** Hub key of the course manifest, e.g. `courses/<id>/versions/<n>/course.json`. */
  manifestPath: string;
  lectureId: string;
  quality: QualityChoice;
  /** The lecture's title from the manifest, so a refusal names it rather than its id. */
  title?: string;
}

export interface VerifyReport {
  checked: number;
  /** Files that were missing or did not match the manifest and are queued again. */
  refetch: number;
}

const PROGRESS_INTERVAL_MS = 250;
const DEFAULT_RESERVE_BYTES = 100 * 1024 * 1024;
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

/** A download waiting for a slot. */
interface SlotWaiter {
  id: string;
  grant: () => void;
}

export const downloadKeyAccount = (id: string) => `download-key:${id}`;

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
  /** Downloads holding a fetch slot (at most `maxActiveDownloads`). */
  private readonly holders = new Set<string>();
  private waiting: SlotWaiter[] = [];
  /** Wakes the player's requests waiting on a download whenever one of its files lands or it stops. */
  private readonly changeListeners = new Map<string, Set<() => void>>();
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: DownloadManagerOptions) {
    this.store = new DownloadStore(opts.db);
    this.paths = new LibraryPaths(opts.libraryDir);
    this.concurrency = opts.concurrency ?? 6;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.fetchImpl = opts.fetch ?? fetch;
    fs.mkdirSync(this.paths.root, { recursive: true });
  }

  list(): DownloadSummary[] {
    return this.store.list();
  }

  get(id: string): DownloadSummary {
    const s = this.store.summary(id);
    if (!s) throw new LecternError('not-found', `There is no download ${id}.`);
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
    if (existing) throw new LecternError('conflict', `"${plan.title}" is already downloaded or downloading; remove it first to download another quality.`);
    await this.checkSpace(plan.title, plan.files.reduce((n, f) => n + (f.encrypted ? encryptedSize(f.size) : f.size), 0));

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
        throw new LecternError('conflict', `"${plan.title}" is already downloaded or downloading; remove it first to download another quality.`);
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
  async spareBytes(): Promise<number> {
    const free = await (this.opts.freeBytes ?? diskFree)(this.paths.root);
    return Math.max(0, free - (this.opts.reserveBytes ?? DEFAULT_RESERVE_BYTES));
  }

  private async planFor(req: AddDownloadRequest, signal: AbortSignal): Promise<{ base: URL; plan: DownloadPlan }> {
    try {
      const base = normalizeHubBase(req.hubBaseUrl);
      return { base, plan: await planDownload({ base, manifestPath: req.manifestPath, lectureId: req.lectureId, quality: req.quality }, signal, this.fetchImpl, undefined, this.opts.stall) };
    } catch (err) {
      if (signal.aborted) throw err;
      throw new LecternError('unavailable', `Could not download ${req.title === undefined ? `lecture ${req.lectureId}` : `«${req.title}»`}: ${messageOf(err)}`);
    }
  }

  /** What a download's folder takes on disk now (ciphertext is a little larger than the manifest says). */
  async bytesOnDisk(id: string): Promise<number> {
    const folder = this.paths.folder(id);
    const names = await fs.promises.readdir(folder).catch(() => []);
    const sizes = await Promise.all(names.map((n) => fs.promises.stat(`${folder}/${n}`).then((st) => st.size, () => 0)));
    return sizes.reduce((a, b) => a + b, 0);
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
        this.notifyChange(id);
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
    if (this.waiting.some((w) => w.id === id)) {
      // The holder that would be last in the queue steps back.
      let victim: { id: string; rank: QueueRank } | null = null;
      for (const holder of this.holders) {
        const rank = this.store.queueRank(holder);
        if (rank && rank.priority < priority && (!victim || queueOrder(rank, victim.rank) > 0)) victim = { id: holder, rank };
      }
      if (victim) {
        this.opts.log?.log('info', 'download preempted', { id: victim.id, by: id });
        this.active.get(victim.id)?.ctl.abort(PREEMPTED);
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
    const key = await this.key(id);
    const bad: number[] = [];
    const files = this.store.files(id).filter((f) => f.state === 'done');
    for (const f of files) {
      const digest = await digestStoredFile(this.paths.file(id, f.idx), key, f.iv);
      if (!digest || digest.size !== f.size || digest.sha256 !== f.sha256) bad.push(f.idx);
    }
    if (bad.length > 0) {
      this.store.markQueued(id, bad);
      this.setState(id, 'paused', `${bad.length} file(s) were damaged on disk and will be downloaded again.`);
      this.opts.log?.log('warn', 'download verify found damaged files', { id, bad: bad.length });
    }
    return { checked: files.length, refetch: bad.length };
  }

  /** The captions track of a download (language and label as the hub gave them), or null. */
  captions(id: string): StoredCaptions | null {
    return this.store.captions(id);
  }

  /**
   * A download's captions once that file is verified, decrypted and checked again as hub input (size and
   * sha256 against the manifest, then UTF-8 WebVTT with cues), or null. Captions are decrypted here rather
   * than by the player because a `<track>` cannot decrypt; the route hands the text only to the app's own
   * pages.
   */
  private async captionsText(id: string): Promise<string | null> {
    const captions = this.store.captions(id);
    const row = captions ? this.store.file(id, captions.index) : null;
    if (!row || row.state !== 'done' || row.size > MAX_CAPTIONS_BYTES) return null;
    const key = await this.key(id).catch(() => null);
    if (!key) return null;
    const plain = await decryptStoredFile(this.paths.file(id, row.idx), key, row.iv, encryptedSize(MAX_CAPTIONS_BYTES));
    if (!plain || plain.byteLength !== row.size || createHash('sha256').update(plain).digest('hex') !== row.sha256) {
      this.opts.log?.log('warn', 'stored captions do not match the manifest', { id });
      return null;
    }
    try {
      return checkCaptions(plain, `The captions of download ${id}`).text;
    } catch (err) {
      if (!(err instanceof CaptionsError)) throw err;
      this.opts.log?.log('warn', 'downloaded captions refused', { id, error: err.message });
      return null;
    }
  }

  /**
   * What the offline media route serves: only rows the app wrote, and only files verified against the
   * manifest. A download still running plays as it arrives: a request for a file not yet fetched moves
   * it (and what follows it) to the front of the queue and waits for it a few seconds.
   */
  mediaSource(): OfflineMediaSource {
    const known = (id: string) => this.store.state(id) !== null;
    return {
      captions: (id) => this.captionsText(id),
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
      await this.nextChange(id, left, signal);
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
      await this.takeSlot(id, signal);
    } catch {
      this.setState(id, 'paused');
      return 'stopped';
    }
    try {
      const key = await this.key(id);
      await fs.promises.mkdir(this.paths.folder(id), { recursive: true });
      const pending = await this.pendingFiles(id);
      await this.checkSpace(summary.title, pending.reduce((n, f) => n + encryptedSize(f.size), 0));
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
      await this.removeLeftovers(id);
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
      const message = err instanceof LecternError ? err.message : `Downloading "${summary.title}" stopped: ${messageOf(err)}`;
      this.setState(id, 'failed', message);
      this.opts.log?.log('error', 'download failed', { id, error: messageOf(err) });
      return 'stopped';
    } finally {
      this.releaseSlot(id);
    }
  }

  /** Waits (as 'queued') for one of the `maxActiveDownloads` fetch slots. */
  private takeSlot(id: string, signal: AbortSignal): Promise<void> {
    if (this.holders.size < (this.opts.maxActiveDownloads ?? 1)) {
      this.holders.add(id);
      return Promise.resolve();
    }
    this.setState(id, 'queued');
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(signal.reason);
      };
      const waiter: SlotWaiter = {
        id,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          this.holders.add(id);
          resolve();
        },
      };
      this.waiting.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Hands the slot straight to the first waiter in queue order, so nobody can take it in between. */
  private releaseSlot(id: string): void {
    this.holders.delete(id);
    const ranked = this.waiting.map((w) => ({ w, rank: this.store.queueRank(w.id) ?? { priority: 0, createdAt: 0 } }));
    const next = ranked.sort((a, b) => queueOrder(a.rank, b.rank))[0]?.w;
    if (!next) return;
    this.waiting = this.waiting.filter((w) => w !== next);
    next.grant();
  }

  /** Resolves when the download's files or state change, after `ms`, or when `signal` aborts. */
  private nextChange(id: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const listeners = this.changeListeners.get(id) ?? new Set<() => void>();
      this.changeListeners.set(id, listeners);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        listeners.delete(done);
        if (listeners.size === 0 && this.changeListeners.get(id) === listeners) this.changeListeners.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      listeners.add(done);
    });
  }

  private notifyChange(id: string): void {
    for (const wake of [...(this.changeListeners.get(id) ?? [])]) wake();
  }

  /** Files not yet done, plus done files whose stored size is wrong (cheap check; `verify` is the deep one). */
  private async pendingFiles(id: string): Promise<FileRow[]> {
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

  private async fetchFile(id: string, base: URL, key: Buffer, f: FileRow, signal: AbortSignal): Promise<void> {
    const url = new URL(f.hub_path.split('/').map(encodeURIComponent).join('/'), base);
    for (let attempt = 0; ; attempt++) {
      try {
        await transferFile({
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
        });
        this.store.markDone(id, f.idx, f.size);
        // The retry worked: take down the "stalled; retrying" notice rather than leave it until the end.
        if (attempt > 0 && this.store.summary(id)?.error) this.setState(id, 'downloading');
        this.notifyChange(id);
        this.emitProgress(id, false);
        return;
      } catch (err) {
        if (signal.aborted) throw signal.reason;
        if (!(err instanceof TransientError) || attempt + 1 >= this.retry.maxAttempts) {
          throw err instanceof TransientError ? new Error(`${err.message} (gave up after ${attempt + 1} attempts)`) : err;
        }
        const delay = backoffDelay(this.retry, attempt);
        this.opts.log?.log('warn', 'download retry', { id, file: f.idx, attempt: attempt + 1, error: err.message });
        // Said while it still downloads, so a slow or stalled hub is never silent; cleared by the next state.
        this.setState(id, 'downloading', retryNotice(err, delay, attempt + 1, this.retry.maxAttempts));
        await sleep(delay, signal);
      }
    }
  }

  private async checkSpace(title: string, bytes: number): Promise<void> {
    const free = await (this.opts.freeBytes ?? diskFree)(this.paths.root);
    const reserve = this.opts.reserveBytes ?? DEFAULT_RESERVE_BYTES;
    if (free < bytes + reserve) {
      throw new LecternError(
        'unavailable',
        `Not enough disk space for "${title}": it needs ${formatBytes(bytes)} and the disk holding ${this.paths.root} has ${formatBytes(Math.max(0, free - reserve))} to spare. Free up space or choose a lower quality.`,
      );
    }
  }

  private async key(id: string): Promise<Buffer> {
    const hex = await this.opts.secrets.get(downloadKeyAccount(id));
    if (hex === null || !/^[a-f0-9]{32}$/.test(hex)) throw new LecternError('not-found', `The key of download ${id} is missing from the keychain; remove the download and download it again.`);
    return Buffer.from(hex, 'hex');
  }

  private async removeLeftovers(id: string): Promise<void> {
    const folder = this.paths.folder(id);
    for (const name of await fs.promises.readdir(folder)) {
      if (name.endsWith('.part')) await fs.promises.rm(`${folder}/${name}`, { force: true });
    }
  }

  private setState(id: string, state: DownloadState, error: string | null = null): void {
    this.store.setState(id, state, error);
    this.opts.onEvent?.({ type: 'state', id, state, error });
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

async function diskFree(dir: string): Promise<number> {
  const s = await fs.promises.statfs(dir);
  return s.bavail * s.bsize;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
