import { useEffect, useState, type ReactNode } from 'react';

/**
 * Settings most people never need (a temporary session token), folded away under "Advanced". It opens
 * by itself when `forceOpen` turns true — something is stored there, or a field in it was refused — so
 * nothing that needs attention stays hidden.
 */
export function Advanced({ summary = 'Advanced', forceOpen = false, testId, children }: { summary?: string; forceOpen?: boolean; testId?: string; children: ReactNode }) {
  const [open, setOpen] = useState(forceOpen);
  useEffect(() => {
    if (forceOpen) setOpen(true);
  }, [forceOpen]);
  return (
    <details className="advanced" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={testId}>
      <summary>{summary}</summary>
      <div className="advanced-body">{children}</div>
    </details>
  );
}
