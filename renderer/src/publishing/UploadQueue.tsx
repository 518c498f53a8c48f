import type { PublishRun } from '../../../main/contract/domains/publishing-types';
import { storedHubError } from '../errors/error-text';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useNotices } from '../state/notices-store';
import { formatBytes, formatPercent, formatSpeed, formatTimeLeft, formatWhen, TRANSFER } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { usePublishing } from './publishing-store';
import { RUN_STATE_KEY } from './run-text';

async function act(what: 'uploads.pause' | 'uploads.resume' | 'uploads.cancel' | 'uploads.retry', run: PublishRun) {
  try {
    usePublishing.getState().putRun(await call(what, { runId: run.id }));
  } catch (err) {
    useNotices.getState().pushError(null, err, { context: { hub: run.hubName } });
  }
}

/** The last two parts of a hub path (e.g. "720p/seg_00012.ts"): the hashes and ids before them mean nothing to a person. */
const shortName = (p: string) => p.split('/').slice(-2).join('/');

function RunRow({ run }: { run: PublishRun }) {
  const t = useT();
  const edit = usePublishing((s) => s.edit);
  const active = run.state === 'running' || run.state === 'queued' || run.state === 'paused';
  const percent = run.bytesTotal > 0 ? Math.floor((run.bytesDone / run.bytesTotal) * 100) : run.state === 'done' ? 100 : 0;
  const uploaded = run.filesDone - run.filesSkipped;
  const label = t('publishing.run.label', { course: run.courseTitle, hub: run.hubName });
  const sending = run.currentFiles
    .slice(0, 3)
    .map((f) => `${shortName(f.path)} (${formatBytes(f.size, TRANSFER)})`)
    .join(', ');

  return (
    <li className={`upload-run is-${run.state}`} data-testid="upload-run" data-run-id={run.id} data-state={run.state} aria-label={label}>
      <div className="upload-run-head">
        <span className="upload-run-title" dir="auto">
          {run.courseTitle}
          {run.version !== null && <span className="upload-run-version"> · {t('publishing.run.version', { version: run.version })}</span>}
        </span>
        <span className="upload-run-hub">→ {run.hubName}</span>
        <span className="upload-run-state" data-testid="run-state">
          {t(RUN_STATE_KEY[run.state])}
        </span>
      </div>
      {run.state !== 'failed' && run.state !== 'cancelled' && (
        <progress className="upload-progress" max={100} value={percent} aria-label={t('publishing.run.progressLabel', { label, percent: formatPercent(percent) })} data-testid="run-progress" />
      )}
      <p className="upload-run-stats" data-testid="run-stats">
        {run.filesTotal > 0 ? (
          <>
            <span data-testid="run-files">
              {t('publishing.run.files', { uploaded, total: run.filesTotal - run.filesSkipped, skipped: run.filesSkipped })}
            </span>
            {' · '}
            {t('publishing.run.bytes', { done: formatBytes(run.bytesDone, TRANSFER), total: formatBytes(run.bytesTotal, TRANSFER) })}
            {run.state === 'running' && run.bytesPerSecond > 0 && (
              <>
                {' · '}
                {formatSpeed(run.bytesPerSecond, TRANSFER)} {formatTimeLeft(run.etaSeconds)}
              </>
            )}
            {run.bandwidthLimit !== null && ` · ${t('publishing.run.limited', { speed: formatSpeed(run.bandwidthLimit, TRANSFER) })}`}
          </>
        ) : (
          <span>
            {run.waitingFor
              ? t('publishing.run.waitingForHub')
              : run.state === 'running'
                ? t('publishing.run.checkingFiles')
                : t('publishing.run.started', { when: formatWhen(run.createdAt) })}
          </span>
        )}
        {run.finishedAt !== null && <span className="upload-run-when"> · {formatWhen(run.finishedAt)}</span>}
      </p>
      {run.waitingFor && (
        <p className="upload-run-waiting" role="status" dir="auto" data-testid="run-waiting">
          {t('publishing.run.waitingForLease', { host: run.waitingFor.host, since: formatWhen(Date.parse(run.waitingFor.since)) })}
        </p>
      )}
      {run.currentFiles.length > 0 && (
        <p className="upload-run-files" data-testid="run-current-files">
          {run.currentFiles.length > 3
            ? t('publishing.run.sendingMore', { files: sending, more: run.currentFiles.length - 3 })
            : t('publishing.run.sending', { files: sending })}
        </p>
      )}
      {run.error && <ErrorNotice className="upload-run-error" error={storedHubError(run.error, run.reason, run.errorText)} context={{ hub: run.hubName }} data-testid="run-error" />}
      <div className="upload-run-actions">
        {run.reason === 'credentials-expired' && (
          <button type="button" className="button button-primary" onClick={() => edit(run.hubId)} data-testid="run-update-key">
            {t('hubs.updateKey')}
          </button>
        )}
        {(run.state === 'running' || run.state === 'queued') && (
          <button type="button" className="button" onClick={() => void act('uploads.pause', run)} data-testid="run-pause">
            {t('publishing.run.pause')}
          </button>
        )}
        {run.state === 'paused' && (
          <button type="button" className="button button-primary" onClick={() => void act('uploads.resume', run)} data-testid="run-resume">
            {t('publishing.run.resume')}
          </button>
        )}
        {(run.state === 'failed' || run.state === 'cancelled') && (
          <button type="button" className="button" onClick={() => void act('uploads.retry', run)} data-testid="run-retry">
            {t('publishing.run.retry')}
          </button>
        )}
        {active && (
          <button type="button" className="button button-danger-quiet" onClick={() => void act('uploads.cancel', run)} data-testid="run-cancel">
            {t('publishing.run.cancel')}
          </button>
        )}
      </div>
    </li>
  );
}

/** Every publish run, newest first: progress, speed and what to do next. */
export function UploadQueue() {
  const t = useT();
  const runs = usePublishing((s) => s.runs);
  return (
    <section className="publishing-section" aria-labelledby="queue-heading">
      <h2 id="queue-heading">{t('publishing.queue.heading')}</h2>
      {runs === null ? (
        <p className="loading">{t('common.loading')}</p>
      ) : runs.length === 0 ? (
        <p className="publishing-empty" data-testid="queue-empty">
          {t('publishing.queue.empty')}
        </p>
      ) : (
        <ul className="upload-runs" data-testid="upload-queue">
          {runs.map((r) => (
            <RunRow key={r.id} run={r} />
          ))}
        </ul>
      )}
    </section>
  );
}
