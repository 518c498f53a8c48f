import type { DownloadManager } from '../downloads/download-manager';
import type { PublishingService } from '../publishing/publishing-service';
import type { UpdateService } from './update-service';

/**
 * The work a restart must not cut short, as the Updates page says it. Recording registers its own
 * reason where it is composed.
 */
export function registerBusyReasons(updates: UpdateService, from: { publishing: Pick<PublishingService, 'runs'>; downloads: Pick<DownloadManager, 'list'> }): void {
  updates.addBusyReason(() => {
    const run = from.publishing.runs().find((r) => r.state === 'running');
    return run ? `“${run.courseTitle}” is being published to “${run.hubName}”. Lectern restarts when the upload has finished, or pause it first.` : null;
  });
  updates.addBusyReason(() => {
    const active = from.downloads.list().filter((d) => d.state === 'downloading');
    if (active.length === 0) return null;
    const what = active.length === 1 ? `“${active[0]!.title}” is downloading` : `${active.length} lectures are downloading`;
    return `${what}. Lectern restarts when the download has finished, or pause it first.`;
  });
}
