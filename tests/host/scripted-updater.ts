import { EventEmitter } from 'node:events';
import type { Updater } from '../../main/services/updates/update-service';

/**
 * The test host's stand-in for electron-updater: a check always finds 9.9.0 (with HTML notes, as feeds
 * carry them), a download reports progress in steps over about two seconds, and "Restart to update"
 * is only recorded. Enough for the UI's whole path without a packaged app.
 */
export class ScriptedUpdater extends EventEmitter implements Updater {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  allowDowngrade = false;
  allowPrerelease = false;
  channel: string | null = null;
  installed = 0;
  private readonly size = 96 * 1024 * 1024;

  checkForUpdates(): Promise<unknown> {
    this.emit('checking-for-update');
    return new Promise((resolve) =>
      setTimeout(() => {
        const info = { version: '9.9.0', releaseNotes: '<p>Faster ladders</p><script>alert(1)</script><ul><li>Updates page</li></ul>', path: 'Lectern-9.9.0.AppImage', files: [{ url: 'Lectern-9.9.0.AppImage', size: this.size }] };
        this.emit('update-available', info);
        resolve({ updateInfo: info });
      }, 200),
    );
  }

  async downloadUpdate(): Promise<unknown> {
    const steps = 8;
    for (let i = 1; i <= steps; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const transferred = Math.round((this.size * i) / steps);
      this.emit('download-progress', { percent: (100 * i) / steps, bytesPerSecond: 12 * 1024 * 1024, transferred, total: this.size });
    }
    this.emit('update-downloaded', { version: '9.9.0' });
    return [];
  }

  quitAndInstall(): void {
    this.installed++;
  }
}
