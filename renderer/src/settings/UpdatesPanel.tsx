import { useEffect, useState } from 'react';
import type { UpdateChannel, UpdateState, UpdateStatus } from '../../../main/contract/types';
import { call, subscribe } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatBytes, formatWhen, TRANSFER, translate } from '../i18n/format';
import { LecternError } from '../../../main/contract/errors';

/** Current version, channel, automatic checks, and the update itself: available → downloading → ready. */
export function UpdatesPanel() {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    const off = subscribe('updates.state', setStatus);
    call('updates.state', {}).then(setStatus, (err: unknown) => setProblem(err));
    return off;
  }, []);

  const run = (p: Promise<UpdateStatus>) => {
    setProblem(null);
    p.then(setStatus, (err: unknown) => setProblem(err));
  };

  if (!status) return <section className="updates" aria-label="Updates">{problem !== null ? <ErrorNotice error={problem} /> : 'Loading…'}</section>;
  const { state, settings } = status;
  const disabled = state.phase === 'disabled';
  const busy = state.phase === 'checking' || state.phase === 'downloading';

  return (
    <section className="updates" aria-labelledby="updates-title" data-testid="updates">
      <h2 id="updates-title">Updates</h2>
      <dl className="updates-facts">
        <dt>Installed version</dt>
        <dd data-testid="updates-current">{status.currentVersion}</dd>
        <dt>Last check</dt>
        <dd data-testid="updates-last-check">{status.lastCheck === null ? 'Never' : formatWhen(status.lastCheck)}</dd>
      </dl>
      <div className="updates-controls">
        <label className="field">
          <span className="field-label">Channel</span>
          <select value={settings.channel} disabled={disabled || busy} onChange={(e) => run(call('updates.settings.set', { channel: e.target.value as UpdateChannel }))} data-testid="updates-channel">
            <option value="stable">Stable</option>
            <option value="beta">Beta (earlier, less tested)</option>
          </select>
        </label>
        <label className="updates-auto">
          <input type="checkbox" checked={settings.autoCheck} disabled={disabled} onChange={(e) => run(call('updates.settings.set', { autoCheck: e.target.checked }))} data-testid="updates-auto" />
          Check for updates automatically (at start and every 6 hours)
        </label>
        <button type="button" className="button" disabled={disabled || busy || state.phase === 'ready'} onClick={() => run(call('updates.check', {}))} data-testid="updates-check">
          Check now
        </button>
      </div>
      <p className="field-hint">Switching channel never installs an older version: leaving beta keeps yours until stable passes it.</p>
      <UpdateBody state={state} busyReason={status.busyReason} onDownload={() => run(call('updates.download', {}))} onInstall={() => run(call('updates.install', {}))} />
      {problem !== null && <ErrorNotice className="field-error" error={problem} />}
    </section>
  );
}

function UpdateBody({ state, busyReason, onDownload, onInstall }: { state: UpdateState; busyReason: string | null; onDownload(): void; onInstall(): void }) {
  switch (state.phase) {
    case 'disabled':
      return <p className="updates-state">{state.reasonText ? translate(state.reasonText.key, state.reasonText.values) : state.reason}</p>;
    case 'idle':
      return <p className="updates-state">No check yet.</p>;
    case 'checking':
      return <p className="updates-state" role="status">Checking for updates…</p>;
    case 'up-to-date':
      return <p className="updates-state" role="status" data-testid="updates-phase">Lectern is up to date.</p>;
    case 'offline':
      return <p className="updates-state updates-offline" role="status" data-testid="updates-phase">{state.messageText ? translate(state.messageText.key, state.messageText.values) : state.message}</p>;
    case 'error':
      return (
        <ErrorNotice className="updates-state updates-error" error={state.messageText ? new LecternError('unavailable', state.message, undefined, { text: state.messageText }) : state.message} data-testid="updates-phase" />
      );
    case 'available':
      return (
        <div className="updates-offer" data-testid="updates-phase">
          <p>
            <strong>Lectern {state.version}</strong> is available{state.size !== null ? ` (${formatBytes(state.size, TRANSFER)})` : ''}.
          </p>
          {state.notes && <pre className="updates-notes" data-testid="updates-notes">{state.notes}</pre>}
          <button type="button" className="button button-primary" onClick={onDownload} data-testid="updates-download">
            Download
          </button>
        </div>
      );
    case 'downloading':
      return (
        <div className="updates-offer" role="status" data-testid="updates-phase">
          <p>Downloading Lectern {state.version}…</p>
          <progress max={100} value={state.percent} aria-label="Download progress" data-testid="updates-progress" />
          <p className="field-hint">
            {Math.round(state.percent)}% · {formatBytes(state.transferred, TRANSFER)} of {formatBytes(state.total, TRANSFER)} · {formatBytes(state.bytesPerSecond, TRANSFER)}/s
          </p>
        </div>
      );
    case 'ready':
      return (
        <div className="updates-offer" data-testid="updates-phase">
          <p>Lectern {state.version} is downloaded and verified.</p>
          {(state.waitingFor ?? busyReason) && <p className="updates-wait" role="status">{state.waitingFor ? `Waiting to restart: ${state.waitingFor}` : `Restarting now would wait: ${busyReason}`}</p>}
          <button type="button" className="button button-primary" onClick={onInstall} disabled={Boolean(state.waitingFor)} data-testid="updates-install">
            Restart to update
          </button>
        </div>
      );
  }
}
