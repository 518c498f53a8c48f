import { fieldErrorText } from '../ipc-errors';
import { summarize, useSaveStatus } from '../state/save-status-store';

/** "Saving…" / "All changes saved" / "Couldn't save: …", announced politely to screen readers. */
export function SaveIndicator() {
  const fields = useSaveStatus((s) => s.fields);
  const operations = useSaveStatus((s) => s.operations);
  const summary = summarize({ fields, operations });
  const text =
    summary.kind === 'error' ? `Couldn't save: ${fieldErrorText(summary.error)}` : summary.kind === 'saving' ? 'Saving…' : 'All changes saved';
  return (
    <p className={`save-indicator save-${summary.kind}`} role="status" aria-live="polite" data-testid="save-status" data-state={summary.kind}>
      {text}
    </p>
  );
}
