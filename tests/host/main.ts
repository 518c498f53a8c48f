import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTestHost } from './test-host';

/** The keychain service the test host's secrets go under with --keychain: not the app's own `lectern`. */
const HOST_KEYCHAIN_SERVICE = 'lectern-test-host';

// `npm run host`: start the test host and print the URL to open in a browser.
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    // Secrets in the OS keychain instead of memory, so a restarted host keeps hub secrets and download keys.
    keychain: { type: 'boolean', default: process.env.LECTERN_HOST_KEYCHAIN === '1' },
    'keychain-service': { type: 'string', default: HOST_KEYCHAIN_SERVICE },
    // The UI language to start in ("en", "ko", "system"), stored as if chosen in Settings.
    language: { type: 'string', ...(process.env.LECTERN_HOST_LANGUAGE ? { default: process.env.LECTERN_HOST_LANGUAGE } : {}) },
  },
});
const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-host-'));
const host = await startTestHost({
  dataDir,
  port: Number(values.port),
  ...(values.keychain ? { keychainService: values['keychain-service'] } : {}),
  ...(values.language ? { language: values.language } : {}),
});
if (values.keychain && !values['data-dir']) {
  process.stderr.write('Secrets go to the OS keychain, but the data folder is temporary: pass --data-dir <dir> to keep both across restarts.\n');
}
// Tests wait for this exact line.
process.stdout.write(`LECTERN_TEST_HOST_READY ${host.url} ${dataDir}\n`);
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
