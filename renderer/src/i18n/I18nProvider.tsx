import { useEffect, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { CATALOGS } from './catalogs';
import { useLocale } from './locale-store';

/** Draws the app in the active language; a change of setting re-renders everything below without a restart. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useLocale((s) => s.locale);
  const load = useLocale((s) => s.load);

  useEffect(() => {
    // A failed read leaves the browser/English default in place: the app stays usable in some language.
    load().catch((err: unknown) => console.warn('Could not read the language setting:', err));
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <IntlProvider locale={locale} defaultLocale="en" messages={CATALOGS[locale] ?? CATALOGS.en}>
      {children}
    </IntlProvider>
  );
}
