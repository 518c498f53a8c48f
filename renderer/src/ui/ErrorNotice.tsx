import type { ReactNode } from 'react';
import type { FailureParams } from '../../../main/contract/failures';
import { dedupe, describeError } from '../errors/error-text';
import { useT } from '../i18n/use-t';
import './error-notice.css';

export interface ErrorNoticeProps {
  /** A LecternError from `call`, a stored error text or any thrown value. */
  error: unknown;
  /** What the caller knows that the error may not carry (the hub's name). */
  context?: FailureParams;
  /** A short lead naming what failed, e.g. `Couldn't save the title of “Algebra”.` */
  lead?: string;
  /** Buttons that fix it (Try again, Update the key…). */
  action?: ReactNode;
  id?: string;
  className?: string;
  /** Block (default) or inline inside a line of text. */
  inline?: boolean;
  'data-testid'?: string;
}

/**
 * Every error the UI shows: one sentence saying what happened and what to do, an optional action, and
 * the technical text folded away under "Details" for support.
 */
export function ErrorNotice({ error, context, lead, action, id, className, inline, 'data-testid': testId }: ErrorNoticeProps) {
  const { sentence, details, failure } = describeError(error, context);
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag id={id} className={`error-notice${inline ? ' error-notice-inline' : ''}${className ? ` ${className}` : ''}`} role="alert" data-testid={testId} data-failure={failure ?? undefined}>
      <span className="error-notice-sentence" dir="auto" data-testid="error-sentence">
        {lead ? `${lead} ` : ''}
        {sentence}
      </span>
      {action && <span className="error-notice-actions">{action}</span>}
      {details && <ErrorDetails text={details} />}
    </Tag>
  );
}

/** The technical text alone, folded away, for places that say the sentence themselves (a hub's banner). */
export function ErrorDetails({ text }: { text: string }) {
  const shown = dedupe(text);
  const t = useT();
  if (!shown) return null;
  return (
    <details className="error-notice-details">
      <summary>{t('ui.details')}</summary>
      <pre dir="auto" data-testid="error-details">
        {shown}
      </pre>
    </details>
  );
}
