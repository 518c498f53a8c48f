import { useT } from '../i18n/use-t';
import { textIn } from '../state/message-text';
import { useNav } from '../state/nav-store';
import { useNotices, type Notice } from '../state/notices-store';
import { ErrorNotice } from './ErrorNotice';
import { CloseIcon } from './icons';

/** Errors from main that are not about one field: shown in the area they happened in, until dismissed. */
export function Notices() {
  const area = useNav((s) => s.area);
  const notices = useNotices((s) => s.notices).filter((n) => n.area === area);
  const dismiss = useNotices((s) => s.dismiss);
  const t = useT();
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className="notice" role={n.error === undefined ? 'alert' : undefined} data-testid="notice">
          {n.error === undefined ? <span dir="auto">{textIn(t, n.message)}</span> : <ErrorNotice className="notice-error" error={n.error} lead={textIn(t, n.message) || undefined} {...contextOf(n)} />}
          {n.action && (
            <button
              type="button"
              className="button"
              onClick={() => {
                dismiss(n.id);
                n.action?.run();
              }}
            >
              {textIn(t, n.action.label)}
            </button>
          )}
          <button type="button" className="icon-button" aria-label={t('ui.dismissMessage')} onClick={() => dismiss(n.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}

function contextOf(n: Notice): { context?: NonNullable<Notice['context']> } {
  return n.context ? { context: n.context } : {};
}
