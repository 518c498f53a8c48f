import { useId, type Ref } from 'react';
import { useAutosavedField, type AutosavedFieldOptions } from '../autosave/use-autosaved-field';
import { FieldMessages } from './FieldMessages';

interface Props extends AutosavedFieldOptions {
  /** Visible label; `hideLabel` keeps it for screen readers only (rows with an obvious field). */
  labelText: string;
  hideLabel?: boolean;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  hint?: string;
  className?: string;
  testId: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input or textarea that autosaves, with the reason a save was refused right beside it. */
export function AutosaveTextField({ labelText, hideLabel, multiline, rows, placeholder, hint, className, testId, inputRef, ...autosave }: Props) {
  const field = useAutosavedField(autosave);
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [field.error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    dir: 'auto' as const,
    value: field.value,
    placeholder,
    'aria-invalid': field.error ? true : undefined,
    'aria-describedby': describedBy,
    'data-testid': testId,
    onFocus: field.onFocus,
    onBlur: field.onBlur,
    onCompositionStart: field.onCompositionStart,
    onCompositionEnd: field.onCompositionEnd,
  };
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {labelText}
      </label>
      {multiline ? (
        <textarea {...common} rows={rows ?? 4} onChange={(e) => field.onChange(e.target.value)} />
      ) : (
        <input {...common} ref={inputRef} type="text" onChange={(e) => field.onChange(e.target.value)} />
      )}
      <FieldMessages hint={hint} hintId={hintId} error={field.error} errorId={errorId} />
    </div>
  );
}
