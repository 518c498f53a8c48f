/** A field's hint and the reason its last save was refused, with the ids its input points at. */
export function FieldMessages({ hint, hintId, error, errorId }: { hint?: string | undefined; hintId: string; error: string | null; errorId: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert" data-testid="field-error">
          {error}
        </p>
      )}
    </>
  );
}
