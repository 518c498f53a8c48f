import { useState } from 'react';
import { describeError } from '../errors/error-text';
import { languageName, LOCALES } from '../i18n/catalogs';
import { useLocale } from '../i18n/locale-store';
import { useT } from '../i18n/use-t';

/** English / 한국어 / follow the system: applies at once and is remembered by main. */
export function LanguagePanel() {
  const t = useT();
  const setting = useLocale((s) => s.setting);
  const locale = useLocale((s) => s.locale);
  const choose = useLocale((s) => s.choose);
  const [problem, setProblem] = useState<string | null>(null);

  const onChange = (next: string) => {
    setProblem(null);
    choose(next).catch((err: unknown) => setProblem(t('settings.language.failed', { reason: describeError(err).sentence })));
  };

  return (
    <section className="language" aria-labelledby="language-heading">
      <h2 id="language-heading">{t('settings.language.heading')}</h2>
      <label className="field">
        <span className="field-label">{t('settings.language.label')}</span>
        <select value={setting} onChange={(e) => onChange(e.target.value)} data-testid="language-select">
          <option value="system">{setting === 'system' ? t('settings.language.systemNow', { language: languageName(locale) }) : t('settings.language.system')}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {languageName(l)}
            </option>
          ))}
        </select>
      </label>
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
