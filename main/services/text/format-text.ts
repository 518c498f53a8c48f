import { IntlMessageFormat } from 'intl-messageformat';
import { SERVICE_CATALOGS, type ServiceText } from '../../contract/service-text';

const compiled = new Map<string, IntlMessageFormat>();

/**
 * A service message in one language (English when the language has no catalog). Services use it for the
 * English `message` their errors keep for logs and Details; the CLI for what it prints under LANG.
 */
export function formatText(text: ServiceText, locale = 'en'): string {
  const lang = SERVICE_CATALOGS[locale] ? locale : 'en';
  const id = `${lang}\u0000${text.key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(SERVICE_CATALOGS[lang]![text.key], lang);
    compiled.set(id, format);
  }
  const out = format.format(text.values);
  return typeof out === 'string' ? out : String(out);
}
