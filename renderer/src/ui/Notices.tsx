import { useNotices } from '../state/notices-store';
import { CloseIcon } from './icons';

/** Errors from main that are not about one field: shown until dismissed. */
export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className="notice" role="alert" data-testid="notice">
          <span dir="auto">{n.message}</span>
          {n.action && (
            <button
              type="button"
              className="button"
              onClick={() => {
                dismiss(n.id);
                n.action?.run();
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss this message" onClick={() => dismiss(n.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
