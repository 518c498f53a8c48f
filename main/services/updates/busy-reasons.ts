import type { ServiceText, TextKey } from '../../contract/service-text';
import type { DownloadManager } from '../downloads/download-manager';
import type { PublishingService } from '../publishing/publishing-service';
import type { RecordingsService } from '../recordings/recordings-service';
import type { UpdateService } from './update-service';

const RECORDING_BUSY: Record<NonNullable<ReturnType<RecordingsService['recordingBusy']>>, TextKey> = {
  recording: 'svc.updates.busyRecording',
  finalising: 'svc.updates.busyFinalising',
  trimming: 'svc.updates.busyTrimming',
};

/**
 * The work a restart must not cut short, as message ids the Updates page says in the UI's language.
 */
export function registerBusyReasons(
  updates: UpdateService,
  from: { publishing: Pick<PublishingService, 'runs'>; downloads: Pick<DownloadManager, 'list'>; recordings: Pick<RecordingsService, 'recordingBusy'> },
): void {
  updates.addBusyReason(() => {
    const run = from.publishing.runs().find((r) => r.state === 'running');
    return run ? { key: 'svc.updates.busyPublishing', values: { course: run.courseTitle, hub: run.hubName } } : null;
  });
  updates.addBusyReason((): ServiceText | null => {
    const active = from.downloads.list().filter((d) => d.state === 'downloading');
    if (active.length === 0) return null;
    return active.length === 1
      ? { key: 'svc.updates.busyDownloadingOne', values: { title: active[0]!.title } }
      : { key: 'svc.updates.busyDownloadingMany', values: { count: active.length } };
  });
  updates.addBusyReason(() => {
    const busy = from.recordings.recordingBusy();
    return busy ? { key: RECORDING_BUSY[busy] } : null;
  });
}
