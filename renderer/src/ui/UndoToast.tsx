import { useEffect } from 'react';
import type { TrashKind } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';
import { undoLastDelete } from '../state/drafts-actions';
import { useUndo } from '../state/undo-store';
import { CloseIcon } from './icons';
import { isComposing } from './ime';

/** One sentence per kind: languages put the kind's word in different places (and Korean adds a particle). */
const DELETED_MESSAGE: Record<TrashKind, MessageKey> = {
  course: 'undo.deletedCourse',
  section: 'undo.deletedSection',
  lecture: 'undo.deletedLecture',
};

/** Ctrl/Cmd+Z belongs to the text field when one is focused: that is its own undo. */
function isTextEditing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

/** "Deleted “X” — Undo": the last delete, undoable by button or Ctrl/Cmd+Z until the next one. */
export function UndoToast() {
  const last = useUndo((s) => s.last);
  const t = useT();

  useEffect(() => {
    if (!last) return;
    const onKey = (e: KeyboardEvent) => {
      if (isComposing(e)) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z' && !isTextEditing(e.target)) {
        e.preventDefault();
        void undoLastDelete();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [last]);

  if (!last) return null;
  return (
    <div className="toast" role="status" aria-live="polite" data-testid="undo-toast">
      <span className="toast-text" dir="auto">
        <Rich id={DELETED_MESSAGE[last.kind]} values={{ title: <bdi>{last.title}</bdi> }} />
      </span>
      <button type="button" className="button button-inverse" onClick={() => void undoLastDelete()} data-testid="undo-button" aria-keyshortcuts="Control+Z Meta+Z">
        {t('undo.undo')}
      </button>
      <button type="button" className="icon-button toast-close" aria-label={t('ui.dismiss')} onClick={() => useUndo.getState().clear()}>
        <CloseIcon />
      </button>
    </div>
  );
}
