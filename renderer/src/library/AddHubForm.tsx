import { useId, useState, type FormEvent } from 'react';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { OptionalCredentials, credentialsInput, NO_CREDENTIALS, type CredentialFields } from './CredentialsFieldset';
import { useLibrary } from './library-store';
import { refuseWhileComposing } from '../ui/ime';

/**
 * Adds a hub by its address; a private bucket also needs the read-only key the instructor handed out.
 * The secret goes straight to main (and the keychain) and is cleared from the form once sent.
 */
export function AddHubForm() {
  const id = useId();
  const [url, setUrl] = useState('');
  const [private_, setPrivate] = useState(false);
  const [creds, setCreds] = useState<CredentialFields>(NO_CREDENTIALS);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useLibrary((s) => s.load);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const credentials = private_ ? credentialsInput(creds) : undefined;
      await call('library.addHub', { baseUrl: url, ...(credentials ? { credentials } : {}) });
      setUrl('');
      setPrivate(false);
      setCreds(NO_CREDENTIALS);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="library-add-hub" onSubmit={(e) => {
        if (!refuseWhileComposing(e)) void submit(e);
      }} data-testid="add-hub-form">
      <label className="field">
        <span className="field-label">Hub address</span>
        <input
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://courses.example.edu/lectern/"
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="hub-url"
        />
      </label>
      <OptionalCredentials uses={private_} onUsesChange={setPrivate} value={creds} onChange={setCreds} />
      {error !== null && <ErrorNotice id={`${id}-error`} className="field-error" error={error} lead="Couldn't add this hub." data-testid="add-hub-error" />}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Checking the hub…' : 'Add hub'}
      </button>
    </form>
  );
}
