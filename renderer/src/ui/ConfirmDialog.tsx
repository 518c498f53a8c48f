import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { refuseWhileComposing } from './ime';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
}

/**
 * A modal confirmation on the native <dialog>: the browser traps focus, makes the page inert and
 * turns Escape into `cancel`. The safe choice (Cancel) has focus first.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const t = useT();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        // Escape that cancels an IME composition is the IME's, not "close".
        if (!refuseWhileComposing(e)) onCancel();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel} data-testid="confirm-cancel">
          {t('ui.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm} data-testid="confirm-accept">
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
