import { useId, useState, type FormEvent } from 'react';
import { call, errorMessage } from '../ipc';
import { useLibrary } from './library-store';

interface CredentialFields {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  sessionToken: string;
  sessionExpiresAt: string;
}

const NO_CREDENTIALS: CredentialFields = { accessKeyId: '', secretAccessKey: '', region: 'us-east-1', sessionToken: '', sessionExpiresAt: '' };

/**
 * Adds a hub by its address; a private bucket also needs the read-only key the instructor handed out.
 * The secret goes straight to main (and the keychain) and is cleared from the form once sent.
 */
export function AddHubForm() {
  const id = useId();
  const [url, setUrl] = useState('');
  const [private_, setPrivate] = useState(false);
  const [creds, setCreds] = useState<CredentialFields>(NO_CREDENTIALS);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useLibrary((s) => s.load);
  const set = (field: keyof CredentialFields, value: string) => setCreds((c) => ({ ...c, [field]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const expires = creds.sessionExpiresAt ? new Date(creds.sessionExpiresAt).getTime() : undefined;
      const credentials = private_
        ? {
            accessKeyId: creds.accessKeyId,
            secretAccessKey: creds.secretAccessKey,
            region: creds.region,
            ...(creds.sessionToken ? { sessionToken: creds.sessionToken, ...(expires !== undefined && !Number.isNaN(expires) ? { sessionExpiresAt: expires } : {}) } : {}),
          }
        : undefined;
      await call('library.addHub', { baseUrl: url, ...(credentials ? { credentials } : {}) });
      setUrl('');
      setPrivate(false);
      setCreds(NO_CREDENTIALS);
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: keyof CredentialFields, label: string, opts: { type?: string; required?: boolean; placeholder?: string; hint?: string } = {}) => (
    <label className="field" htmlFor={`${id}-${field}`}>
      <span className="field-label">{label}</span>
      <input
        id={`${id}-${field}`}
        type={opts.type ?? 'text'}
        required={opts.required}
        value={creds[field]}
        placeholder={opts.placeholder}
        autoComplete={opts.type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        onChange={(e) => set(field, e.target.value)}
        data-testid={`library-hub-${field}`}
      />
      {opts.hint && <span className="field-hint">{opts.hint}</span>}
    </label>
  );

  return (
    <form className="library-add-hub" onSubmit={(e) => void submit(e)} data-testid="add-hub-form">
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
      <label className="field library-hub-checkbox">
        <input type="checkbox" checked={private_} onChange={(e) => setPrivate(e.target.checked)} data-testid="library-hub-uses-credentials" />
        <span>This hub uses credentials (a private bucket)</span>
      </label>
      {private_ && (
        <fieldset className="library-hub-credentials" data-testid="library-hub-credentials">
          <legend>Read-only credentials</legend>
          {text('accessKeyId', 'Access key id', { required: true })}
          {text('secretAccessKey', 'Secret access key', { type: 'password', required: true, hint: 'Kept in the system keychain only; Lectern never shows it again.' })}
          {text('region', 'Region', { required: true })}
          {text('sessionToken', 'Session token (temporary credentials only)', { type: 'password', placeholder: 'Optional' })}
          {text('sessionExpiresAt', 'Session token expires', { type: 'datetime-local' })}
        </fieldset>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Checking the hub…' : 'Add hub'}
      </button>
    </form>
  );
}
