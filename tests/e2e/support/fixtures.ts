import { test as base } from '@playwright/test';
import { tempDir } from '../../helpers/tmp';
import { startHostProcess, type HostProcess } from './host-process';

/** `host`: a fresh test host with its own data folder, stopped and removed after the test. */
export const test = base.extend<{ host: HostProcess }>({
  host: async ({}, use) => {
    const tmp = tempDir('lectern-e2e-');
    const host = await startHostProcess(tmp.dir);
    await use(host);
    await host.stop();
    tmp.cleanup();
  },
});

export { expect } from '@playwright/test';
