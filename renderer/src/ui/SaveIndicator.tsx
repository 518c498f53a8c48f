import { describeError } from '../errors/error-text';
import { summarize, useSaveStatus } from '../state/save-status-store';

/**
 * "Saving…" / "All changes saved" / "Couldn't save", announced politely to screen readers. The reason
 * sits next to its field (with Details there), so the indicator only says which state the course is in.
 */
export function SaveIndicator() {
  const fields = useSaveStatus((s) => s.fields);
  const operations = useSaveStatus((s) => s.operations);
  const summary = summarize({ fields, operations });
  const text = summary.kind === 'error' ? `Couldn't save: ${describeError(summary.error).sentence}` : summary.kind === 'saving' ? 'Saving…' : 'All changes saved';
  return (
    <p className={`save-indicator save-${summary.kind}`} role="status" aria-live="polite" data-testid="save-status" data-state={summary.kind}>
      {text}
    </p>
  );
}
