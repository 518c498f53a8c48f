import { useId, useRef, useState } from 'react';
import type { Hub } from '../../../main/contract/domains/publishing-types';
import { useT } from '../i18n/use-t';

/**
 * Copies through the selected field (the page's own copy command needs no clipboard permission, which
 * the app denies), then the async clipboard API; false when neither worked, and the text stays selected.
 */
async function copyFrom(input: HTMLInputElement): Promise<boolean> {
  input.focus();
  input.select();
  if (document.execCommand('copy')) return true;
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    return false;
  }
}

/** The address a student types into the library's "Add hub" form, with a Copy button. */
export function ShareWithStudents({ hub }: { hub: Hub }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const t = useT();

  return (
    <div className="hub-share" data-testid="hub-share">
      <label htmlFor={id} className="field-label">
        {t('hubs.share.label')}
      </label>
      <div className="hub-share-row">
        <input id={id} ref={input} readOnly value={hub.shareAddress} spellCheck={false} aria-describedby={`${id}-hint`} onFocus={(e) => e.currentTarget.select()} data-testid="hub-share-address" />
        <button
          type="button"
          className="button"
          onClick={() => void (input.current ? copyFrom(input.current) : Promise.resolve(false)).then((ok) => setCopied(ok ? 'yes' : 'no'))}
          data-testid="hub-share-copy"
        >
          {t('hubs.share.copy')}
        </button>
      </div>
      <p id={`${id}-hint`} className="field-hint" aria-live="polite">
        {copied === 'yes' ? t('hubs.share.copied') : copied === 'no' ? t('hubs.share.copyFailed') : t('hubs.share.hint')}
      </p>
    </div>
  );
}
