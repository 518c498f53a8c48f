import { ErrorNotice } from './ErrorNotice';

/** A field's hint and the reason its last save was refused, with the ids its input points at. */
export function FieldMessages({ hint, hintId, error, errorId, lead }: { hint?: string | undefined; hintId: string; error: unknown; errorId: string; lead?: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error !== null && error !== undefined && <ErrorNotice id={errorId} className="field-error" error={error} {...(lead ? { lead } : {})} data-testid="field-error" />}
    </>
  );
}
