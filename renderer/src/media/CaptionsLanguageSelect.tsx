import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/use-t';
import { FieldMessages } from '../ui/FieldMessages';
import { canonicalLanguage, languageChoices } from './caption-languages';
import { saveCaptionsInfo } from './media-actions';

/**
 * The captions language as a list (type a letter to jump, as in any select) instead of a free-text
 * code. It saves on change; a refusal from main is shown under it and the list shows the stored value.
 */
export function CaptionsLanguageSelect({ lectureId, stored }: { lectureId: string; stored: string | null }) {
  const id = useId();
  const t = useT();
  const { locale } = useIntl();
  const [error, setError] = useState<unknown>(null);
  const value = stored === null ? '' : canonicalLanguage(stored);
  const { common, others, current } = languageChoices(stored, locale);

  const change = async (next: string) => {
    setError(null);
    try {
      await saveCaptionsInfo(lectureId, { language: next || null });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="field media-captions-language">
      <label htmlFor={id} className="field-label">
        {t('media.captions.language')}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => void change(e.target.value)}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        data-testid="media-captions-language"
      >
        <option value="">{t('media.captions.languageNotSet')}</option>
        {current && <option value={current.code}>{current.label}</option>}
        <optgroup label={t('media.captions.languageCommon')}>
          {common.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('media.captions.languageAll')}>
          {others.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </optgroup>
      </select>
      <FieldMessages hint={t('media.captions.languageHint')} hintId={`${id}-hint`} error={error} errorId={`${id}-error`} lead={t('media.captions.languageSaveFailed')} />
    </div>
  );
}
