import { describeError } from '../errors/error-text';
import { useT } from '../i18n/use-t';
import { summarize, useSaveStatus } from '../state/save-status-store';

/**
 * "Saving…" / "All changes saved" / "Couldn't save", announced politely to screen readers. The reason
 * sits next to its field (with Details there), so the indicator only says which state the course is in.
 */
export function SaveIndicator() {
  const fields = useSaveStatus((s) => s.fields);
  const operations = useSaveStatus((s) => s.operations);
  const t = useT();
  const summary = summarize({ fields, operations });
  const text =
    summary.kind === 'error'
      ? t('ui.saveStatus.failed', { reason: describeError(summary.error).sentence })
      : t(summary.kind === 'saving' ? 'ui.saveStatus.saving' : 'ui.saveStatus.saved');
  return (
    <p className={`save-indicator save-${summary.kind}`} role="status" aria-live="polite" data-testid="save-status" data-state={summary.kind}>
      {text}
    </p>
  );
}
