import { useEffect, useId, useRef, useState } from 'react';
import type { RecordingTake } from '../../../main/contract/types';
import { formatBytes, formatDuration } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { takeDate } from './take-format';
import { discardUnfinished, loadUnfinished, takeAction, watchTakes } from './takes-actions';
import { useTakes } from './takes-store';
import './recording.css';
import { refuseWhileComposing } from '../ui/ime';

/**
 * After a crash, a kill or a power cut: each take that was being recorded is offered for Recover
 * (finish what was written) or Discard. Nothing is thrown away without the instructor saying so;
 * "Decide later" leaves the takes as they are until the next start.
 */
export function RecoveryPrompt() {
  const unfinished = useTakes((s) => s.unfinished);
  const t = useT();
  const [later, setLater] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const open = !later && unfinished !== null && unfinished.length > 0;

  useEffect(() => {
    watchTakes();
    void loadUnfinished();
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={dialogRef}
      className="dialog recovery"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        // Escape that cancels an IME composition is the IME's, not "close".
        if (!refuseWhileComposing(e)) setLater(true);
      }}
      data-testid="recovery-prompt"
    >
      <h2 id={titleId} className="dialog-title">
        {unfinished.length === 1 ? t('recording.recovery.titleOne') : t('recording.recovery.titleMany', { count: unfinished.length })}
      </h2>
      <p>{t('recording.recovery.body')}</p>
      <ul className="recovery-list">
        {unfinished.map((take) => (
          <RecoveryItem key={take.id} take={take} />
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => setLater(true)} data-testid="recovery-later">
          {t('recording.recovery.later')}
        </button>
      </div>
    </dialog>
  );
}

function RecoveryItem({ take }: { take: RecordingTake }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const t = useT();
  const recover = async () => {
    setBusy(true);
    await takeAction(() => call('recordings.recover', { takeId: take.id }));
    setBusy(false);
  };
  return (
    <li className="recovery-item" data-testid="recovery-take" data-take-id={take.id}>
      <span>
        <strong>
          <bdi>{take.name}</bdi>
        </strong>{' '}
        {t('recording.recovery.facts', { date: takeDate(take.createdAt), duration: formatDuration(take.durationSec), size: formatBytes(take.bytes) })}
      </span>
      {confirming ? (
        <span className="rec-row">
          {t('recording.recovery.discardConfirm')}
          <button type="button" className="button" autoFocus onClick={() => setConfirming(false)}>
            {t('recording.recovery.keep')}
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void discardUnfinished(take)} data-testid="recovery-discard-yes">
            {t('recording.recovery.discard')}
          </button>
        </span>
      ) : (
        <span className="rec-row">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void recover()} data-testid="recovery-recover">
            {busy ? t('recording.recovery.recovering') : t('recording.recovery.recover')}
          </button>
          <button type="button" className="button button-danger-quiet" disabled={busy} onClick={() => setConfirming(true)} data-testid="recovery-discard">
            {t('recording.discard')}
          </button>
        </span>
      )}
    </li>
  );
}
