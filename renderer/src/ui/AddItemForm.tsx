import { useId, useState, type FormEvent } from 'react';
import { fieldErrorText } from '../ipc-errors';

interface Props {
  label: string;
  placeholder: string;
  buttonLabel: string;
  add(title: string): Promise<void>;
  testIdPrefix: string;
  autoFocus?: boolean;
}

/** "New … title" + Add: Enter adds, the field clears and keeps focus for the next one. */
export function AddItemForm({ label, placeholder, buttonLabel, add, testIdPrefix, autoFocus }: Props) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await add(title);
      setTitle('');
      setError(null);
    } catch (err) {
      setError(fieldErrorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-item" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="text"
        dir="auto"
        value={title}
        placeholder={placeholder}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setTitle(e.target.value);
          if (error) setError(null);
        }}
        data-testid={`${testIdPrefix}-title`}
      />
      <button type="submit" className="button" disabled={busy} data-testid={`${testIdPrefix}-submit`}>
        {buttonLabel}
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert" data-testid="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
