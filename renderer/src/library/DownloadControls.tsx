import type { DownloadItem } from '../../../main/contract/domains/library';
import { LecternError } from '../../../main/contract/errors';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useNotices } from '../state/notices-store';
import { formatBytes, formatPercent, percent, STORED, translate } from '../i18n/format';
import { DOWNLOAD_STATE_KEY } from './status-keys';
import { useT } from '../i18n/use-t';
import { useLibrary } from './library-store';

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
  const t = useT();
  const pct = percent(d.doneBytes, d.totalBytes);
  const running = d.state === 'downloading' || d.state === 'queued';
  return (
    <div className="download-controls" data-testid="download-controls" data-state={d.state}>
      <span className="download-state" data-testid="download-state">
        {t('downloads.summary', { state: t(DOWNLOAD_STATE_KEY[d.state]), quality: d.quality })}
        {d.state !== 'completed' && t('downloads.progressBytes', { done: formatBytes(d.doneBytes, STORED), total: formatBytes(d.totalBytes, STORED) })}
        {d.state === 'completed' && ` · ${formatBytes(d.totalBytes, STORED)}`}
      </span>
      {d.state !== 'completed' && (
        <progress className="download-progress" max={100} value={pct} aria-label={t('downloads.progressLabel', { label, percent: formatPercent(pct) })} data-testid="download-progress" />
      )}
      {d.error && <ErrorNotice inline className="field-error" error={d.errorText ? new LecternError('unavailable', d.error, undefined, { text: d.errorText }) : d.error} />}
      {d.state !== 'failed' && (
        <button
          type="button"
          className={d.state === 'completed' ? 'button button-primary' : 'button'}
          onClick={() => show({ kind: 'player', downloadId: d.id, back: page })}
          aria-label={t('downloads.playLabel', { label })}
          title={d.state === 'completed' ? undefined : t('downloads.playNowTitle')}
          data-testid="play"
        >
          {d.state === 'completed' ? t('downloads.play') : t('downloads.playNow')}
        </button>
      )}
      {(d.state === 'queued' || d.state === 'paused') && (
        <button
          type="button"
          className="button"
          onClick={() => void downloadAction(() => call('downloads.prioritize', { downloadId: d.id }))}
          aria-label={t('downloads.nextLabel', { label })}
          data-testid="download-next"
        >
          {t('downloads.next')}
        </button>
      )}
      {running && (
        <button type="button" className="button" onClick={() => void downloadAction(() => call('downloads.pause', { downloadId: d.id }))} aria-label={t('downloads.pauseLabel', { label })}>
          {t('downloads.pause')}
        </button>
      )}
      {(d.state === 'paused' || d.state === 'failed') && (
        <button type="button" className="button" onClick={() => void downloadAction(() => call('downloads.resume', { downloadId: d.id }))} aria-label={t('downloads.resumeLabel', { label })}>
          {t('downloads.resume')}
        </button>
      )}
      {d.state === 'completed' && (
        <button
          type="button"
          className="button"
          onClick={() =>
            void downloadAction(async () => {
              const r = await call('downloads.verify', { downloadId: d.id });
              // The notices store keeps text, so the report is worded in the language active when it arrives.
              useNotices.getState().push(r.refetch === 0 ? translate('downloads.verifyIntact', { label, checked: r.checked }) : translate('downloads.verifyDamaged', { label, refetch: r.refetch, checked: r.checked }));
            })
          }
          aria-label={t('downloads.verifyLabel', { label })}
        >
          {t('downloads.verify')}
        </button>
      )}
      <button type="button" className="button button-danger-quiet" onClick={() => void downloadAction(() => call('downloads.remove', { downloadId: d.id }))} aria-label={t('downloads.removeLabel', { label })}>
        {t('library.remove')}
      </button>
    </div>
  );
}
