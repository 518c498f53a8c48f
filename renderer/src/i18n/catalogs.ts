import { SERVICE_CATALOGS, type TextKey } from '../../../main/contract/service-text';
import en from './messages/en.json';

/**
 * English is the source: its keys, and the service messages' (main/contract/messages, the sentences main
 * sends as ids and values), are the only valid message ids, checked by the compiler.
 */
export type MessageKey = keyof typeof en | TextKey;
export type Catalog = Record<MessageKey, string>;

// Vite (and vitest) bundle every catalog in the folder, so a third language is one more JSON file here
// and one in main/contract/messages.
const files = import.meta.glob<{ default: Record<keyof typeof en, string> }>('./messages/*.json', { eager: true });

export const CATALOGS: Readonly<Record<string, Catalog>> = Object.fromEntries(
  Object.entries(files).map(([path, mod]) => {
    const locale = path.replace(/^.*\/(.+)\.json$/, '$1');
    return [locale, { ...SERVICE_CATALOGS[locale], ...mod.default } as Catalog];
  }),
);

/** The languages Lectern ships, English first (the fallback), then in file order. */
export const LOCALES: readonly string[] = ['en', ...Object.keys(CATALOGS).filter((l) => l !== 'en').sort()];

/** Each catalog names its own language ("English", "한국어"), so the selector reads the same in every UI language. */
export const languageName = (locale: string): string => CATALOGS[locale]?.['meta.languageName'] ?? locale;
