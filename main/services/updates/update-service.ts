import type { EventSink } from '../../contract/events';
import type { UpdateState } from '../../contract/types';
import type { Logger } from '../log/logger';

/**
 * The part of electron-updater's AppUpdater that Lectern uses. The Electron layer passes the real
 * `autoUpdater`; tests pass a real AppImageUpdater driven by a loopback feed.
 */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available' | 'update-not-available', listener: (info: { version: string; releaseNotes?: unknown }) => void): unknown;
  on(event: 'download-progress', listener: (p: { percent: number; bytesPerSecond: number; transferred: number; total: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/**
 * Update checks as a small state machine the UI can render: the user sees what is happening (checking,
 * downloading with progress, ready to restart) and chooses when to download and restart. Downloads are
 * verified by electron-updater (sha512 from the signed feed) before they become "ready".
 */
export class UpdateService {
  private current: UpdateState;

  constructor(
    private readonly updater: Updater | null,
    private readonly emit: EventSink,
    private readonly log: Logger,
    disabledReason = 'Updates are available only in installed builds of Lectern.',
  ) {
    this.current = updater ? { phase: 'idle' } : { phase: 'disabled', reason: disabledReason };
    if (!updater) return;
    // The user decides when to spend bandwidth and when to restart; nothing happens behind their back.
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = true;
    updater.on('checking-for-update', () => this.set({ phase: 'checking' }));
    updater.on('update-not-available', (info) => this.set({ phase: 'up-to-date', version: info.version }));
    updater.on('update-available', (info) => this.set({ phase: 'available', version: info.version, notes: notesText(info.releaseNotes) }));
    updater.on('download-progress', (p) => {
      const version = 'version' in this.current ? this.current.version : '';
      this.set({ phase: 'downloading', version, percent: Math.min(100, Math.max(0, p.percent)), bytesPerSecond: p.bytesPerSecond });
    });
    updater.on('update-downloaded', (info) => this.set({ phase: 'ready', version: info.version }));
    updater.on('error', (err) => {
      this.log.log('warn', 'update failed', { error: err.message });
      this.set({ phase: 'error', message: `Could not update Lectern: ${err.message}` });
    });
  }

  state(): UpdateState {
    return this.current;
  }

  async check(): Promise<UpdateState> {
    if (!this.updater || this.busy()) return this.current;
    try {
      await this.updater.checkForUpdates();
    } catch (err) {
      this.fail(err);
    }
    return this.current;
  }

  async download(): Promise<UpdateState> {
    if (!this.updater || this.current.phase !== 'available') return this.current;
    try {
      await this.updater.downloadUpdate();
    } catch (err) {
      this.fail(err);
    }
    return this.current;
  }

  /** Restarts into the new version; only once a verified download is ready. */
  install(): UpdateState {
    if (this.updater && this.current.phase === 'ready') this.updater.quitAndInstall(false, true);
    return this.current;
  }

  private busy(): boolean {
    return this.current.phase === 'checking' || this.current.phase === 'downloading';
  }

  private fail(err: unknown): void {
    // electron-updater usually reports through 'error' as well; keep the first message.
    if (this.current.phase === 'error') return;
    const message = err instanceof Error ? err.message : String(err);
    this.log.log('warn', 'update failed', { error: message });
    this.set({ phase: 'error', message: `Could not update Lectern: ${message}` });
  }

  private set(state: UpdateState): void {
    this.current = state;
    this.emit('updates.state', state);
  }
}

function notesText(notes: unknown): string | undefined {
  if (typeof notes === 'string') return notes.slice(0, 10_000);
  if (Array.isArray(notes)) return notes.map((n: { note?: unknown }) => (typeof n.note === 'string' ? n.note : '')).join('\n').slice(0, 10_000);
  return undefined;
}
