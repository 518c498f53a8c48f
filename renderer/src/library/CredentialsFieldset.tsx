import { useId } from 'react';
import type { ReadOnlyHubCredentialsInput } from '../../../main/contract/domains/hub-schemas';
import { Advanced } from '../ui/Advanced';
import { useT } from '../i18n/use-t';

/** The read-only credentials fields as typed: strings, so an empty optional field is simply ''. */
export interface CredentialFields {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  sessionToken: string;
  sessionExpiresAt: string;
}

export const NO_CREDENTIALS: CredentialFields = { accessKeyId: '', secretAccessKey: '', region: 'us-east-1', sessionToken: '', sessionExpiresAt: '' };

/** What main is sent: the optional session fields only when filled in (an expiry means nothing without a token). */
export function credentialsInput(f: CredentialFields): ReadOnlyHubCredentialsInput {
  const expires = f.sessionExpiresAt ? new Date(f.sessionExpiresAt).getTime() : undefined;
  return {
    accessKeyId: f.accessKeyId,
    secretAccessKey: f.secretAccessKey,
    region: f.region,
    ...(f.sessionToken ? { sessionToken: f.sessionToken, ...(expires !== undefined && !Number.isNaN(expires) ? { sessionExpiresAt: expires } : {}) } : {}),
  };
}

interface Props {
  value: CredentialFields;
  onChange(value: CredentialFields): void;
}

/**
 * The read-only S3 credentials a private library hub is read with, shared by "Add hub" and "Update
 * credentials…". The secret and the session token are password fields the browser is told not to fill
 * or remember: they go to main (and the keychain) only, and the forms clear them once sent.
 */
export function CredentialsFieldset({ value, onChange }: Props) {
  const id = useId();
  const t = useT();
  const text = (field: keyof CredentialFields, label: string, opts: { type?: string; required?: boolean; placeholder?: string; hint?: string } = {}) => (
    <label className="field" htmlFor={`${id}-${field}`}>
      <span className="field-label">{label}</span>
      <input
        id={`${id}-${field}`}
        type={opts.type ?? 'text'}
        required={opts.required}
        value={value[field]}
        placeholder={opts.placeholder}
        autoComplete={opts.type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        onChange={(e) => onChange({ ...value, [field]: e.target.value })}
        aria-describedby={opts.hint ? `${id}-${field}-hint` : undefined}
        data-testid={`library-hub-${field}`}
      />
      {opts.hint && (
        <span id={`${id}-${field}-hint`} className="field-hint">
          {opts.hint}
        </span>
      )}
    </label>
  );
  return (
    <fieldset className="library-hub-credentials" data-testid="library-hub-credentials">
      <legend>{t('library.credentials.legend')}</legend>
      {text('accessKeyId', t('library.credentials.accessKeyId'), { required: true })}
      {text('secretAccessKey', t('library.credentials.secret'), { type: 'password', required: true, hint: t('library.credentials.secretHint') })}
      {text('region', t('library.credentials.region'), { required: true })}
      <Advanced summary={t('library.credentials.advanced')} forceOpen={value.sessionToken !== ''} testId="library-hub-advanced">
        {text('sessionToken', t('library.credentials.sessionToken'), { type: 'password', placeholder: t('library.credentials.optional') })}
        {text('sessionExpiresAt', t('library.credentials.sessionExpires'), { type: 'datetime-local' })}
      </Advanced>
    </fieldset>
  );
}

/** "This hub uses credentials" and, when ticked, the fields: how both hub forms ask for a key. */
export function OptionalCredentials({ uses, onUsesChange, value, onChange }: Props & { uses: boolean; onUsesChange(uses: boolean): void }) {
  const t = useT();
  return (
    <>
      <label className="field library-hub-checkbox">
        <input type="checkbox" checked={uses} onChange={(e) => onUsesChange(e.target.checked)} data-testid="library-hub-uses-credentials" />
        <span>{t('library.credentials.uses')}</span>
      </label>
      {uses && <CredentialsFieldset value={value} onChange={onChange} />}
    </>
  );
}
