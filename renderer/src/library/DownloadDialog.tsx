import { useEffect, useId, useRef, useState } from 'react';
import type { DownloadPlanView } from '../../../main/contract/domains/library';
import { call, errorMessage } from '../ipc';
import { formatBytes } from './format';

export interface DownloadTarget {
  hubId: string;
  courseId: string;
  /** Absent: the whole course. */
  lectureId?: string;
  title: string;
}

type Quality = 'fits' | 'best' | number;
const QUALITIES: { value: Quality; label: string }[] = [
  { value: 'fits', label: 'Best that fits' },
  { value: 'best', label: 'Best' },
  { value: 1080, label: 'Up to 1080p' },
  { value: 720, label: 'Up to 720p' },
  { value: 480, label: 'Up to 480p' },
  { value: 360, label: 'Up to 360p' },
  { value: 240, label: 'Up to 240p' },
];

/**
 * Confirms a download with what it costs: main sizes every lecture at the chosen quality against the
 * free space before anything is fetched. A modal <dialog>: focus is trapped and Escape cancels.
 */
export function DownloadDialog({ target, onClose }: { target: DownloadTarget; onClose(started: boolean): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [quality, setQuality] = useState<Quality>('fits');
  const [plan, setPlan] = useState<DownloadPlanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    setPlan(null);
    setError(null);
    call('downloads.plan', { hubId: target.hubId, courseId: target.courseId, lectureId: target.lectureId, quality }).then(
      (p) => live && setPlan(p),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [target, quality]);

  const start = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      await call('downloads.start', { hubId: target.hubId, courseId: target.courseId, lectureId: target.lectureId, height: plan.height });
      onClose(true);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid="download-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={titleId} className="dialog-title" dir="auto">
        Download “{target.title}”
      </h2>
      <div className="dialog-body">
        <label className="field">
          <span className="field-label">Quality</span>
          <select value={String(quality)} onChange={(e) => setQuality(e.target.value === 'fits' || e.target.value === 'best' ? e.target.value : Number(e.target.value))} data-testid="download-quality">
            {QUALITIES.map((q) => (
              <option key={q.label} value={String(q.value)}>
                {q.label}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {!plan && !error && <p className="loading">Working out the size…</p>}
        {plan && (
          <>
            <p data-testid="download-total">
              {plan.items.length} {plan.items.length === 1 ? 'lecture' : 'lectures'}, {formatBytes(plan.totalBytes)} ({plan.items.map((i) => i.quality).filter((q, i, a) => a.indexOf(q) === i).join(', ')}).{' '}
              {formatBytes(plan.spareBytes)} free on this disk.
            </p>
            {!plan.fits && (
              <p className="field-error" role="alert">
                This does not fit on the disk. Choose a lower quality or free up space.
              </p>
            )}
            {plan.skipped.length > 0 && <p className="muted">Skipped: {plan.skipped.map((s) => `${s.title} (${s.reason})`).join('; ')}</p>}
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={!plan || !plan.fits || plan.items.length === 0 || busy} data-testid="download-confirm">
          {plan ? `Download ${formatBytes(plan.totalBytes)}` : 'Download'}
        </button>
      </div>
    </dialog>
  );
}
