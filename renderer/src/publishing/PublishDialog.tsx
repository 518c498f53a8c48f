import { useEffect, useId, useRef, useState } from 'react';
import type { Hub, PublishableCourse, PublishCheck } from '../../../main/contract/domains/publishing-types';
import { translate } from '../i18n/format';
import { call } from '../ipc';
import { refuseWhileComposing } from '../ui/ime';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';

interface Props {
  course: PublishableCourse;
  hub: Hub;
  onClose(): void;
}

/**
 * The pre-publish check before anything is uploaded: the problems to fix in the Studio, or what will be
 * published and a button to start. A native modal dialog: focus is trapped and Escape closes it.
 */
export function PublishDialog({ course, hub, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [check, setCheck] = useState<PublishCheck | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [limit, setLimit] = useState('');
  const limitId = useId();
  const t = useT();

  useEffect(() => {
    ref.current?.showModal();
    let live = true;
    call('publish.check', { courseId: course.courseId }).then(
      (c) => live && setCheck(c),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [course.courseId]);

  useEffect(() => {
    if (check) (check.ok ? primaryRef : closeRef).current?.focus();
  }, [check]);

  async function start() {
    setStarting(true);
    try {
      const mbps = Number.parseFloat(limit);
      await call('publish.start', { courseId: course.courseId, hubId: hub.id, ...(mbps > 0 ? { bandwidthLimit: Math.round(mbps * 1024 * 1024) } : {}) });
      onClose();
    } catch (err) {
      setError(err);
      setStarting(false);
    }
  }

  const current = course.publications.find((p) => p.hubId === hub.id);
  return (
    <dialog
      ref={ref}
      className="dialog publish-dialog"
      aria-labelledby={titleId}
      data-testid="publish-dialog"
      onCancel={(e) => {
        e.preventDefault();
        // Escape that cancels an IME composition is the IME's, not "close".
        if (!refuseWhileComposing(e)) onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        <Rich id="publishing.dialog.title" values={{ title: course.title, hub: hub.name, c: (chunks) => <span dir="auto">{chunks}</span> }} />
      </h2>
      <div className="dialog-body" aria-live="polite">
        {error ? (
          <ErrorNotice className="field-error" error={error} context={{ hub: hub.name }} />
        ) : check === null ? (
          <p className="loading">{t('publishing.dialog.checking')}</p>
        ) : check.ok ? (
          <div data-testid="publish-check-ok">
            <p>
              {current
                ? t('publishing.dialog.readyNext', { count: check.lectureCount, version: current.version + 1, current: current.version })
                : t('publishing.dialog.readyFirst', { count: check.lectureCount })}
            </p>
            <p className="field-hint">{t('publishing.dialog.hint')}</p>
            <label className="field publish-limit" htmlFor={limitId}>
              <span className="field-label">{t('publishing.dialog.limit')}</span>
              <input id={limitId} type="number" min="0.1" step="0.1" inputMode="decimal" value={limit} placeholder={t('publishing.dialog.noLimit')} onChange={(e) => setLimit(e.target.value)} data-testid="publish-limit" />
            </label>
          </div>
        ) : (
          <div data-testid="publish-problems">
            <p>{t('publishing.dialog.fixFirst')}</p>
            <ul className="publish-problems">
              {check.problems.map((p, i) => (
                <li key={i} dir="auto">
                  {p.text ? translate(p.text.key, p.text.values) : p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="dialog-actions">
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          {check?.ok === false ? t('publishing.dialog.close') : t('publishing.dialog.cancel')}
        </button>
        {check?.ok && (
          <button ref={primaryRef} type="button" className="button button-primary" disabled={starting} onClick={() => void start()} data-testid="publish-confirm">
            {starting ? t('publishing.dialog.starting') : t('publishing.dialog.publish')}
          </button>
        )}
      </div>
    </dialog>
  );
}
