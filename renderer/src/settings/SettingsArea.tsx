import { UpdatesPanel } from './UpdatesPanel';
import './settings.css';

/** App-wide settings; today how Lectern updates itself. */
export function SettingsArea() {
  return (
    <main className="workspace settings" aria-label="Settings">
      <h1>Settings</h1>
      <UpdatesPanel />
    </main>
  );
}
