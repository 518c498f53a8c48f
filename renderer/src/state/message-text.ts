import type { MessageKey } from '../i18n/catalogs';

/** A catalog message with its values, kept in a store and translated when drawn (so a language switch redraws it). */
export interface Message {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/**
 * What stores keep for the UI to show: a Message, or a string the caller already wrote (areas not yet
 * translated pass English; such a string stays in the language it was written in).
 */
export type Text = string | Message;

/** Any `t`: useT()'s in components, format.ts's `translate` elsewhere. */
export type TranslateFn = (key: MessageKey, values?: Record<string, string | number>) => string;

export const message = (key: MessageKey, values?: Record<string, string | number>): Message => (values ? { key, values } : { key });

/** The text in the active language. */
export const textIn = (t: TranslateFn, text: Text): string => (typeof text === 'string' ? text : t(text.key, text.values));

/** Equal texts say the same thing in every language: same string, or same key and values. */
export function sameText(a: Text | undefined, b: Text | undefined): boolean {
  if (typeof a === 'string' || typeof b === 'string' || a === undefined || b === undefined) return a === b;
  if (a.key !== b.key) return false;
  const av = a.values ?? {};
  const bv = b.values ?? {};
  const keys = Object.keys(av);
  return keys.length === Object.keys(bv).length && keys.every((k) => av[k] === bv[k]);
}
