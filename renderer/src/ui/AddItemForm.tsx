import { useId, useRef, useState, type FormEvent } from 'react';
import { fieldErrorText } from '../ipc-errors';
import { refuseWhileComposing } from './ime';

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
  const id = useId();

  // The field clears at once so titles can be entered in quick succession (Enter, type, Enter…);
  // main handles requests in order, so they are added in the order typed. A refused title comes back.
  const adding = useRef(0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const submitted = title;
    // A double click on Add: the second press finds the field already cleared; that is not a blank title.
    if (submitted === '' && adding.current > 0) return;
    setTitle('');
    setError(null);
    adding.current++;
    try {
      await add(submitted);
    } catch (err) {
      setError(fieldErrorText(err));
      setTitle((current) => (current === '' ? submitted : current));
    } finally {
      adding.current--;
    }
  };

  return (
    <form
      className="add-item"
      onSubmit={(e) => {
        // Enter that commits an IME syllable is the IME's, not "add": the title is not finished.
        if (!refuseWhileComposing(e)) void submit(e);
      }}
    >
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
      <button type="submit" className="button" data-testid={`${testIdPrefix}-submit`}>
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
