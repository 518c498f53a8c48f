import { DiagnosticsPanel } from './DiagnosticsPanel';
import { UpdatesPanel } from './UpdatesPanel';
import './settings.css';

/** App-wide settings: how Lectern updates itself, and diagnostics for a support request. */
export function SettingsArea() {
  return (
    <main className="workspace settings" aria-label="Settings">
      <h1>Settings</h1>
      <UpdatesPanel />
      <DiagnosticsPanel />
    </main>
  );
}
