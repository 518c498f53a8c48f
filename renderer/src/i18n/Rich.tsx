import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from './catalogs';

/** Values for a message with markup: `<b>…</b>` in the catalog becomes whatever `b` returns;
 * `{title}` may be an element (a `<bdi>` around user text). */
export type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

/** A message with inline markup (bold words, links), keyed like `t` so the compiler checks the id. */
export function Rich({ id, values }: { id: MessageKey; values: RichValues }) {
  return <FormattedMessage id={id} values={values} />;
}
