import { test as base } from '@playwright/test';
import { tempDir } from '../../helpers/tmp';
import { startHostProcess, type HostProcess } from './host-process';

/**
 * `host`: a fresh test host with its own data folder, stopped and removed after the test.
 * `hostLanguage`: the UI language it starts in (`test.use({ hostLanguage: 'ko' })`), stored as the
 * `ui.language` setting before the page loads; unset, the setting is left at "system".
 */
export const test = base.extend<{ host: HostProcess; hostLanguage: string | undefined }>({
  hostLanguage: [undefined, { option: true }],
  host: async ({ hostLanguage }, use) => {
    const tmp = tempDir('lectern-e2e-');
    const host = await startHostProcess(tmp.dir, 0, hostLanguage ? { LECTERN_HOST_LANGUAGE: hostLanguage } : {});
    await use(host);
    await host.stop();
    tmp.cleanup();
  },
});

export { expect } from '@playwright/test';
