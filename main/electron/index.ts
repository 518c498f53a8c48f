import path from 'node:path';
import { app, BrowserWindow, crashReporter, dialog } from 'electron';
import { createHandlers } from '../ipc/handlers';
import { createDispatcher } from '../ipc/dispatch';
import { openAppServices, type AppServices } from '../services/app-services';
import { createAppHandler } from '../services/app-server/app-handler';
import type { PayloadOf } from '../contract/events';
import { createKeychainSecretStore } from '../services/credentials/keychain-secret-store';
import { createFileLogger } from '../services/log/logger';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { createElectronShell } from './electron-shell';
import { createUpdater } from './updater';
import { registerIpc, sendEvent } from './ipc-main';
import { APP_ORIGIN, APP_START_URL, trustedOrigins } from './security-policy';
import { createMainWindow, lockDownSession } from './window';
import { createCaptureSources } from './capture-sources';
import { watchRecordingPower } from './recording-power';
import { sayIn, uiLanguage } from './ui-language';
import type { Dispatch } from '../ipc/dispatch';

// The Electron entry point: wires plain-Node services to windows, IPC and the app protocol. No business logic here.

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const origins = trustedOrigins(devServerUrl);
// LECTERN_DATA_DIR lets tests and power users point the app at another data folder.
if (process.env.LECTERN_DATA_DIR) app.setPath('userData', path.resolve(process.env.LECTERN_DATA_DIR));

// Crash dumps stay on this machine (no upload without the user's consent); a diagnostics export includes them.
crashReporter.start({ uploadToServer: false });

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(start);
}

let services: AppServices | undefined;

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const log = createFileLogger(dataDir, { echo: true });
  // The power watcher exists before the services it dispatches to, so it reads the dispatcher late.
  const wired: { dispatch?: Dispatch } = {};
  const onTake = watchRecordingPower(() => wired.dispatch ?? (() => Promise.resolve({ ok: true, value: null })));
  try {
    services = openAppServices({
      dataDir,
      version: app.getVersion(),
      log,
      secrets: createKeychainSecretStore(),
      updater: createUpdater(),
      crashDumpsDir: app.getPath('crashDumps'),
      emit: (name, payload) => {
        if (name === 'recordings.take') onTake(payload as PayloadOf<'recordings.take'>);
        sendEvent(BrowserWindow.getAllWindows().map((w) => w.webContents), name, payload);
      },
    });
  } catch (err) {
    const language = uiLanguage(undefined);
    dialog.showErrorBox(sayIn(language, { key: 'dialog.cannotOpenData' }), sayIn(language, err));
    app.exit(1);
    return;
  }
  lockDownSession(origins);
  handleAppScheme(createAppHandler({ rendererDir: path.join(import.meta.dirname, '../renderer'), routes: services.routes(APP_ORIGIN) }));
  const shell = createElectronShell(createCaptureSources(origins, log.child('capture')), () => uiLanguage(services?.settings));
  const dispatch = createDispatcher(createHandlers(services, shell), log.child('ipc'));
  wired.dispatch = dispatch;
  registerIpc(dispatch, origins, log.child('ipc'));

  const open = () =>
    createMainWindow({
      preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
      startUrl: devServerUrl ?? APP_START_URL,
      origins,
      log: log.child('window'),
    });
  open();
  // Automatic update checks (if on) begin once the window is up.
  services.updates.start();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  log.log('info', 'started', { version: app.getVersion(), dataDir });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
// Services close asynchronously (downloads stop and record where they were), so quitting waits for them once.
let closing = false;
app.on('will-quit', (event) => {
  if (!services || closing) return;
  closing = true;
  event.preventDefault();
  void services.close().finally(() => app.quit());
});
