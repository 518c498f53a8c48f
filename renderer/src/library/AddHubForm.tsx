import { useId, useState, type FormEvent } from 'react';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { OptionalCredentials, credentialsInput, NO_CREDENTIALS, type CredentialFields } from './CredentialsFieldset';
import { useLibrary } from './library-store';
import { refuseWhileComposing } from '../ui/ime';
import { useT } from '../i18n/use-t';

/** An example address: a URL reads the same in every language. */
const HUB_URL_EXAMPLE = 'https://courses.example.edu/lectern/';

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
  const t = useT();

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
        <span className="field-label">{t('library.addHub.address')}</span>
        <input
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={HUB_URL_EXAMPLE}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="hub-url"
        />
      </label>
      <OptionalCredentials uses={private_} onUsesChange={setPrivate} value={creds} onChange={setCreds} />
      {error !== null && <ErrorNotice id={`${id}-error`} className="field-error" error={error} lead={t('library.addHub.failed')} data-testid="add-hub-error" />}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('library.addHub.checking') : t('library.addHub.submit')}
      </button>
    </form>
  );
}
