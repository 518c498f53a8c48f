import fs from 'node:fs';
import path from 'node:path';
import type { Catalog } from './english-text';

/** A shipped UI catalog, read as a file: the assertions are against the catalogs, whatever they say. */
export const catalog = (lang: string): Catalog => JSON.parse(fs.readFileSync(path.resolve('renderer/src/i18n/messages', `${lang}.json`), 'utf8')) as Catalog;

export const en = catalog('en');
export const ko = catalog('ko');

/**
 * A message from a catalog with simple `{name}` values filled in (plural and select forms are left as
 * they are); a missing key fails the test with its name rather than comparing to undefined.
 */
export function text(c: Catalog, key: string, values: Record<string, string> = {}): string {
  const value = c[key];
  if (value === undefined) throw new Error(`The catalog has no message "${key}"`);
  return value.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}
