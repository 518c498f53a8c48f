import type { DownloadItem } from '../../../main/contract/domains/library';
import { LecternError } from '../../../main/contract/errors';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useNotices } from '../state/notices-store';
import { formatBytes, percent , STORED } from '../i18n/format';
import { useLibrary } from './library-store';

const STATE_LABEL: Record<DownloadItem['state'], string> = {
  queued: 'Waiting',
  downloading: 'Downloading',
  paused: 'Paused',
  completed: 'Downloaded',
  failed: 'Failed',
};

/** Runs a download action and shows main's message if it fails. */
export async function downloadAction(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    useNotices.getState().pushError(null, err);
  }
  await useLibrary.getState().reloadDownloads();
}

/** A download's progress bar (while it runs) and its actions: play, pause, resume, verify, remove. */
export function DownloadControls({ d, label }: { d: DownloadItem; label: string }) {
  const show = useLibrary((s) => s.show);
  const page = useLibrary((s) => s.page);
  const pct = percent(d.doneBytes, d.totalBytes);
  const running = d.state === 'downloading' || d.state === 'queued';
  return (
    <div className="download-controls" data-testid="download-controls" data-state={d.state}>
      <span className="download-state" data-testid="download-state">
        {STATE_LABEL[d.state]} · {d.quality}
        {d.state !== 'completed' && ` · ${formatBytes(d.doneBytes, STORED)} of ${formatBytes(d.totalBytes, STORED)}`}
        {d.state === 'completed' && ` · ${formatBytes(d.totalBytes, STORED)}`}
      </span>
      {d.state !== 'completed' && (
        <progress className="download-progress" max={100} value={pct} aria-label={`${label}: ${pct}% downloaded`} data-testid="download-progress" />
      )}
      {d.error && <ErrorNotice inline className="field-error" error={d.errorText ? new LecternError('unavailable', d.error, undefined, { text: d.errorText }) : d.error} />}
      {d.state !== 'failed' && (
        <button
          type="button"
          className={d.state === 'completed' ? 'button button-primary' : 'button'}
          onClick={() => show({ kind: 'player', downloadId: d.id, back: page })}
          aria-label={`Play ${label}`}
          title={d.state === 'completed' ? undefined : 'Plays as it downloads; this lecture is fetched first'}
          data-testid="play"
        >
          {d.state === 'completed' ? 'Play' : 'Play now'}
        </button>
      )}
      {(d.state === 'queued' || d.state === 'paused') && (
        <button
          type="button"
          className="button"
          onClick={() => void downloadAction(() => call('downloads.prioritize', { downloadId: d.id }))}
          aria-label={`Download ${label} next`}
          data-testid="download-next"
        >
          Download next
        </button>
      )}
      {running && (
        <button type="button" className="button" onClick={() => void downloadAction(() => call('downloads.pause', { downloadId: d.id }))} aria-label={`Pause ${label}`}>
          Pause
        </button>
      )}
      {(d.state === 'paused' || d.state === 'failed') && (
        <button type="button" className="button" onClick={() => void downloadAction(() => call('downloads.resume', { downloadId: d.id }))} aria-label={`Resume ${label}`}>
          Resume
        </button>
      )}
      {d.state === 'completed' && (
        <button
          type="button"
          className="button"
          onClick={() =>
            void downloadAction(async () => {
              const r = await call('downloads.verify', { downloadId: d.id });
              useNotices.getState().push(r.refetch === 0 ? `“${label}”: all ${r.checked} files are intact.` : `“${label}”: ${r.refetch} of ${r.checked} files were damaged; resume to fetch them again.`);
            })
          }
          aria-label={`Verify ${label}`}
        >
          Verify
        </button>
      )}
      <button type="button" className="button button-danger-quiet" onClick={() => void downloadAction(() => call('downloads.remove', { downloadId: d.id }))} aria-label={`Remove download of ${label}`}>
        Remove
      </button>
    </div>
  );
}
