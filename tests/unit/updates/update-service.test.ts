import type { ServiceText } from '../../../main/contract/service-text';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../main/services/db/database';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { AppSettings } from '../../../main/services/settings/app-settings';
import { formatText } from '../../../main/services/text/format-text';
import { registerBusyReasons } from '../../../main/services/updates/busy-reasons';
import { UpdateService, type Updater } from '../../../main/services/updates/update-service';
import { tempDir } from '../../helpers/tmp';

/** Mimics electron-updater's AppUpdater where it matters: the channel setter turns allowDowngrade on. */
class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  allowDowngrade = false;
  allowPrerelease = false;
  private ch: string | null = null;
  checks = 0;
  installs = 0;
  get channel(): string | null {
    return this.ch;
  }
  set channel(v: string | null) {
    this.ch = v;
    this.allowDowngrade = true;
  }
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    this.emit('checking-for-update');
    this.emit('update-not-available', { version: '1.0.0' });
    return Promise.resolve();
  }
  downloadUpdate(): Promise<unknown> {
    this.emit('update-downloaded', { version: '1.1.0' });
    return Promise.resolve();
  }
  quitAndInstall(): void {
    this.installs++;
  }
}

describe('UpdateService', () => {
  const tmp = tempDir('lectern-updates-unit-');
  afterEach(() => vi.useRealTimers());

  function make(name: string) {
    const db = openDatabase(path.join(tmp.dir, name));
    const updater = new FakeUpdater();
    const service = new UpdateService({ updater, emit: () => {}, log: createMemoryLogger(), settings: new AppSettings(db), currentVersion: '1.0.0', busyPollMs: 1000, startDelayMs: 10_000, intervalMs: 6 * 3600_000 });
    return { db, updater, service };
  }

  it('persists settings and keeps allowDowngrade off after every channel change', async () => {
    const { db, updater, service } = make('settings');
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.autoDownload).toBe(false);
    await service.setSettings({ channel: 'beta', autoCheck: false });
    expect(updater.channel).toBe('beta');
    expect(updater.allowDowngrade).toBe(false);
    await service.setSettings({ channel: 'stable' });
    expect(updater.channel).toBe('latest');
    expect(updater.allowDowngrade).toBe(false);
    service.close();
    db.close();
    const again = make('settings');
    expect(again.service.settings()).toEqual({ channel: 'stable', autoCheck: false });
    again.service.close();
    again.db.close();
  });

  it('checks shortly after start and every 6 hours, and not at all when automatic checks are off', async () => {
    vi.useFakeTimers();
    const { db, updater, service } = make('schedule');
    service.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(6 * 3600_000);
    expect(updater.checks).toBe(2);
    await service.setSettings({ autoCheck: false });
    await vi.advanceTimersByTimeAsync(13 * 3600_000);
    expect(updater.checks).toBe(2);
    service.close();
    db.close();
  });

  it('waits to restart while work runs, says why, then restarts', async () => {
    vi.useFakeTimers();
    const { db, updater, service } = make('busy');
    let busy: ServiceText | null = { key: 'svc.updates.busyPublishing', values: { course: 'Intro', hub: 'Campus' } };
    service.addBusyReason(() => busy);
    updater.emit('update-available', { version: '1.1.0', files: [{ url: 'a', size: 5 }] });
    await service.download();
    const waiting = service.install();
    expect(waiting.state).toEqual({ phase: 'ready', version: '1.1.0', waitingFor: busy });
    expect(waiting.busyReason).toBe(busy);
    await vi.advanceTimersByTimeAsync(3000);
    expect(updater.installs).toBe(0);
    busy = null;
    await vi.advanceTimersByTimeAsync(1000);
    expect(updater.installs).toBe(1);
    service.close();
    db.close();
  });

  it('a failing busy check blocks the restart rather than allowing it', async () => {
    const { db, updater, service } = make('broken');
    service.addBusyReason(() => {
      throw new Error('boom');
    });
    updater.emit('update-downloaded', { version: '1.1.0' });
    expect(service.install().state).toMatchObject({ phase: 'ready', waitingFor: { key: 'svc.updates.busyUnknown' } });
    expect(updater.installs).toBe(0);
    service.close();
    db.close();
  });

  it('says why a restart waits in both languages: the publish, the downloads or the recording, as message ids, the downloads or the recording, ', () => {
    const { db, service } = make('reasons');
    const runs: { state: string; courseTitle: string; hubName: string }[] = [];
    const downloads: { state: string; title: string }[] = [];
    let recording: 'recording' | 'finalising' | 'trimming' | null = null;
    registerBusyReasons(service, {
      publishing: { runs: () => runs as never },
      downloads: { list: () => downloads as never },
      recordings: { recordingBusy: () => recording },
    });
    const reason = () => service.status().busyReason;
    expect(reason()).toBeNull();
    recording = 'trimming';
    expect(formatText(reason()!, 'en')).toBe('A recorded take is being trimmed. Lectern restarts when it has finished.');
    expect(formatText(reason()!, 'ko')).toBe('녹화한 테이크를 자르는 중입니다. 끝나면 Lectern이 다시 시작됩니다.');
    recording = null;
    downloads.push({ state: 'downloading', title: '데이터 분석 1강' }, { state: 'downloading', title: 'Lecture 2' });
    expect(formatText(reason()!, 'en')).toBe('2 lectures are downloading. Lectern restarts when the download has finished, or pause it first.');
    expect(formatText(reason()!, 'ko')).toMatch(/^강의 2개를 다운로드하는 중입니다/);
    runs.push({ state: 'running', courseTitle: 'Intro', hubName: 'Campus' });
    expect(formatText(reason()!, 'en')).toBe('“Intro” is being published to “Campus”. Lectern restarts when the upload has finished, or pause it first.');
    service.close();
    db.close();
  });
});
