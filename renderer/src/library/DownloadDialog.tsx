import { useEffect, useId, useRef, useState } from 'react';
import type { DownloadPlanView, QualityChoiceView } from '../../../main/contract/domains/library';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatBytes, STORED } from '../i18n/format';
import type { MessageKey } from '../i18n/catalogs';
import { useT, type Translate } from '../i18n/use-t';
import { REFUSED_PREFIX } from './status-keys';
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
const MODES: Mode[] = ['fits', 'best', 1080, 720, 480, 360, 240, 'all', 'several'];
const MODE_KEY: Record<Exclude<Mode, number>, MessageKey> = {
  fits: 'downloads.mode.fits',
  best: 'downloads.mode.best',
  all: 'downloads.mode.all',
  several: 'downloads.mode.several',
};
const modeLabel = (m: Mode, t: Translate) => (typeof m === 'number' ? t('downloads.mode.upTo', { height: m }) : t(MODE_KEY[m]));
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
  const t = useT();

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
        {t('downloads.dialog.title', { title: target.title })}
      </h2>
      <div className="dialog-body">
        <label className="field">
          <span className="field-label">{t('downloads.dialog.quality')}</span>
          <select value={String(mode)} onChange={(e) => chooseMode(parseMode(e.target.value))} data-testid="download-quality">
            {MODES.map((q) => (
              <option key={String(q)} value={String(q)}>
                {modeLabel(q, t)}
              </option>
            ))}
          </select>
        </label>
        {mode === 'several' && (
          <fieldset className="field download-qualities" data-testid="download-qualities">
            <legend className="field-label">{t('downloads.dialog.keep')}</legend>
            {offered.map((o) => (
              <label key={o.height}>
                <input type="checkbox" checked={picked.includes(o.height)} onChange={(e) => toggle(o.height, e.currentTarget.checked)} data-testid="download-quality-option" value={o.height} />
                {o.label} · {formatBytes(o.bytes, STORED)}
              </label>
            ))}
            {picked.length === 0 && <p className="muted">{t('downloads.dialog.chooseOne')}</p>}
          </fieldset>
        )}
        {error !== null && <ErrorNotice className="field-error" error={error} />}
        {!plan && !error && <p className="loading">{t('downloads.dialog.sizing')}</p>}
        {plan && (
          <>
            <p data-testid="download-total">
              {t('downloads.dialog.total', {
                count: plan.items.length,
                size: formatBytes(plan.totalBytes, STORED),
                qualities: plan.items
                  .map((i) => i.quality)
                  .filter((q, i, a) => a.indexOf(q) === i)
                  .join(', '),
              })}{' '}
              {t('downloads.dialog.free', { free: formatBytes(plan.spareBytes, STORED) })}
            </p>
            {!plan.fits && (
              <p className="field-error" role="alert">
                {t('downloads.dialog.noFit')}
              </p>
            )}
            {refusedOf(plan).length > 0 && (
              <p className="field-error" role="alert" data-testid="download-refused">
                {t('downloads.dialog.refusedCount', { ok: plan.items.length, all: plan.items.length + refusedOf(plan).length })}{' '}
                {refusedOf(plan)
                  .map((s) => t('downloads.dialog.refused', { title: s.title, reason: s.reason.slice(REFUSED_PREFIX.length) }))
                  .join('; ')}
              </p>
            )}
            {otherSkipped(plan).length > 0 && (
              <p className="muted">{t('downloads.dialog.skipped', { list: otherSkipped(plan).map((s) => t('downloads.dialog.skippedItem', { title: s.title, reason: t(s.reasonText.key, s.reasonText.values) })).join('; ') })}</p>
            )}
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onClose(false)}>
          {t('library.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={!plan || !plan.fits || plan.items.length === 0 || busy} data-testid="download-confirm">
          {plan ? t('downloads.dialog.downloadSize', { size: formatBytes(plan.totalBytes, STORED) }) : t('downloads.dialog.download')}
        </button>
      </div>
    </dialog>
  );
}

/** Lectures the plan left out because the hub served them badly (the rest of the course still downloads). */
const refusedOf = (plan: DownloadPlanView) => plan.skipped.filter((s) => s.reason.startsWith(REFUSED_PREFIX));
const otherSkipped = (plan: DownloadPlanView) => plan.skipped.filter((s) => !s.reason.startsWith(REFUSED_PREFIX));
