import { useEffect, useId, useRef, useState } from 'react';
import type { DownloadPlanView, QualityChoiceView } from '../../../main/contract/domains/library';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatBytes , STORED, translate } from '../i18n/format';
import { refuseWhileComposing } from '../ui/ime';

export interface DownloadTarget {
  hubId: string;
  courseId: string;
  /** Absent: the whole course. */
  lectureId?: string;
  title: string;
}

/** One quality, every quality, or the ones ticked below the menu ('several'). */
type Mode = 'fits' | 'best' | 'all' | 'several' | number;
const MODES: { value: Mode; label: string }[] = [
  { value: 'fits', label: 'Best that fits' },
  { value: 'best', label: 'Best' },
  { value: 1080, label: 'Up to 1080p' },
  { value: 720, label: 'Up to 720p' },
  { value: 480, label: 'Up to 480p' },
  { value: 360, label: 'Up to 360p' },
  { value: 240, label: 'Up to 240p' },
  { value: 'all', label: 'All qualities (switch while watching)' },
  { value: 'several', label: 'Choose qualities…' },
];
const parseMode = (v: string): Mode => (v === 'fits' || v === 'best' || v === 'all' || v === 'several' ? v : Number(v));

/**
 * Confirms a download with what it costs: main sizes every lecture at the chosen quality against the
 * free space before anything is fetched. Several qualities can be kept so the player can switch between
 * them offline; the total then counts the audio they share once. A modal <dialog>: focus is trapped and
 * Escape cancels.
 */
export function DownloadDialog({ target, onClose }: { target: DownloadTarget; onClose(started: boolean): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [mode, setMode] = useState<Mode>('fits');
  /** Heights ticked in 'several' mode, best first. */
  const [picked, setPicked] = useState<number[]>([]);
  /** The qualities the lectures offer, from the latest plan (every plan lists them, whatever was asked). */
  const [offered, setOffered] = useState<QualityChoiceView[]>([]);
  const [plan, setPlan] = useState<DownloadPlanView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    setPlan(null);
    setError(null);
    if (mode === 'several' && picked.length === 0) return undefined;
    const quality = mode === 'several' ? picked : mode;
    call('downloads.plan', { hubId: target.hubId, courseId: target.courseId, lectureId: target.lectureId, quality }).then(
      (p) => {
        if (!live) return;
        setPlan(p);
        setOffered(p.options);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [target, mode, picked]);

  const chooseMode = (next: Mode) => {
    // Starting to tick qualities: begin with every one offered, so unticking is the usual move.
    if (next === 'several' && picked.length === 0) setPicked(offered.map((o) => o.height));
    setMode(next);
  };
  const toggle = (height: number, on: boolean) =>
    setPicked((now) => (on ? [...now.filter((h) => h !== height), height].sort((a, b) => b - a) : now.filter((h) => h !== height)));

  const start = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      await call('downloads.start', {
        hubId: target.hubId,
        courseId: target.courseId,
        lectureId: target.lectureId,
        height: plan.height,
        ...(plan.heights ? { heights: plan.heights } : {}),
      });
      onClose(true);
    } catch (err) {
      setError(err);
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
        // Escape that cancels an IME composition is the IME's, not "close".
        if (!refuseWhileComposing(e)) onClose(false);
      }}
    >
      <h2 id={titleId} className="dialog-title" dir="auto">
        Download “{target.title}”
      </h2>
      <div className="dialog-body">
        <label className="field">
          <span className="field-label">Quality</span>
          <select value={String(mode)} onChange={(e) => chooseMode(parseMode(e.target.value))} data-testid="download-quality">
            {MODES.map((q) => (
              <option key={q.label} value={String(q.value)}>
                {q.label}
              </option>
            ))}
          </select>
        </label>
        {mode === 'several' && (
          <fieldset className="field download-qualities" data-testid="download-qualities">
            <legend className="field-label">Qualities to keep (the player switches between them)</legend>
            {offered.map((o) => (
              <label key={o.height}>
                <input type="checkbox" checked={picked.includes(o.height)} onChange={(e) => toggle(o.height, e.currentTarget.checked)} data-testid="download-quality-option" value={o.height} />
                {o.label} · {formatBytes(o.bytes, STORED)}
              </label>
            ))}
            {picked.length === 0 && <p className="muted">Choose at least one quality.</p>}
          </fieldset>
        )}
        {error !== null && <ErrorNotice className="field-error" error={error} />}
        {!plan && !error && <p className="loading">Working out the size…</p>}
        {plan && (
          <>
            <p data-testid="download-total">
              {plan.items.length} {plan.items.length === 1 ? 'lecture' : 'lectures'}, {formatBytes(plan.totalBytes, STORED)} ({plan.items.map((i) => i.quality).filter((q, i, a) => a.indexOf(q) === i).join(', ')}).{' '}
              {formatBytes(plan.spareBytes, STORED)} free on this disk.
            </p>
            {!plan.fits && (
              <p className="field-error" role="alert">
                This does not fit on the disk. Choose a lower quality or free up space.
              </p>
            )}
            {refusedOf(plan).length > 0 && (
              <p className="field-error" role="alert" data-testid="download-refused">
                {plan.items.length} of {plan.items.length + refusedOf(plan).length} lectures can be downloaded;{' '}
                {refusedOf(plan).map((s) => `«${s.title}» was refused: ${s.reason.slice('refused: '.length)}`).join('; ')}
              </p>
            )}
            {otherSkipped(plan).length > 0 && <p className="muted">Skipped: {otherSkipped(plan).map((s) => `${s.title} (${s.reasonText ? translate(s.reasonText.key, s.reasonText.values) : s.reason})`).join('; ')}</p>}
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={!plan || !plan.fits || plan.items.length === 0 || busy} data-testid="download-confirm">
          {plan ? `Download ${formatBytes(plan.totalBytes, STORED)}` : 'Download'}
        </button>
      </div>
    </dialog>
  );
}

/** Lectures the plan left out because the hub served them badly (the rest of the course still downloads). */
const refusedOf = (plan: DownloadPlanView) => plan.skipped.filter((s) => s.reason.startsWith('refused: '));
const otherSkipped = (plan: DownloadPlanView) => plan.skipped.filter((s) => !s.reason.startsWith('refused: '));
