import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageKey } from './catalogs';

/** Values an ICU message interpolates: `{count, plural, …}`, `{name}`. */
export type MessageValues = Record<string, string | number | Date>;

export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** `t('area.studio')`: the message in the active language; keys are checked against en.json by the compiler. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback((key: MessageKey, values?: MessageValues) => intl.formatMessage({ id: key }, values), [intl]);
}
