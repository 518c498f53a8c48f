import { useEffect, useState } from 'react';
import type { ServiceText } from '../../../main/contract/service-text';
import type { UpdateChannel, UpdateState, UpdateStatus } from '../../../main/contract/types';
import { call, subscribe } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatBytes, formatPercent, formatSpeed, formatWhen, TRANSFER } from '../i18n/format';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';
import { LecternError } from '../../../main/contract/errors';

/** Current version, channel, automatic checks, and the update itself: available → downloading → ready. */
export function UpdatesPanel() {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const t = useT();

  useEffect(() => {
    const off = subscribe('updates.state', setStatus);
    call('updates.state', {}).then(setStatus, (err: unknown) => setProblem(err));
    return off;
  }, []);

  const run = (p: Promise<UpdateStatus>) => {
    setProblem(null);
    p.then(setStatus, (err: unknown) => setProblem(err));
  };

  if (!status) return <section className="updates" aria-label={t('updates.heading')}>{problem !== null ? <ErrorNotice error={problem} /> : t('common.loading')}</section>;
  const { state, settings } = status;
  const disabled = state.phase === 'disabled';
  const busy = state.phase === 'checking' || state.phase === 'downloading';

  return (
    <section className="updates" aria-labelledby="updates-title" data-testid="updates">
      <h2 id="updates-title">{t('updates.heading')}</h2>
      <dl className="updates-facts">
        <dt>{t('updates.installedVersion')}</dt>
        <dd data-testid="updates-current">{status.currentVersion}</dd>
        <dt>{t('updates.lastCheck')}</dt>
        <dd data-testid="updates-last-check">{status.lastCheck === null ? t('updates.never') : formatWhen(status.lastCheck)}</dd>
      </dl>
      <div className="updates-controls">
        <label className="field">
          <span className="field-label">{t('updates.channel')}</span>
          <select value={settings.channel} disabled={disabled || busy} onChange={(e) => run(call('updates.settings.set', { channel: e.target.value as UpdateChannel }))} data-testid="updates-channel">
            <option value="stable">{t('updates.channel.stable')}</option>
            <option value="beta">{t('updates.channel.beta')}</option>
          </select>
        </label>
        <label className="updates-auto">
          <input type="checkbox" checked={settings.autoCheck} disabled={disabled} onChange={(e) => run(call('updates.settings.set', { autoCheck: e.target.checked }))} data-testid="updates-auto" />
          {t('updates.autoCheck')}
        </label>
        <button type="button" className="button" disabled={disabled || busy || state.phase === 'ready'} onClick={() => run(call('updates.check', {}))} data-testid="updates-check">
          {t('updates.checkNow')}
        </button>
      </div>
      <p className="field-hint">{t('updates.channelHint')}</p>
      <UpdateBody state={state} busyReason={status.busyReason} onDownload={() => run(call('updates.download', {}))} onInstall={() => run(call('updates.install', {}))} />
      {problem !== null && <ErrorNotice className="field-error" error={problem} />}
    </section>
  );
}

function UpdateBody({ state, busyReason, onDownload, onInstall }: { state: UpdateState; busyReason: ServiceText | null; onDownload(): void; onInstall(): void }) {
  const t = useT();
  switch (state.phase) {
    case 'disabled':
      return <p className="updates-state">{state.reasonText ? t(state.reasonText.key, state.reasonText.values) : state.reason}</p>;
    case 'idle':
      return <p className="updates-state">{t('updates.state.idle')}</p>;
    case 'checking':
      return (
        <p className="updates-state" role="status">
          {t('updates.state.checking')}
        </p>
      );
    case 'up-to-date':
      return (
        <p className="updates-state" role="status" data-testid="updates-phase">
          {t('updates.state.upToDate')}
        </p>
      );
    case 'offline':
      return <p className="updates-state updates-offline" role="status" data-testid="updates-phase">{state.messageText ? t(state.messageText.key, state.messageText.values) : state.message}</p>;
    case 'error':
      return (
        <ErrorNotice className="updates-state updates-error" error={state.messageText ? new LecternError('unavailable', state.message, undefined, { text: state.messageText }) : state.message} data-testid="updates-phase" />
      );
    case 'available':
      return (
        <div className="updates-offer" data-testid="updates-phase">
          <p>
            {state.size !== null ? (
              <Rich id="updates.state.availableSize" values={{ version: state.version, size: formatBytes(state.size, TRANSFER), b: (chunks) => <strong>{chunks}</strong> }} />
            ) : (
              <Rich id="updates.state.available" values={{ version: state.version, b: (chunks) => <strong>{chunks}</strong> }} />
            )}
          </p>
          {state.notes && <pre className="updates-notes" data-testid="updates-notes">{state.notes}</pre>}
          <button type="button" className="button button-primary" onClick={onDownload} data-testid="updates-download">
            {t('updates.download')}
          </button>
        </div>
      );
    case 'downloading':
      return (
        <div className="updates-offer" role="status" data-testid="updates-phase">
          <p>{t('updates.state.downloading', { version: state.version })}</p>
          <progress max={100} value={state.percent} aria-label={t('updates.downloadProgress')} data-testid="updates-progress" />
          <p className="field-hint">
            {t('updates.downloadStats', {
              percent: formatPercent(state.percent),
              done: formatBytes(state.transferred, TRANSFER),
              total: formatBytes(state.total, TRANSFER),
              speed: formatSpeed(state.bytesPerSecond, TRANSFER),
            })}
          </p>
        </div>
      );
    case 'ready':
      return (
        <div className="updates-offer" data-testid="updates-phase">
          <p>{t('updates.state.ready', { version: state.version })}</p>
          {(state.waitingFor ?? busyReason) && (
            <p className="updates-wait" role="status">
              {state.waitingFor ? t('updates.waitingToRestart', { reason: t(state.waitingFor.key, state.waitingFor.values) }) : busyReason ? t('updates.restartWouldWait', { reason: t(busyReason.key, busyReason.values) }) : null}
            </p>
          )}
          <button type="button" className="button button-primary" onClick={onInstall} disabled={Boolean(state.waitingFor)} data-testid="updates-install">
            {t('updates.restart')}
          </button>
        </div>
      );
  }
}
