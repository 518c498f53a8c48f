import { useLocale } from './i18n/locale-store';
import { LibraryArea } from './library/LibraryArea';
import { PublishingArea } from './publishing/PublishingArea';
import { RecoveryPrompt } from './recording/RecoveryPrompt';
import { SettingsArea } from './settings/SettingsArea';
import { AreaTabs } from './shell/AreaTabs';
import { useWindowTitle } from './shell/window-title';
import { useNav } from './state/nav-store';
import { StudioArea } from './studio/StudioArea';
import { UndoToast } from './ui/UndoToast';
import './ui/app.css';

export function App() {
  const area = useNav((s) => s.area);
  useWindowTitle();
  // Subscribed so a language change redraws the whole tree, including text from plain formatters.
  useLocale((s) => s.locale);
  return (
    <div className="app-frame">
      <AreaTabs />
      {area === 'studio' ? <StudioArea /> : area === 'publishing' ? <PublishingArea /> : area === 'settings' ? <SettingsArea /> : <LibraryArea />}
      <UndoToast />
      <RecoveryPrompt />
    </div>
  );
}
