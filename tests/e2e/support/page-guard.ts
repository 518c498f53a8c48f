import type { Page } from '@playwright/test';

/**
 * Collects everything that means the renderer misbehaved: uncaught exceptions, console errors, and
 * CSP violations (Chromium reports those as console errors, "Refused to …"). `allow` lists messages a
 * test provokes on purpose, such as the lost WebSocket when it kills the host.
 */
export function guardPage(page: Page, allow: RegExp[] = []): { problems(): string[] } {
  const problems: string[] = [];
  const allowed = (text: string) => allow.some((re) => re.test(text));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if ((m.type() === 'error' || /Content Security Policy|Refused to/i.test(text)) && !allowed(text)) problems.push(`console.${m.type()}: ${text}`);
  });
  return { problems: () => [...problems] };
}
