import type { PublishRun } from '../../../main/contract/domains/publishing-types';
import { storedHubError } from '../errors/error-text';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useNotices } from '../state/notices-store';
import { formatBytes, formatTimeLeft, formatWhen, TRANSFER } from '../i18n/format';
import { usePublishing } from './publishing-store';

const STATE_LABEL: Record<PublishRun['state'], string> = {
  queued: 'Waiting',
  running: 'Uploading',
  paused: 'Paused',
  failed: 'Failed',
  done: 'Published',
  cancelled: 'Cancelled',
};

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
  const edit = usePublishing((s) => s.edit);
  const active = run.state === 'running' || run.state === 'queued' || run.state === 'paused';
  const percent = run.bytesTotal > 0 ? Math.floor((run.bytesDone / run.bytesTotal) * 100) : run.state === 'done' ? 100 : 0;
  const uploaded = run.filesDone - run.filesSkipped;
  const label = `Publish of ${run.courseTitle} to ${run.hubName}`;

  return (
    <li className={`upload-run is-${run.state}`} data-testid="upload-run" data-run-id={run.id} data-state={run.state} aria-label={label}>
      <div className="upload-run-head">
        <span className="upload-run-title" dir="auto">
          {run.courseTitle}
          {run.version !== null && <span className="upload-run-version"> · version {run.version}</span>}
        </span>
        <span className="upload-run-hub">→ {run.hubName}</span>
        <span className="upload-run-state" data-testid="run-state">
          {STATE_LABEL[run.state]}
        </span>
      </div>
      {run.state !== 'failed' && run.state !== 'cancelled' && (
        <progress className="upload-progress" max={100} value={percent} aria-label={`${label}: ${percent}%`} data-testid="run-progress" />
      )}
      <p className="upload-run-stats" data-testid="run-stats">
        {run.filesTotal > 0 ? (
          <>
            <span data-testid="run-files">
              {uploaded} of {run.filesTotal - run.filesSkipped} files uploaded, {run.filesSkipped} already on the hub
            </span>
            {' · '}
            {formatBytes(run.bytesDone, TRANSFER)} of {formatBytes(run.bytesTotal, TRANSFER)}
            {run.state === 'running' && run.bytesPerSecond > 0 && (
              <>
                {' · '}
                {formatBytes(run.bytesPerSecond, TRANSFER)}/s {formatTimeLeft(run.etaSeconds)}
              </>
            )}
            {run.bandwidthLimit !== null && ` · limited to ${formatBytes(run.bandwidthLimit, TRANSFER)}/s`}
          </>
        ) : (
          <span>{run.waitingFor ? 'Waiting for the hub' : run.state === 'running' ? 'Checking which files the hub already has…' : `Started ${formatWhen(run.createdAt)}`}</span>
        )}
        {run.finishedAt !== null && <span className="upload-run-when"> · {formatWhen(run.finishedAt)}</span>}
      </p>
      {run.waitingFor && (
        <p className="upload-run-waiting" role="status" dir="auto" data-testid="run-waiting">
          Waiting for {run.waitingFor.host}: it has been publishing this course since {formatWhen(Date.parse(run.waitingFor.since))}. This publish starts as soon as
          it finishes, or stops after a short wait and says so.
        </p>
      )}
      {run.currentFiles.length > 0 && (
        <p className="upload-run-files" data-testid="run-current-files">
          Sending {run.currentFiles.slice(0, 3).map((f) => `${shortName(f.path)} (${formatBytes(f.size, TRANSFER)})`).join(', ')}
          {run.currentFiles.length > 3 && ` and ${run.currentFiles.length - 3} more`}
        </p>
      )}
      {run.error && <ErrorNotice className="upload-run-error" error={storedHubError(run.error, run.reason, run.errorText)} context={{ hub: run.hubName }} data-testid="run-error" />}
      <div className="upload-run-actions">
        {run.reason === 'credentials-expired' && (
          <button type="button" className="button button-primary" onClick={() => edit(run.hubId)} data-testid="run-update-key">
            Update the key
          </button>
        )}
        {(run.state === 'running' || run.state === 'queued') && (
          <button type="button" className="button" onClick={() => void act('uploads.pause', run)} data-testid="run-pause">
            Pause
          </button>
        )}
        {run.state === 'paused' && (
          <button type="button" className="button button-primary" onClick={() => void act('uploads.resume', run)} data-testid="run-resume">
            Resume
          </button>
        )}
        {(run.state === 'failed' || run.state === 'cancelled') && (
          <button type="button" className="button" onClick={() => void act('uploads.retry', run)} data-testid="run-retry">
            Retry
          </button>
        )}
        {active && (
          <button type="button" className="button button-danger-quiet" onClick={() => void act('uploads.cancel', run)} data-testid="run-cancel">
            Cancel
          </button>
        )}
      </div>
    </li>
  );
}

/** Every publish run, newest first: progress, speed and what to do next. */
export function UploadQueue() {
  const runs = usePublishing((s) => s.runs);
  return (
    <section className="publishing-section" aria-labelledby="queue-heading">
      <h2 id="queue-heading">Upload queue</h2>
      {runs === null ? (
        <p className="loading">Loading…</p>
      ) : runs.length === 0 ? (
        <p className="publishing-empty" data-testid="queue-empty">
          Nothing uploaded yet. Press “Publish…” next to a course: its lectures are checked, then uploaded here with their progress.
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
