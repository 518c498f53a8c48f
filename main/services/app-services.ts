import type { EventSink } from '../contract/events';
import type { FetchHandler } from './app-server/static-files';
import type { SecretStore } from './credentials/secret-store';
import { openDatabase, schemaVersion, type Database } from './db/database';
import { DiagnosticsService } from './diagnostics/diagnostics-service';
import { knownSecrets } from './diagnostics/known-secrets';
import { createStudioCoversRoute } from './covers/cover-route';
import { CoverService } from './covers/cover-service';
import { DraftsService } from './drafts/drafts-service';
import { resolveFfmpegPaths } from './media/ffmpeg-tools';
import { openLibraryServices, type LibraryServices } from './library/library-services';
import type { Logger } from './log/logger';
import { MediaService, type MediaServiceOptions } from './media/media-service';
import { createStudioMediaRoute } from './media/studio-media-route';
import { openPlaybackServices, type PlaybackServices } from './playback/playback-services';
import { openPublishingServices, type PublishingServices } from './publishing/publishing-services';
import { RECORDINGS_ROUTE_PREFIX, createRecordingsRoute } from './recordings/recordings-route';
import { RecordingsService, type RecordingsOptions } from './recordings/recordings-service';
import { AppSettings } from './settings/app-settings';
import { registerBusyReasons } from './updates/busy-reasons';
import { UpdateService, type Updater } from './updates/update-service';

export interface AppServices {
  readonly dataDir: string;
  readonly version: string;
  readonly db: Database;
  readonly drafts: DraftsService;
  readonly covers: CoverService;
  readonly log: Logger;
  readonly updates: UpdateService;
  readonly settings: AppSettings;
  readonly media: MediaService;
  readonly publishing: PublishingServices;
  readonly library: LibraryServices;
  readonly playback: PlaybackServices;
  readonly recordings: RecordingsService;
  readonly diagnostics: DiagnosticsService;
  schemaVersion(): number;
  /** Routes the app origin serves besides the UI (by path prefix), for the origin they are mounted on. */
  routes(appOrigin: string): Record<string, FetchHandler>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Everything Lectern writes lives below this folder. */
  dataDir: string;
  version: string;
  log: Logger;
  /** The OS keychain in the app and the CLI; an in-memory store in tests and the test host. */
  secrets: SecretStore;
  emit?: EventSink;
  /** electron-updater's autoUpdater in an installed app; absent in development, the CLI and tests. */
  updater?: Updater | null;
  /** ffmpeg paths, concurrency, limits; `runJobs: false` keeps this process from starting encodes on open (the CLI). */
  media?: Omit<MediaServiceOptions, 'dataDir'>;
  /** `resumeDownloads: false` keeps this process from continuing interrupted downloads on open (the CLI). */
  library?: { resumeDownloads?: boolean };
  /** Free-space probe for tests; ffmpeg paths and `runJobs` follow `media`. */
  recordings?: Pick<RecordingsOptions, 'freeSpace'>;
  /** Where Electron's crashReporter keeps minidumps, for diagnostics exports; absent outside the app. */
  crashDumpsDir?: string | null;
}

/**
 * The composition root for main-process services, shared by the Electron app, the CLI and the test host,
 * so all three run the same code against the same data folder layout.
 */
export function openAppServices(opts: ServiceOptions): AppServices {
  const db = openDatabase(opts.dataDir);
  const emit = opts.emit ?? (() => {});
  const media = new MediaService(db, emit, opts.log.child('media'), { ...opts.media, dataDir: opts.dataDir });
  const shared = { db, secrets: opts.secrets, emit };
  const drafts = new DraftsService(db, emit);
  const covers = new CoverService(db, { dataDir: opts.dataDir, ffmpegPath: resolveFfmpegPaths(opts.media?.ffmpeg ?? {}).ffmpeg, emit, log: opts.log.child('covers') });
  const publishing = openPublishingServices({ ...shared, log: opts.log.child('publishing'), dataDir: opts.dataDir, drafts, media, covers });
  const library = openLibraryServices({ ...shared, dataDir: opts.dataDir, log: opts.log, resumeDownloads: opts.library?.resumeDownloads });
  const playback = openPlaybackServices({ ...shared, log: opts.log.child('playback') });
  const recordings = new RecordingsService(db, emit, opts.log.child('recordings'), media, {
    dataDir: opts.dataDir,
    ffmpeg: opts.media?.ffmpeg,
    runJobs: opts.media?.runJobs,
    freeSpace: opts.recordings?.freeSpace,
  });
  const settings = new AppSettings(db);
  const updates = new UpdateService({ updater: opts.updater ?? null, emit, log: opts.log.child('updates'), settings, currentVersion: opts.version });
  registerBusyReasons(updates, { publishing: publishing.publish, downloads: library.downloads, recordings });
  const diagnostics = new DiagnosticsService({
    dataDir: opts.dataDir,
    version: opts.version,
    schemaVersion: () => schemaVersion(db),
    ffmpeg: () => media.tools(),
    queues: async () => ({
      publishRuns: publishing.publish.runs(),
      downloads: library.downloads.list(),
      mediaJobs: media.jobs(),
      recordings: recordings.list(),
    }),
    knownSecrets: () => knownSecrets(db, opts.secrets, library.downloads.list().map((d) => d.id)),
    crashDumpsDir: opts.crashDumpsDir,
    log: opts.log.child('diagnostics'),
  });
  return {
    dataDir: opts.dataDir,
    version: opts.version,
    db,
    drafts,
    covers,
    log: opts.log,
    updates,
    settings,
    media,
    publishing,
    library,
    playback,
    recordings,
    diagnostics,
    schemaVersion: () => schemaVersion(db),
    routes: (appOrigin) => ({
      ...library.routes(appOrigin),
      '/studio-media/': createStudioMediaRoute(opts.dataDir),
      '/studio-covers/': createStudioCoversRoute(opts.dataDir),
      [RECORDINGS_ROUTE_PREFIX]: createRecordingsRoute(opts.dataDir),
    }),
    close: async () => {
      // Recordings first: closing them may still hand a take to media (never after media closed).
      await recordings.close();
      updates.close();
      media.close();
      await Promise.allSettled([publishing.close(), library.close(), playback.close()]);
      db.close();
    },
  };
}
