import { useT } from '../i18n/use-t';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { LanguagePanel } from './LanguagePanel';
import { UpdatesPanel } from './UpdatesPanel';
import './settings.css';

/** App-wide settings: the UI language, how Lectern updates itself, and diagnostics for a support request. */
export function SettingsArea() {
  const t = useT();
  return (
    <main className="workspace settings" aria-label={t('settings.title')}>
      <h1>{t('settings.title')}</h1>
      <LanguagePanel />
      <UpdatesPanel />
      <DiagnosticsPanel />
    </main>
  );
}
