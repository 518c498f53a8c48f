/**
 * The language the UI is drawn in, for code outside React (formatters). Kept apart from the store so
 * formatting needs neither IPC nor React; the locale store is the only writer.
 */
let current = 'en';

export const activeLocale = (): string => current;

export function setActiveLocale(locale: string): void {
  current = locale;
}
