import fs from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium; Playwright never downloads a browser here. Override with LECTERN_CHROMIUM. */
export const CHROMIUM_PATH = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumLaunchOptions(): LaunchOptions {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install chromium (or set LECTERN_CHROMIUM)`);
  }
  return {
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  };
}

/**
 * Chromium for the recording tests: fake camera and microphone (a test pattern and a beep), permission
 * prompts answered yes, and getDisplayMedia given the screen without a picker (headless or under xvfb).
 */
export function recordingLaunchOptions(): LaunchOptions {
  const base = chromiumLaunchOptions();
  return {
    ...base,
    args: [...(base.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--auto-select-desktop-capture-source=Entire screen', '--autoplay-policy=no-user-gesture-required'],
  };
}
