import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Base styles first: component stylesheets refine them and must come later in the cascade.
import './ui/base.css';
import { App } from './App';
import { startCompositionTracking } from './ui/ime';

startCompositionTracking();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
