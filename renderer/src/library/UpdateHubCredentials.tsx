import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { LibraryHub } from '../../../main/contract/domains/library';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { OptionalCredentials, credentialsInput, NO_CREDENTIALS, type CredentialFields } from './CredentialsFieldset';
import { useLibrary } from './library-store';
import { isComposing, refuseWhileComposing } from '../ui/ime';
import { useT } from '../i18n/use-t';

/**
 * "Update credentials…" on a hub: a button that opens the credentials form below it. Used on each row of
 * the hubs list and on the banner of a hub whose key expired or was refused, so the student replaces the
 * key where the problem shows instead of removing the hub (and its cached catalog) and adding it again.
 */
export function UpdateCredentialsAction({ hub, children }: { hub: LibraryHub; /** Other actions shown beside the button. */ children?: ReactNode }) {
  const formId = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const t = useT();
  const close = () => {
    setOpen(false);
    // Back to where the keyboard was before the form opened.
    button.current?.focus();
  };
  return (
    <>
      <span className="library-hub-actions">
        <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        onClick={() => setOpen((o) => !o)}
        aria-label={t('library.credentials.updateLabel', { hub: hub.name })}
        data-testid="hub-update-credentials"
      >
        {t('library.credentials.update')}
        </button>
        {children}
      </span>
      {open && <UpdateCredentialsForm id={formId} hub={hub} onDone={close} />}
    </>
  );
}

/**
 * New read-only credentials for a hub already in the library, or none (unticked: the hub is public now).
 * Main checks them against the hub's catalog before replacing anything, so a refused key shows its error
 * here and the old key keeps working. Escape or Cancel closes without a change.
 */
function UpdateCredentialsForm({ id, hub, onDone }: { id: string; hub: LibraryHub; onDone(): void }) {
  const [uses, setUses] = useState(true);
  // The key id is not secret and is often unchanged (a new session token for the same key).
  const [creds, setCreds] = useState<CredentialFields>({ ...NO_CREDENTIALS, accessKeyId: hub.accessKeyId ?? '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const load = useLibrary((s) => s.load);
  const t = useT();

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input:not([type=checkbox])')?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('library.updateHubCredentials', { hubId: hub.id, credentials: uses ? credentialsInput(creds) : null });
      setCreds(NO_CREDENTIALS);
      onDone();
      await load();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !busy && !isComposing(e)) {
      e.stopPropagation();
      onDone();
    }
  };

  return (
    <form
      id={id}
      ref={form}
      className="library-add-hub library-update-credentials"
      onSubmit={(e) => {
        if (!refuseWhileComposing(e)) void submit(e);
      }}
      onKeyDown={onKeyDown}
      aria-label={t('library.credentials.formLabel', { hub: hub.name })}
      aria-describedby={error ? `${id}-error` : undefined}
      data-testid="update-credentials-form"
    >
      <OptionalCredentials uses={uses} onUsesChange={setUses} value={creds} onChange={setCreds} />
      {error !== null && <ErrorNotice id={`${id}-error`} className="field-error" error={error} />}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('library.addHub.checking') : uses ? t('library.credentials.save') : t('library.credentials.readWithout')}
      </button>
      <button type="button" className="button" onClick={onDone} disabled={busy}>
        {t('library.cancel')}
      </button>
    </form>
  );
}
