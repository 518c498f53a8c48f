import { useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import type { Hub } from '../../../main/contract/domains/publishing-types';
import { LecternError } from '../../../main/contract/errors';
import { call } from '../ipc';
import { Advanced } from '../ui/Advanced';
import { ErrorNotice } from '../ui/ErrorNotice';
import { refreshHubs, usePublishing } from './publishing-store';
import { refuseWhileComposing } from '../ui/ime';
import { useT } from '../i18n/use-t';

/** An example endpoint, not a sentence: the same in every language. */
const ENDPOINT_EXAMPLE = 'https://s3.eu-west-1.amazonaws.com';

interface Props {
  /** The hub to edit; absent for a new one. */
  hub?: Hub;
}

type Field = 'name' | 'endpoint' | 'region' | 'bucket' | 'keyPrefix' | 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'sessionExpiresAt';

/**
 * Adds or edits a hub. Secret fields are write-only: they start empty, an empty secret on edit keeps the
 * stored one, and nothing typed there is ever read back from main.
 */
export function HubForm({ hub }: Props) {
  const t = useT();
  const edit = usePublishing((s) => s.edit);
  const [values, setValues] = useState({
    name: hub?.name ?? '',
    endpoint: hub?.endpoint ?? '',
    region: hub?.region ?? 'us-east-1',
    bucket: hub?.bucket ?? '',
    keyPrefix: hub?.keyPrefix ?? '',
    pathStyle: hub?.pathStyle ?? true,
    accessKeyId: hub?.accessKeyId ?? '',
    secretAccessKey: '',
    sessionToken: '',
    // Always empty: a new token comes with a new expiry, and the old one would expire it at once.
    sessionExpiresAt: '',
    removeSession: false,
  });
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    // An expired key is the usual reason to open an existing hub: go straight to the secret.
    (hub ? secretRef : firstRef).current?.focus();
  }, [hub]);

  const set = <K extends keyof typeof values>(k: K, v: (typeof values)[K]) => setValues((s) => ({ ...s, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    setFormError(null);
    const expiresAt = values.sessionExpiresAt ? new Date(values.sessionExpiresAt).getTime() : undefined;
    const common = {
      name: values.name,
      endpoint: values.endpoint,
      region: values.region,
      bucket: values.bucket,
      keyPrefix: values.keyPrefix,
      pathStyle: values.pathStyle,
      accessKeyId: values.accessKeyId,
    };
    try {
      if (hub) {
        await call('hubs.update', {
          hubId: hub.id,
          patch: {
            ...common,
            ...(values.secretAccessKey ? { secretAccessKey: values.secretAccessKey } : {}),
            ...(values.removeSession ? { sessionToken: null } : values.sessionToken ? { sessionToken: values.sessionToken, ...(expiresAt ? { sessionExpiresAt: expiresAt } : {}) } : {}),
          },
        });
      } else {
        await call('hubs.create', {
          ...common,
          secretAccessKey: values.secretAccessKey,
          ...(values.sessionToken ? { sessionToken: values.sessionToken, ...(expiresAt ? { sessionExpiresAt: expiresAt } : {}) } : {}),
        });
      }
      await refreshHubs();
      edit(null);
    } catch (err) {
      if (err instanceof LecternError && err.issues?.length) {
        const next: Partial<Record<Field | 'form', string>> = {};
        for (const issue of err.issues) {
          const field = (issue.path.replace(/^patch\./, '') || 'form') as Field | 'form';
          next[field] ??= issue.text ? t(issue.text.key, issue.text.values) : issue.message;
        }
        setErrors(next);
      } else {
        setFormError(err);
      }
    } finally {
      setSaving(false);
    }
  }

  const text = (field: Field, label: string, opts: { hint?: string; type?: string; placeholder?: string; ref?: Ref<HTMLInputElement>; autoComplete?: string } = {}) => (
    <label className="field" htmlFor={`${id}-${field}`}>
      <span className="field-label">{label}</span>
      <input
        id={`${id}-${field}`}
        ref={opts.ref}
        type={opts.type ?? 'text'}
        value={values[field]}
        placeholder={opts.placeholder}
        autoComplete={opts.autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `${id}-${field}-error` : undefined}
        onChange={(e) => set(field, e.target.value)}
        data-testid={`hub-${field}`}
      />
      {opts.hint && <span className="field-hint">{opts.hint}</span>}
      {errors[field] && (
        <span className="field-error" id={`${id}-${field}-error`}>
          {errors[field]}
        </span>
      )}
    </label>
  );

  return (
    <form className="hub-form" onSubmit={(e) => {
        if (!refuseWhileComposing(e)) void submit(e);
      }} aria-label={hub ? t('hubs.form.editLabel', { name: hub.name }) : t('hubs.form.add')} data-testid="hub-form">
      <h3 className="hub-form-title">{hub ? t('hubs.form.editTitle', { name: hub.name }) : t('hubs.form.add')}</h3>
      <div className="hub-form-grid">
        {text('name', t('hubs.form.name'), { ref: firstRef, placeholder: t('hubs.form.namePlaceholder') })}
        {text('endpoint', t('hubs.form.endpoint'), { placeholder: ENDPOINT_EXAMPLE })}
        {text('region', t('hubs.form.region'))}
        {text('bucket', t('hubs.form.bucket'))}
        {text('keyPrefix', t('hubs.form.keyPrefix'), { hint: t('hubs.form.keyPrefixHint') })}
        <label className="field hub-checkbox">
          <input type="checkbox" checked={values.pathStyle} onChange={(e) => set('pathStyle', e.target.checked)} data-testid="hub-pathStyle" />
          <span>{t('hubs.form.pathStyle')}</span>
        </label>
        {text('accessKeyId', t('hubs.form.accessKeyId'))}
        {text('secretAccessKey', t('hubs.form.secretAccessKey'), {
          type: 'password',
          ref: secretRef,
          autoComplete: 'new-password',
          placeholder: hub ? t('hubs.form.secretStored') : '',
          hint: t('hubs.form.secretHint'),
        })}
        <Advanced
          summary={t('hubs.form.advanced')}
          forceOpen={Boolean(hub?.hasSessionToken) || Boolean(errors.sessionToken) || Boolean(errors.sessionExpiresAt)}
          testId="hub-advanced"
        >
          {text('sessionToken', t('hubs.form.sessionToken'), {
            type: 'password',
            autoComplete: 'new-password',
            placeholder: hub?.hasSessionToken ? t('hubs.form.sessionStored') : t('hubs.form.optional'),
          })}
          {text('sessionExpiresAt', t('hubs.form.sessionExpires'), { type: 'datetime-local' })}
          {hub?.hasSessionToken && (
            <label className="field hub-checkbox">
              <input type="checkbox" checked={values.removeSession} onChange={(e) => set('removeSession', e.target.checked)} />
              <span>{t('hubs.form.removeSession')}</span>
            </label>
          )}
        </Advanced>
      </div>
      {errors.form && <ErrorNotice className="field-error" error={errors.form} />}
      {formError !== null && <ErrorNotice className="field-error" error={formError} context={{ hub: values.name }} data-testid="hub-form-error" />}
      <div className="hub-form-actions">
        <button type="button" className="button" onClick={() => edit(null)}>
          {t('hubs.form.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={saving} data-testid="hub-save">
          {saving ? t('hubs.form.saving') : hub ? t('hubs.form.save') : t('hubs.add')}
        </button>
      </div>
    </form>
  );
}
