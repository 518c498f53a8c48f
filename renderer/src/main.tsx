import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Base styles first: component stylesheets refine them and must come later in the cascade.
import './ui/base.css';
import { App } from './App';
import { I18nProvider } from './i18n/I18nProvider';
import { startCompositionTracking } from './ui/ime';

startCompositionTracking();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
