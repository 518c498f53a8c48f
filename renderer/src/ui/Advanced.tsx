import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';

/**
 * Settings most people never need (a temporary session token), folded away under "Advanced". It opens
 * by itself when `forceOpen` turns true — something is stored there, or a field in it was refused — so
 * nothing that needs attention stays hidden.
 */
export function Advanced({ summary, forceOpen = false, testId, children }: { summary?: string; forceOpen?: boolean; testId?: string; children: ReactNode }) {
  const [open, setOpen] = useState(forceOpen);
  const t = useT();
  useEffect(() => {
    if (forceOpen) setOpen(true);
  }, [forceOpen]);
  return (
    <details className="advanced" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={testId}>
      <summary>{summary ?? t('ui.advanced')}</summary>
      <div className="advanced-body">{children}</div>
    </details>
  );
}
