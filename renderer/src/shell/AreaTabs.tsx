import { useEffect } from 'react';
import { useT } from '../i18n/use-t';
import { AREAS, useNav } from '../state/nav-store';
import { isComposing } from '../ui/ime';
import './shell.css';

/** Switches between the areas; Ctrl+1…4 (⌘ on macOS) from anywhere. */
export function AreaTabs() {
  const area = useNav((s) => s.area);
  const show = useNav((s) => s.show);
  const t = useT();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || isComposing(e)) return;
      const target = AREAS.find((a) => a.shortcut === e.key);
      if (!target) return;
      e.preventDefault();
      show(target.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);

  return (
    <nav className="area-tabs" aria-label={t('shell.areas')}>
      <img className="app-logo" src="./favicon.svg" alt="" width={22} height={22} data-testid="app-logo" />
      {AREAS.map((a) => (
        <button
          key={a.id}
          type="button"
          className="area-tab"
          aria-current={a.id === area ? 'page' : undefined}
          title={t('shell.tabTitle', { label: t(a.label), shortcut: a.shortcut })}
          onClick={() => show(a.id)}
          data-testid={`area-${a.id}`}
        >
          {t(a.label)}
        </button>
      ))}
    </nav>
  );
}
