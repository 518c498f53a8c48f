import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '../i18n/format';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';
import { noteError, noteText } from './note-text';
import { cancelCountdown, closeRecorder, compositorCanvas, discard, pause, record, resume, stop } from './recording-session';
import { isLive, useRecording } from './recording-store';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SourceControls } from './SourceControls';
import './recording.css';
import { refuseWhileComposing } from '../ui/ime';

/**
 * The recording studio for one lecture: pick sources, see exactly what will be recorded, count down,
 * record with pause/resume, stop (the take becomes the lecture's video) or discard.
 */
export function RecordingPanel({ lectureTitle }: { lectureTitle: string }) {
  const s = useRecording();
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const live = isLive(s.phase);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    const canvas = compositorCanvas();
    if (canvas && previewRef.current && canvas.parentElement !== previewRef.current) {
      canvas.className = 'rec-canvas';
      canvas.setAttribute('data-testid', 'rec-preview');
      previewRef.current.append(canvas);
    }
    // Every render, so a language switch renames the preview too.
    canvas?.setAttribute('aria-label', t('recording.previewLabel'));
  });

  const onCancel = (e: React.SyntheticEvent) => {
    // Escape: cancel a countdown, close the panel when nothing is being recorded, never stop a take.
    e.preventDefault();
    if (refuseWhileComposing(e)) return;
    if (s.phase === 'countdown') cancelCountdown();
    else if (!live) closeRecorder();
  };

  return (
    <dialog ref={dialogRef} className="rec-panel" aria-label={t('recording.dialogLabel', { title: lectureTitle })} onCancel={onCancel} data-testid="recording-panel">
      <header className="rec-header">
        <h2 className="rec-title">
          <Rich id="recording.heading" values={{ title: <bdi>{lectureTitle}</bdi> }} />
        </h2>
        <button type="button" className="button" onClick={closeRecorder} disabled={live || s.phase === 'countdown'} data-testid="rec-close">
          {t('recording.close')}
        </button>
      </header>
      <div className="rec-body">
        <div className="rec-stage">
          <div className="rec-preview" ref={previewRef}>
            {s.phase === 'countdown' && (
              <div className="rec-countdown" role="timer" aria-live="assertive" data-testid="rec-countdown">
                {s.countdown}
              </div>
            )}
          </div>
          <div className="rec-status">
            {live && (
              <span className={`rec-timer rec-timer-${s.phase}`} role="timer" aria-label={t('recording.recordedTime')} data-testid="rec-timer" data-elapsed-ms={s.elapsedMs}>
                {s.phase === 'recording' ? '● ' : s.phase === 'paused' ? '❚❚ ' : ''}
                {formatDuration(s.elapsedMs / 1000)}
              </span>
            )}
            {s.minutesLeft !== null && (
              <span className={s.minutesLeft < 10 ? 'rec-disk rec-disk-low' : 'rec-disk'} data-testid="rec-disk">
                {s.minutesLeft >= 600 ? t('recording.diskHours', { hours: Math.floor(s.minutesLeft / 60) }) : t('recording.diskMinutes', { minutes: Math.floor(s.minutesLeft) })}
              </span>
            )}
          </div>
        </div>
        <SourceControls locked={live || s.phase === 'countdown'} />
      </div>
      {s.error && <ErrorNotice className="rec-error" error={noteError(s.error.reason, t)} {...(s.error.lead ? { lead: t(s.error.lead) } : {})} data-testid="rec-error" />}
      {s.warnings.length > 0 && (
        <ul className="rec-warnings" aria-label={t('recording.warnings')} data-testid="rec-warnings">
          {s.warnings.map((w) => {
            const text = noteText(w, t);
            return <li key={text}>{text}</li>;
          })}
        </ul>
      )}
      <footer className="rec-actions">
        {s.phase === 'setup' && (
          <button type="button" className="button button-primary rec-record" onClick={record} data-testid="rec-record">
            {t('recording.record')}
          </button>
        )}
        {s.phase === 'countdown' && (
          <button type="button" className="button" onClick={cancelCountdown} data-testid="rec-cancel">
            {t('recording.cancel')}
          </button>
        )}
        {(s.phase === 'recording' || s.phase === 'paused') && !confirmDiscard && (
          <>
            {s.phase === 'recording' ? (
              <button type="button" className="button" onClick={() => void pause()} data-testid="rec-pause">
                {t('recording.pause')}
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void resume()} data-testid="rec-resume">
                {t('recording.resume')}
              </button>
            )}
            <button type="button" className="button button-primary" onClick={() => void stop()} data-testid="rec-stop">
              {t('recording.stop')}
            </button>
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirmDiscard(true)} data-testid="rec-discard">
              {t('recording.discard')}
            </button>
          </>
        )}
        {confirmDiscard && (
          <div className="rec-confirm" role="alertdialog" aria-label={t('recording.discardConfirmTitle')}>
            <span>{t('recording.discardConfirmBody')}</span>
            <button type="button" className="button" autoFocus onClick={() => setConfirmDiscard(false)} data-testid="rec-discard-no">
              {t('recording.keepRecording')}
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                setConfirmDiscard(false);
                void discard();
              }}
              data-testid="rec-discard-yes"
            >
              {t('recording.discardTake')}
            </button>
          </div>
        )}
        {s.phase === 'stopping' && (
          <span role="status" data-testid="rec-saving">
            {t('recording.saving')}
          </span>
        )}
      </footer>
    </dialog>
  );
}
