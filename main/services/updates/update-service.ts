import type { EventSink } from '../../contract/events';
import type { ServiceText } from '../../contract/service-text';
import type { UpdateChannel, UpdateSettings, UpdateState, UpdateStatus } from '../../contract/types';
import type { Logger } from '../log/logger';
import type { AppSettings } from '../settings/app-settings';
import { releaseNotesText } from './release-notes';
import { describeUpdateFailure } from './update-errors';
import { formatText } from '../text/format-text';

const DISABLED = { key: 'svc.updates.disabled' } as const;

/** What the feed says about a release (electron-updater's UpdateInfo, the fields Lectern reads). */
export interface ReleaseInfo {
  version: string;
  releaseNotes?: unknown;
  path?: string;
  files?: readonly { url: string; size?: number }[];
}

/**
 * The part of electron-updater's AppUpdater that Lectern uses. The Electron layer passes the real
 * `autoUpdater`; tests pass a real AppImageUpdater driven by a loopback feed; the test host a script.
 */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  channel: string | null;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: ReleaseInfo) => void): unknown;
  on(event: 'download-progress', listener: (p: { percent: number; bytesPerSecond: number; transferred: number; total: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/** Returns why Lectern must not restart now (e.g. "A recording is running."), or null. */
export type BusyReason = () => ServiceText | null;

export interface UpdateServiceOptions {
  updater: Updater | null;
  emit: EventSink;
  log: Logger;
  settings: AppSettings;
  currentVersion: string;
  disabledReason?: string;
  /** First automatic check this long after `start()` (default 15 s: the window is up, start-up I/O is done). */
  startDelayMs?: number;
  /** Between automatic checks (default 6 h). */
  intervalMs?: number;
  /** How often a waiting restart looks again whether the work it waits for has finished (default 5 s). */
  busyPollMs?: number;
  now?: () => number;
}

/** electron-updater's channel file names: `latest*.yml` for stable, `beta*.yml` for beta. */
export const feedChannelName = (c: UpdateChannel) => (c === 'stable' ? 'latest' : 'beta');

/**
 * Update checks as a small state machine the UI renders. The user chooses when to download and when to
 * restart; downloads are sha512-verified by electron-updater before they become "ready"; a restart waits
 * while a recording, an upload or a download runs. Never downgrades: `allowDowngrade` is forced back to
 * false after every channel change, so leaving beta keeps the installed build until stable passes it.
 */
export class UpdateService {
  private current: UpdateState;
  private readonly busyReasons = new Set<BusyReason>();
  private activity: 'check' | 'download' | null = null;
  private startTimer: NodeJS.Timeout | null = null;
  private intervalTimer: NodeJS.Timeout | null = null;
  private installTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: UpdateServiceOptions) {
    const { updater } = opts;
    this.now = opts.now ?? Date.now;
    this.current = updater
      ? { phase: 'idle' }
      : opts.disabledReason
        ? { phase: 'disabled', reason: opts.disabledReason }
        : { phase: 'disabled', reason: formatText(DISABLED), reasonText: DISABLED };
    if (!updater) return;
    // The user decides when to spend bandwidth and when to restart; nothing happens behind their back.
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = true;
    this.applyChannel(this.settings().channel);
    updater.on('checking-for-update', () => this.set({ phase: 'checking' }));
    updater.on('update-not-available', (info) => this.set({ phase: 'up-to-date', version: info.version }));
    updater.on('update-available', (info) => this.set({ phase: 'available', version: info.version, notes: releaseNotesText(info.releaseNotes), size: releaseSize(info) }));
    updater.on('download-progress', (p) => {
      const version = 'version' in this.current ? this.current.version : '';
      this.set({ phase: 'downloading', version, percent: Math.min(100, Math.max(0, p.percent)), bytesPerSecond: Math.max(0, p.bytesPerSecond), transferred: p.transferred, total: p.total });
    });
    updater.on('update-downloaded', (info) => this.set({ phase: 'ready', version: info.version }));
    updater.on('error', (err) => this.fail(err));
  }

  status(): UpdateStatus {
    return {
      currentVersion: this.opts.currentVersion,
      settings: this.settings(),
      lastCheck: this.opts.settings.get('updates.lastCheck'),
      state: this.current,
      busyReason: this.busyReason(),
    };
  }

  /** The phase alone (tests and logs). */
  state(): UpdateState {
    return this.current;
  }

  settings(): UpdateSettings {
    return { channel: this.opts.settings.get('updates.channel'), autoCheck: this.opts.settings.get('updates.autoCheck') };
  }

  async setSettings(patch: Partial<UpdateSettings>): Promise<UpdateStatus> {
    const before = this.settings();
    if (patch.autoCheck !== undefined) this.opts.settings.set('updates.autoCheck', patch.autoCheck);
    if (patch.channel !== undefined) this.opts.settings.set('updates.channel', patch.channel);
    const after = this.settings();
    if (after.autoCheck !== before.autoCheck) this.schedule();
    if (after.channel !== before.channel && this.opts.updater) {
      this.applyChannel(after.channel);
      this.opts.log.log('info', 'update channel changed', { from: before.channel, to: after.channel });
      // What was offered came from the other channel's feed; a downloaded update stays ready.
      if (this.activity === null && this.current.phase !== 'ready' && this.current.phase !== 'downloading') return this.check();
    }
    this.emitStatus();
    return this.status();
  }

  /** Registers a source of "do not restart now"; returns its removal. */
  addBusyReason(reason: BusyReason): () => void {
    this.busyReasons.add(reason);
    return () => this.busyReasons.delete(reason);
  }

  /** Starts automatic checks (if on): one shortly after start, then every 6 hours. */
  start(): void {
    this.schedule();
  }

  close(): void {
    for (const t of [this.startTimer, this.installTimer]) if (t) clearTimeout(t);
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.startTimer = this.intervalTimer = this.installTimer = null;
  }

  async check(): Promise<UpdateStatus> {
    const { updater } = this.opts;
    if (!updater || this.activity !== null || this.current.phase === 'ready' || this.current.phase === 'downloading') return this.status();
    this.activity = 'check';
    try {
      // Some failures (a feed that is not YAML) reject without an 'error' event first.
      await updater.checkForUpdates();
    } catch (err) {
      this.fail(err);
    } finally {
      this.activity = null;
      this.opts.settings.set('updates.lastCheck', this.now());
    }
    this.emitStatus();
    return this.status();
  }

  async download(): Promise<UpdateStatus> {
    const { updater } = this.opts;
    if (!updater || this.activity !== null || this.current.phase !== 'available') return this.status();
    this.activity = 'download';
    try {
      await updater.downloadUpdate();
    } catch (err) {
      this.fail(err);
    } finally {
      this.activity = null;
    }
    return this.status();
  }

  /** Restarts into the downloaded update, or waits (saying why) until no recording, upload or download runs. */
  install(): UpdateStatus {
    const { updater } = this.opts;
    if (!updater || this.current.phase !== 'ready') return this.status();
    const reason = this.busyReason();
    if (reason) {
      this.set({ phase: 'ready', version: this.current.version, waitingFor: reason });
      this.installTimer ??= setTimeout(() => {
        this.installTimer = null;
        this.install();
      }, this.opts.busyPollMs ?? 5_000);
      this.installTimer.unref?.();
      return this.status();
    }
    this.opts.log.log('info', 'restarting into the update', { version: this.current.version });
    updater.quitAndInstall(false, true);
    return this.status();
  }

  private busyReason(): ServiceText | null {
    for (const reason of this.busyReasons) {
      try {
        const r = reason();
        if (r) return r;
      } catch (err) {
        // A broken provider must not allow a restart: it might be the one guarding a recording.
        this.opts.log.log('warn', 'a busy check failed', { error: String(err) });
        return { key: 'svc.updates.busyUnknown' };
      }
    }
    return null;
  }

  private applyChannel(channel: UpdateChannel): void {
    const updater = this.opts.updater;
    if (!updater) return;
    updater.channel = feedChannelName(channel);
    updater.allowPrerelease = channel === 'beta';
    // electron-updater's channel setter turns allowDowngrade on; a channel switch must never install an older build.
    updater.allowDowngrade = false;
  }

  private schedule(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.startTimer = this.intervalTimer = null;
    if (!this.opts.updater || !this.settings().autoCheck) return;
    const auto = () => void this.check();
    this.startTimer = setTimeout(auto, this.opts.startDelayMs ?? 15_000);
    this.intervalTimer = setInterval(auto, this.opts.intervalMs ?? 6 * 3600_000);
    this.startTimer.unref?.();
    this.intervalTimer.unref?.();
  }

  private fail(err: unknown): void {
    // electron-updater reports through 'error' and rejects as well: the first report wins.
    if (this.current.phase === 'error' || this.current.phase === 'offline') return;
    const during = this.activity ?? (this.current.phase === 'downloading' || this.current.phase === 'available' ? 'download' : 'check');
    const problem = describeUpdateFailure(err, during, this.settings().channel);
    this.opts.log.log('warn', `update ${during} failed`, { error: err instanceof Error ? err.message : String(err), code: (err as { code?: unknown } | null)?.code });
    this.set({ phase: problem.kind, message: problem.message, messageText: problem.text });
  }

  private set(state: UpdateState): void {
    this.current = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.opts.emit('updates.state', this.status());
  }
}

function releaseSize(info: ReleaseInfo): number | null {
  const files = info.files ?? [];
  const main = files.find((f) => f.url === info.path) ?? files[0];
  return typeof main?.size === 'number' ? main.size : null;
}
